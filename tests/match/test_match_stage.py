"""MatchStage: known content found through the pipeline, with labels, from memory or the store."""

from __future__ import annotations

import pytest
from match_texts import AMENDED, SAME_TOPIC, STATEMENT, UNRELATED

from basira.match import EntryLabels, MatchStage, MemoryBanks, NewEntry, build_match_stage, compute_signals
from basira.output import analysis_dict
from basira.pipeline import Analyzer, Stage
from basira.types import Document


def _doc(text: str, id_: str = "d1") -> Document:
    return Document(id=id_, source="test.txt", text=text, format="text")


@pytest.fixture
def banks() -> MemoryBanks:
    banks = MemoryBanks()
    banks.create_bank("statements")
    banks.add("statements", [
        NewEntry(compute_signals(STATEMENT), EntryLabels(category="designated_propaganda", source="synthetic"),
                 key="statement-1"),
        NewEntry(compute_signals(UNRELATED), EntryLabels(category="recruitment"), key="other-1"),
    ])
    return banks


def test_match_stage_is_a_stage(banks):
    stage: Stage = MatchStage(banks, ["statements"])
    assert stage.name == "match"


def test_exact_copy_is_an_exact_hit_with_labels(banks):
    analyzer = Analyzer(recognizers=[], stages=[MatchStage(banks, ["statements"])])
    result = analysis_dict(analyzer.analyze(_doc("  " + STATEMENT.replace(" ", "   ") + "\n")))
    assert [(m["bank"], m["signal"], m["similarity"], m["entry"]) for m in result["matches"]] == [
        ("statements", "sha256", 1.0, "statement-1")
    ]
    assert result["matches"][0]["labels"]["category"] == "designated_propaganda"
    assert result["versions"]["match.banks"] == "statements@r1"
    assert result["versions"]["match.signals"] == "sha256@1,minhash@1/0.5"


def test_amended_copy_is_a_near_duplicate_hit(banks):
    hits = MatchStage(banks, ["statements"]).match_text(AMENDED)
    assert [(h.entry, h.signal) for h in hits] == [("statement-1", "minhash")]
    assert 0.5 <= hits[0].similarity < 1.0


def test_same_topic_in_other_words_is_no_hit(banks):
    assert MatchStage(banks, ["statements"]).match_text(SAME_TOPIC) == []


def test_threshold_is_configurable(banks):
    assert MatchStage(banks, ["statements"], minhash_threshold=0.95).match_text(AMENDED) == []


def test_disabled_bank_is_skipped_and_says_so(banks):
    banks.set_enabled("statements", False)
    stage = MatchStage(banks, ["statements"])
    assert stage.match_text(STATEMENT) == []
    assert stage.versions()["match.banks"] == "statements@disabled"


def test_no_banks_named_means_every_enabled_bank(banks):
    banks.create_bank("empty")
    stage = MatchStage(banks)
    assert [i.bank.name for i in stage.indexes] == ["empty", "statements"]
    assert stage.match_text(STATEMENT)[0].entry == "statement-1"


def test_unknown_bank_is_an_error(banks):
    with pytest.raises(KeyError, match=r"E320.*statements"):
        MatchStage(banks, ["nope"])


def test_existing_matches_are_kept_and_no_hit_leaves_the_analysis_alone(banks):
    stage = MatchStage(banks, ["statements"])
    analysis = Analyzer(recognizers=[]).analyze(_doc(SAME_TOPIC))
    assert stage.apply(analysis) is analysis


def test_build_match_stage_reads_banks_from_the_store(tmp_path):
    from basira.store import Store

    url = f"sqlite:///{tmp_path / 'b.db'}"
    with Store.open(url) as store:
        store.create_bank("statements")
        store.add_bank_entries("statements", [NewEntry(compute_signals(STATEMENT), EntryLabels(entity="org-x"))])
    stage = build_match_stage(url, ["statements"])
    hits = stage.match_text(AMENDED)
    assert len(hits) == 1 and hits[0].labels["entity"] == "org-x"
