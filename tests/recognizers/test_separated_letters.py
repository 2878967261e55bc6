"""Spaced-out letters ("ق ت ا ل", "ق.ت.ا.ل") send a text through the lexicons a second time, compacted. The
test for them is a one-pass scan in C (``_compiled.has_separated_letters``) and, where that is not built, a
search only from where two cheaper hints allow: both must answer as the plain search does."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from helpers import random_texts

from basira.recognizers import lexicon
from basira.recognizers.lexicon import SEPARATED_LETTERS, reference_has_separated_letters

CASES = ["ق ت ا ل", "ق.ت.ا.ل", "ق  ت  ا  ل", "و قال ق ت ا ل", "ق ت", "كلمة و كلمة ب", "a-b-c", "ab c d e",
         "x ق_ت_ا", "ق ت اب", "و ب ل ", "1 2 3", "", "ق", "نص و نص ثم ق · ت · ل", "*ق*ت*ل*", "ق ت ٣", "² ³ ½",
         "ق • ت • ل", "ق   ت ا ل", "_ق ت ل", "ق ت ل_", "𝐀 𝐁 𝐂", "قً ت ل"]


def _both() -> list[Callable[[str], bool]]:
    assert lexicon._compiled is not None  # make install builds it; CI runs on that
    return [lexicon._compiled.has_separated_letters, reference_has_separated_letters]


@pytest.mark.parametrize("text", CASES)
def test_purpose_made_texts(text: str) -> None:
    expected = SEPARATED_LETTERS.search(text) is not None
    assert [check(text) for check in _both()] == [expected, expected]


def test_random_texts_of_letters_words_and_separators() -> None:
    # letters, a mathematical letter past the BMP, a combining mark, decimal and other digits, separators
    pieces = ["ق", "ت", "ل", "x", "𝐀", "\u064b", "كلمة", "ab", "1", "٣", "²", " ", " ", "  ", ".", "-", "_", "·",
              "•", "*", "،", "\n"]
    checks = _both()
    found = 0
    for text in random_texts(pieces, 20_000, 24):
        expected = SEPARATED_LETTERS.search(text) is not None
        assert [check(text) for check in checks] == [expected, expected], text
        found += expected
    assert 100 < found < 19_900  # both answers were exercised
