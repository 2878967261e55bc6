"""The helpers rewritten for linear time (issue 14) give the answers of the plain quadratic definitions.

Each helper is compared with the straightforward version it replaced on many small random inputs (seeded),
including overlapping, nested, touching and identical spans.
"""

from __future__ import annotations

import random

import pytest

from basira.recognizers.base import Finding
from basira.recognizers.context import PhraseIndex
from basira.recognizers.lexicon import LexiconEntry, LexiconHit, longest_non_overlapping, sort_by_start_longest_first
from basira.recognizers.structure import _Spans
from basira.recognizers.violence import (
    LOOKAROUND,
    SENTENCE_STOP,
    WORD,
    merge_overlapping,
    next_words,
    prev_words,
    token_forms,
    words_between,
    words_within,
)

RUNS = 2000


def _random_spans(rng: random.Random, count: int, width: int = 60, longest: int = 8) -> list[tuple[int, int]]:
    spans = []
    for _ in range(count):
        start = rng.randint(0, width)
        spans.append((start, start + rng.randint(1, longest)))
    return spans


def _reference_longest(hits: list[LexiconHit]) -> list[LexiconHit]:
    chosen: list[LexiconHit] = []
    for hit in sorted(hits, key=lambda h: (-(h.end - h.start), h.start)):
        if all(hit.end <= c.start or hit.start >= c.end for c in chosen):
            chosen.append(hit)
    return sorted(chosen, key=lambda h: h.start)


def test_longest_non_overlapping_matches_the_pairwise_definition() -> None:
    rng = random.Random(14)
    for run in range(RUNS):
        hits = [
            LexiconHit(LexiconEntry(f"e{run}.{i}", "x", "L"), start, end, start, end)
            for i, (start, end) in enumerate(_random_spans(rng, rng.randint(0, 30)))
        ]
        assert longest_non_overlapping(hits) == _reference_longest(hits)


def test_sort_by_start_longest_first_is_the_stable_sort_on_start_and_minus_end() -> None:
    rng = random.Random(15)
    for run in range(RUNS):
        # equal spans are distinct hits (their entries differ): their order must be kept
        hits = [
            LexiconHit(LexiconEntry(f"e{run}.{i}", "x", "L"), start, end, start, end)
            for i, (start, end) in enumerate(_random_spans(rng, rng.randint(0, 30), width=12, longest=4))
        ]
        expected = sorted(hits, key=lambda h: (h.start, -h.end))
        sort_by_start_longest_first(hits)
        assert hits == expected


def _reference_merge(findings: list[Finding]) -> list[Finding]:
    out: list[Finding] = []
    by_label: dict[str, list[Finding]] = {}
    for f in findings:
        by_label.setdefault(f.label, []).append(f)
    for group in by_label.values():
        group.sort(key=lambda f: (f.start, -f.end))
        cluster: list[Finding] = []
        for item in [*group, None]:
            if item is not None and (not cluster or item.start < max(c.end for c in cluster)):
                cluster.append(item)
                continue
            if cluster:
                best = max(cluster, key=lambda c: (c.score, c.end - c.start))
                attrs = dict(best.attrs)
                for c in cluster:
                    for key, value in c.attrs.items():
                        attrs.setdefault(key, value)
                start, end = min(c.start for c in cluster), max(c.end for c in cluster)
                out.append(Finding(best.label, start, end, best.rule, best.score, best.kind, attrs, best.explanation))
            cluster = [item] if item is not None else []
    return sorted(out, key=lambda f: (f.start, f.end, f.label))


def test_merge_overlapping_matches_the_cluster_definition() -> None:
    rng = random.Random(15)
    for _ in range(RUNS):
        findings = [
            Finding(rng.choice("AB"), start, end, f"r{i}", rng.choice((0.5, 0.7, 0.9)), attrs={f"k{i % 3}": i})
            for i, (start, end) in enumerate(_random_spans(rng, rng.randint(0, 25), longest=15))
        ]
        assert merge_overlapping(findings) == _reference_merge(findings)


def test_merge_overlapping_joins_a_long_chain_of_overlaps_into_one_span() -> None:
    chain = [Finding("A", 10 * i, 10 * i + 15, f"r{i}", 0.5) for i in range(5000)]
    (merged,) = merge_overlapping(chain)
    assert (merged.start, merged.end) == (0, 10 * 4999 + 15)


@pytest.mark.parametrize("text", ["ندعو الى وقف كل الهجمات هنا", "a_b c1 d-e ... f", "   ", "كلمة"])
def test_words_within_is_words_between_up_to_the_limit(text: str) -> None:
    for start in range(len(text) + 1):
        for end in range(len(text) + 2):
            words = words_between(text, start, end)
            for limit in range(0, 7):
                expected = words if len(words) <= limit else None
                assert words_within(text, start, end, limit) == expected, (start, end, limit)


def test_phrase_index_finds_the_first_phrase_in_order_like_a_scan_of_all() -> None:
    vocabulary = ["قال", "وقال", "المتحدث", "باسم", "في", "بيان", "واضاف", "اضاف", "ان", "بالبيان"]
    rng = random.Random(16)
    for _ in range(300):
        phrases = sorted(
            {tuple(rng.choice(vocabulary) for _ in range(rng.randint(1, 3))) for _ in range(rng.randint(1, 8))},
            key=len,
            reverse=True,
        )
        index = PhraseIndex(phrases)
        words = [rng.choice(vocabulary) for _ in range(rng.randint(1, 8))]
        for i in range(len(words)):
            expected = next(
                (
                    len(p) for p in phrases
                    if i + len(p) <= len(words)
                    and p[0] in token_forms(words[i])
                    and all(words[i + k] == p[k] for k in range(1, len(p)))
                ),
                0,
            )
            assert index.longest_at(words, i) == expected


def test_spans_any_within_matches_a_scan() -> None:
    rng = random.Random(17)
    for _ in range(RUNS):
        spans = _random_spans(rng, rng.randint(0, 12), longest=20)
        index = _Spans(spans)
        low = rng.randint(0, 70)
        high = low + rng.randint(0, 40)
        assert index.any_within(low, high) == any(low <= a and b <= high for a, b in spans)



def _reference_next_words(text: str, pos: int, count: int) -> list[str]:
    words: list[str] = []
    for m in WORD.finditer(text, pos, min(len(text), pos + LOOKAROUND)):
        if SENTENCE_STOP.search(text, pos, m.start()):
            break
        words.append(m.group())
        if len(words) == count:
            break
    return words


def _reference_prev_words(text: str, pos: int, count: int) -> list[str]:
    start = max(0, pos - LOOKAROUND)
    matches = list(WORD.finditer(text, start, pos))
    if matches and matches[0].start() == start and start > 0 and text[start - 1].isalnum():
        matches = matches[1:]
    words: list[str] = []
    cursor = pos
    for m in reversed(matches):
        if SENTENCE_STOP.search(text, m.end(), cursor):
            break
        words.append(m.group())
        cursor = m.start()
        if len(words) == count:
            break
    return list(reversed(words))


def test_next_and_previous_words_stop_at_a_sentence_end_like_a_search_per_word() -> None:
    rng = random.Random(18)
    pieces = ["ab", "كل", "الناطق", " ", " ", ".", "\n", "،", "_", "1", "؟", "!", "x y", "\u064b", "\u200d",
              "\U0001d400", "\U0001f600"]
    no_stop = [p for p in pieces if not SENTENCE_STOP.search(p)]  # half the texts: the window's first word cut
    for run in range(10 * RUNS):
        text = "".join(rng.choice((pieces, no_stop)[run % 2]) for _ in range(rng.randint(0, 70)))  # > LOOKAROUND
        pos, count = rng.randint(0, len(text)), rng.choice((1, 2, 3, 5, 40))  # 40: every word of the window
        assert next_words(text, pos, count) == _reference_next_words(text, pos, count)
        assert prev_words(text, pos, count) == _reference_prev_words(text, pos, count)


def test_vetoes_after_and_before_a_hit_answer_as_their_phrases_over_the_sentences_words() -> None:
    """``vetoed_after``/``vetoed_before`` (which look at the nearest words first) against ``Veto.starts``
    over ``next_words``/``prev_words``, on texts of veto words with clitics, numbers, sentence ends and long
    runs, at every window the books use."""
    from basira.recognizers.violence import Veto, vetoed_after, vetoed_before

    veto = Veto([("العمليه", "الجراحيه"), ("نجاح",), ("#num",), ("ab", "cd")])
    rng = random.Random(19)
    pieces = ["العمليه", "والعمليه", "الجراحيه", "نجاح", "بنجاح", "12", "ab", "cd", "x", " ", " ", ".", "\n", "،",
              "؟", "x" * 30]
    vetoed = {True: 0, False: 0}
    for _ in range(10 * RUNS):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 40)))
        pos, window = rng.randint(0, len(text)), rng.choice((1, 2, 3))
        following = next_words(text, pos, 2 + window)
        want = any(veto.starts(following[i:]) for i in range(window))
        assert vetoed_after(veto, text, pos, window) == want, (text, pos, window)
        before = veto.starts(prev_words(text, pos, 1))
        assert vetoed_before(veto, text, pos) == before, (text, pos)
        vetoed[want] += 1
        vetoed[before] += 1
    assert min(vetoed.values()) > 1000, vetoed
