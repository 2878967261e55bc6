"""Shared assertions for recogniser tests: exact (label, original substring) sets, offsets checked."""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator, Sequence

from basira.normalize import normalize
from basira.recognizers.base import Recognizer
from basira.types import Evidence


def spans(recognizer: Recognizer, text: str) -> list[Evidence]:
    """Run one recogniser on ``text``; every evidence span must point at its own text."""
    evidence = recognizer.analyze(normalize(text))
    for ev in evidence:
        assert 0 <= ev.start <= ev.end <= len(text), ev
        assert ev.text == text[ev.start : ev.end], ev
    return evidence


def assert_spans(recognizer: Recognizer, text: str, expected: Iterable[tuple[str, str]]) -> list[Evidence]:
    """Exact equality of {(label, matched substring)} for the labels this recogniser emits."""
    evidence = spans(recognizer, text)
    labels = set(recognizer.labels)
    got = {(ev.label, ev.text) for ev in evidence if ev.label in labels}
    want = set(expected)
    assert got == want, f"\ntext:     {text!r}\nexpected: {sorted(want)}\ngot:      {sorted(got)}"
    return evidence


def random_texts(pieces: Sequence[str], count: int, most_pieces: int, seed: int = 0) -> Iterator[str]:
    """``count`` texts, each 1 to ``most_pieces`` of ``pieces`` joined (seeded: the same texts every run), for
    checking that a cheap first test never hides a match of the expression it stands in for."""
    rng = random.Random(seed)
    for _ in range(count):
        yield "".join(rng.choice(pieces) for _ in range(rng.randint(1, most_pieces)))
