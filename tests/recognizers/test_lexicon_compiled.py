"""The lexicon scan's clitic check in C (``basira.recognizers._compiled.collect_hits``) against its Python
reference (``lexicon.reference_collect``): the same accepted hits, in the same order, for the analyser's fused
automaton of every shipped lexicon and for one matcher alone."""

from __future__ import annotations

from typing import Any

import pytest
from helpers import random_texts

from basira.normalize import normalize_plain
from basira.pipeline import Analyzer
from basira.recognizers import lexicon
from basira.recognizers.lexicon import LexiconEntry, LexiconHit, LexiconMatcher

# Terms with and without the clitics the profiles allow and forbid, word characters of other scripts and
# digits glued to them, and what separates words.
PIECES = ["داعش", "الدوله", "قتال", "كتائب", "جهاد", "شهيد", "isis", "jihad", "و", "بال", "لل", "ف", "ها", "هم",
          "ون", "ات", "ية", "x", "7", "٣", " ", " ", "، ", ".", "\n", "ـ", "تنظيم", "مجاهدين", "قاتلوا"]


def _both(found: Any, text: str, matchers: int, fused: bool) -> tuple[list[list[LexiconHit]], list[list[LexiconHit]]]:
    compiled: list[list[LexiconHit]] = [[] for _ in range(matchers)]
    reference: list[list[LexiconHit]] = [[] for _ in range(matchers)]
    assert lexicon._compiled is not None
    lexicon._compiled.collect_hits(found(text), text, compiled, fused, LexiconHit)
    lexicon.reference_collect(found(text), text, reference, fused)
    return compiled, reference


def test_the_fused_scan_of_every_shipped_lexicon_accepts_the_same_hits() -> None:
    fused = Analyzer(stages=())._fused
    assert fused is not None
    raw = accepted = 0
    for text in random_texts(PIECES, 3000, 14, seed=3):
        text = normalize_plain(text)
        compiled, reference = _both(fused._automaton.iter, text, len(fused.matchers), fused=True)
        assert compiled == reference, text
        raw += sum(len(value) for _, value in fused._automaton.iter(text))
        accepted += sum(map(len, reference))
    assert 0 < accepted < raw  # both outcomes of the check are exercised


@pytest.mark.parametrize("profile", ["noun", "verb", "name", "exact"])
def test_one_matcher_accepts_the_same_hits(profile: str) -> None:
    matcher = LexiconMatcher([LexiconEntry(id=f"t{i}", term=t, label="T", profile=profile)
                              for i, t in enumerate(["الدوله", "قتال", "داعش", "jihad", "قاتل"])])
    for text in random_texts(PIECES, 1000, 10, seed=4):
        compiled, reference = _both(matcher._automaton.iter, text, 1, fused=False)
        assert compiled == reference, text
