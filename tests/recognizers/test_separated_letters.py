"""Spaced-out letters ("ق ت ا ل", "ق.ت.ا.ل") send a text through the lexicons a second time, compacted. The
test for them is searched only from where two cheaper hints allow; it must answer as the plain search does."""

from __future__ import annotations

import pytest
from helpers import random_texts

from basira.recognizers.lexicon import SEPARATED_LETTERS, has_separated_letters

CASES = ["ق ت ا ل", "ق.ت.ا.ل", "ق  ت  ا  ل", "و قال ق ت ا ل", "ق ت", "كلمة و كلمة ب", "a-b-c", "ab c d e",
         "x ق_ت_ا", "ق ت اب", "و ب ل ", "1 2 3", "", "ق", "نص و نص ثم ق · ت · ل", "*ق*ت*ل*"]


@pytest.mark.parametrize("text", CASES)
def test_purpose_made_texts(text: str) -> None:
    assert has_separated_letters(text) == (SEPARATED_LETTERS.search(text) is not None)


def test_random_texts_of_letters_words_and_separators() -> None:
    pieces = ["ق", "ت", "ل", "x", "كلمة", "ab", "1", " ", " ", "  ", ".", "-", "_", "·", "*", "،", "\n"]
    found = 0
    for text in random_texts(pieces, 20_000, 24):
        expected = SEPARATED_LETTERS.search(text) is not None
        assert has_separated_letters(text) == expected, text
        found += expected
    assert 100 < found < 19_900  # both answers were exercised
