"""Mining separating terms: the Fightin' Words z-scores by hand, a planted word found, terms, the CLI."""

from __future__ import annotations

import json
import math
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from basira.cli import app
from basira.eval.mining import (
    LabelledItem,
    MiningError,
    entity_counts,
    items_with,
    language_of,
    load_labelled,
    log_odds_z,
    rank_by_language,
    rank_terms,
    terms,
)

NEUTRAL_AR = [
    "ذهب الولد إلى المدرسة في الصباح",
    "شربت القهوة مع أصدقائي في المقهى",
    "قرأت كتابا جميلا عن تاريخ المدينة",
    "اشترت أمي الخبز والحليب من السوق",
    "لعب الأطفال الكرة في الحديقة العامة",
    "سافرنا إلى البحر في العطلة الصيفية",
    "كتب الطالب واجبه قبل النوم",
    "زرنا جدتي يوم الجمعة بعد الصلاة",
]
NEUTRAL_EN = [
    "we walked to the park after lunch",
    "the bus was late again this morning",
    "she bought bread and milk at the shop",
    "my brother fixed the old bicycle",
    "the library opens at nine on weekdays",
    "they painted the kitchen a pale green",
]
PLANTED_AR = "قرنفلون"  # an invented word: only the "violating" items carry it
PLANTED_EN = "zorblat"


def _items() -> list[LabelledItem]:
    items = []
    for i, text in enumerate(NEUTRAL_AR):
        items.append(LabelledItem(f"ab{i}", text, violating=False))
        items.append(LabelledItem(f"av{i}", f"{text} {PLANTED_AR}" if i % 2 == 0 else f"{PLANTED_AR} {text}", True))
    for i, text in enumerate(NEUTRAL_EN):
        items.append(LabelledItem(f"eb{i}", text, violating=False))
        items.append(LabelledItem(f"ev{i}", f"{PLANTED_EN} {text}", violating=True))
    return items


def test_z_scores_match_a_hand_computation() -> None:
    # counts: violating a=2 b=1 (n=3), benign a=1 b=3 (n=4); α0 = 4, so α_a = 4·3/7 = 12/7, α_b = 16/7.
    # a: odds_v = (2+12/7)/(3+4-2-12/7) = 26/23, odds_b = (1+12/7)/(4+4-1-12/7) = 19/37,
    #    δ = ln(26·37 / (23·19)) = ln(962/437), σ² = 7/26 + 7/19.
    # b: odds_v = 23/26, odds_b = 37/19, δ = ln(437/962), σ² = 7/23 + 7/37.
    scores = log_odds_z(Counter(a=2, b=1), Counter(a=1, b=3), prior_scale=4)
    delta_a, z_a = scores["a"]
    delta_b, z_b = scores["b"]
    assert delta_a == pytest.approx(math.log(962 / 437))
    assert z_a == pytest.approx(math.log(962 / 437) / math.sqrt(7 / 26 + 7 / 19))
    assert delta_b == pytest.approx(math.log(437 / 962))
    assert z_b == pytest.approx(math.log(437 / 962) / math.sqrt(7 / 23 + 7 / 37))
    # ln(2.2014) = 0.7891; a: σ = √0.6377 = 0.7985, z = 0.9882; b: σ = √0.4935 = 0.7025, z = −1.1233
    assert z_a == pytest.approx(0.9882, abs=1e-4) and z_b == pytest.approx(-1.1233, abs=1e-4)


def test_a_term_seen_in_one_group_only_gets_its_sign_and_prior_shrinks_rare_terms() -> None:
    scores = log_odds_z(Counter(x=1, common=50), Counter(y=1, common=50), prior_scale=10)
    assert scores["x"][1] > 0 > scores["y"][1]
    assert abs(scores["common"][1]) < 1e-9
    many = log_odds_z(Counter(x=20, common=50), Counter(y=1, common=50), prior_scale=10)
    assert many["x"][1] > scores["x"][1]  # more evidence, larger z
    with pytest.raises(ValueError, match="prior_scale"):
        log_odds_z(Counter(a=1), Counter(a=1), prior_scale=0)


def test_the_planted_word_ranks_first_in_each_language() -> None:
    rankings = rank_by_language(_items(), min_count=2, prior_scale=50)
    assert set(rankings) == {"ar", "en"}
    assert rankings["ar"].terms[0].term == PLANTED_AR  # normalised: no letter here changes
    assert rankings["en"].terms[0].term == PLANTED_EN
    top = rankings["ar"].terms[0]
    assert (top.violating, top.benign) == (len(NEUTRAL_AR), 0) and top.z > 0
    assert all(t.z < top.z for t in rankings["ar"].terms[1:])
    assert rankings["ar"].items_violating == rankings["ar"].items_benign == len(NEUTRAL_AR)


def test_terms_are_normalised_ngrams_without_urls_or_handles() -> None:
    got = terms("#الدولة_الإسلامية أعلنت https://t.co/abc @someone RT", max_n=2)
    assert "الدوله" in got and "الاسلاميه" in got and "الدوله الاسلاميه" in got  # hashtag split, folded
    assert "اعلنت" in got and "rt" in got
    assert not any("http" in t or "t co" in t or "someone" in t for t in got)
    assert terms("one two three four", max_n=3) >= {"one two three", "two three four"}
    assert "one two three four" not in terms("one two three four", max_n=3)
    assert "2015" not in terms("in 2015 it rained")  # a term needs a letter


def test_identical_items_count_once_and_min_count_filters() -> None:
    base = [LabelledItem(f"b{i}", t, False) for i, t in enumerate(NEUTRAL_EN)]
    retweets = [LabelledItem(f"r{i}", "RT: blorp blorp", True) for i in range(30)]
    other = [LabelledItem("v1", "zeep the bus", True), LabelledItem("v2", "zeep the park", True)]
    ranking = rank_terms(base + retweets + other, min_count=1, prior_scale=50)
    assert ranking.duplicates_dropped == 29 and ranking.items_violating == 3
    blorp = next(t for t in ranking.terms if t.term == "blorp")
    assert blorp.violating == 1  # thirty copies, one item
    filtered = {t.term for t in rank_terms(base + retweets + other, min_count=2, prior_scale=50).terms}
    assert "zeep" in filtered and "blorp" not in filtered  # in 2 items and in 1
    no_dedupe = rank_terms(base + retweets + other, min_count=2, dedupe=False)
    assert next(t for t in no_dedupe.terms if t.term == "blorp").violating == 30


def test_language_and_groups() -> None:
    assert language_of("ذهب الولد #school") == "ar"
    assert language_of("the boy went home") == "en"
    assert language_of("12345") == "en"
    one_label = [LabelledItem("a", "only benign words here", False), LabelledItem("b", "هنا كلمات", False)]
    assert rank_by_language(one_label) == {}
    with pytest.raises(MiningError, match="both violating and benign"):
        rank_terms(one_label)


def test_items_with_finds_the_items_a_term_comes_from() -> None:
    found = [i.id for i in items_with(_items(), PLANTED_EN)]
    assert found == [f"ev{i}" for i in range(len(NEUTRAL_EN))]
    assert [i.id for i in items_with(_items(), "the park after")] == ["eb0", "ev0"]


def test_load_labelled_reads_labels_and_names_bad_lines(tmp_path: Path) -> None:
    good = tmp_path / "d.jsonl"
    good.write_text(
        json.dumps({"id": "x", "text": "a", "label": "violating"}) + "\n\n"
        + json.dumps({"text": "b", "label": "benign", "category": "news_report"}) + "\n",
        encoding="utf-8",
    )
    items = load_labelled([good])
    assert [(i.id, i.violating, i.category) for i in items] == [("x", True, None), (f"{good}:3", False, "news_report")]
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "a"}\n', encoding="utf-8")
    with pytest.raises(MiningError, match=r"bad\.jsonl:1: needs"):
        load_labelled([bad])
    bad.write_text("not json\n", encoding="utf-8")
    with pytest.raises(MiningError, match=r"bad\.jsonl:1: not JSON"):
        load_labelled([bad])


def test_entity_counts_count_items_per_entity() -> None:
    items = [
        LabelledItem("1", "أعلنت #ولاية_صلاح_الدين ذلك وتحدثت عن داعش", True),
        LabelledItem("2", "قالت وكالة أنباء إن داعش انسحب", False),
        LabelledItem("3", "يوم عادي في المدينة", False),
    ]
    counts = {c.entity_id: c for c in entity_counts(items)}
    assert (counts["isil"].violating, counts["isil"].benign) == (1, 1)
    assert (counts["isil_w_salah_al_din"].violating, counts["isil_w_salah_al_din"].benign) == (1, 0)
    only = entity_counts(items, ["isil_amaq"])
    assert [(c.entity_id, c.violating, c.benign) for c in only] == [("isil_amaq", 0, 0)]


def test_cli_mine_prints_and_writes_the_ranking(tmp_path: Path) -> None:
    data = tmp_path / "mine.jsonl"
    data.write_text(
        "".join(json.dumps({"id": i.id, "text": i.text, "label": "violating" if i.violating else "benign"},
                           ensure_ascii=False) + "\n" for i in _items()),
        encoding="utf-8",
    )
    out = tmp_path / "ranked.json"
    result = CliRunner().invoke(
        app, ["mine", str(data), "--top", "3", "--min-count", "2", "--prior", "50", "--json", str(out),
              "--examples", "1", "--entities"]
    )
    assert result.exit_code == 0, result.output
    assert PLANTED_AR in result.output and PLANTED_EN in result.output
    assert "items naming each designated entity" in result.output
    payload = json.loads(out.read_text(encoding="utf-8"))
    assert payload["ar"]["terms"][0]["term"] == PLANTED_AR and payload["en"]["terms"][0]["term"] == PLANTED_EN
    missing = CliRunner().invoke(app, ["mine", str(tmp_path / "nope.jsonl")])
    assert missing.exit_code == 2 and "nope.jsonl" in missing.output
