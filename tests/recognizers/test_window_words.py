"""A window's words in C (``_compiled.CharClass``, the ``WORD`` class read off the pattern itself) against
the regular expressions the recognisers used for them: the same spans, in the same order (the words next to a
hit, within its sentence, built on them: ``test_linear_helpers``)."""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator

import numpy as np
import pytest

from basira.recognizers import words
from basira.recognizers.words import WORD

# Letters of several scripts, digits, the underscore (not a word character here), combining marks, joiners,
# letters and symbols past the BMP, punctuation, sentence ends and spaces.
PIECES = ["قال", "الناطق", "x", "Ab", "12", "٣", "_", "\u064b", "\u0670", "\u200c", "\u200d", "\U0001d400",
          "\U00010400", "\U0001f600", " ", "  ", "،", ":", "«", "»", "\n", "-", "ـ", ".", "؟", "!"]


def test_the_compiled_word_class_is_built_in_this_install() -> None:
    assert words._compiled is not None, "basira.recognizers._compiled is not built: run 'make install' with gcc"


def _windows(seed: int, most: int) -> Iterator[tuple[str, int, int, int]]:
    """20,000 random texts, each with a window ``[lo, end)`` and a count of words from 1 to ``most``."""
    rng = random.Random(seed)
    for _ in range(20000):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 14)))
        lo = rng.randint(0, len(text))
        yield text, lo, rng.randint(lo, len(text)), rng.randint(1, most)


def test_window_words_equal_the_word_pattern_in_both_directions() -> None:
    found = 0
    for text, lo, end, count in _windows(12, 9):
        backwards = [m.span() for m in itertools.islice(words.WORD_BACKWARDS.finditer(text, lo, end), count)]
        forwards = [m.span() for m in itertools.islice(WORD.finditer(text, lo, end), count)]
        assert words.words_before(text, lo, end, count) == backwards, ascii(text)
        assert words.words_after(text, lo, end, count) == forwards, ascii(text)
        found += len(forwards)
    assert found > 10000


def test_a_window_that_ends_before_it_starts_has_no_words() -> None:
    text = "قال الناطق x 12"
    for lo, end in ((8, 3), (len(text), 0), (40, 30)):
        assert words.words_before(text, lo, end, 3) == [] == words.words_after(text, lo, end, 3)
        assert words.count_words_after(text, lo, end, 3) == 0
        assert words.flags_before(text, lo, end, 3, 1, {}, len) == (0, 0)


def test_counted_words_after_are_the_words_after() -> None:
    for text, lo, end, count in _windows(13, 9):
        assert words.count_words_after(text, lo, end, count) == len(words.words_after(text, lo, end, count))


def test_whole_words_before_leave_out_a_word_the_window_cuts() -> None:
    cut = 0
    for text, lo, end, count in _windows(14, 6):
        spans = [m.span() for m in WORD.finditer(text, lo, end)]  # every word of the window, in order
        if spans and spans[0][0] == lo > 0 and text[lo - 1].isalnum():
            spans, cut = spans[1:], cut + 1
        assert words.whole_words_before(text, lo, end, count) == spans[::-1][:count], ascii(text)
    assert cut > 1000


def test_a_char_class_needs_a_table_of_the_whole_bmp() -> None:
    assert words._compiled is not None
    with pytest.raises(ValueError, match="BMP"):
        words._compiled.CharClass(np.zeros(256, dtype=np.uint8), lambda code: False)


def _classify(word: str) -> int:
    """Flags of a word for the tests: 1 when it holds "ق", 2 a digit, 4 a Latin letter."""
    return (1 if "ق" in word else 0) | (2 if any(c.isdigit() for c in word) else 0) | (
        4 if any("a" <= c.lower() <= "z" for c in word) else 0)


def test_window_word_flags_in_c_equal_the_reference_and_keep_each_word_once() -> None:
    assert words._compiled is not None
    word_class = words._word_class()
    compiled_flags: dict[str, int] = {}
    reference_flags: dict[str, int] = {}
    nonzero = 0
    for text, lo, end, count in _windows(16, 8):
        near = count // 2  # none, some or most of them
        expected = words.reference_flags_before(text, lo, end, count, near, reference_flags, _classify)
        assert word_class.flags_before(text, lo, end, count, near, compiled_flags, _classify,
                                       words.FLAGS_KEPT) == expected, ascii(text)
        after = words.reference_flags_after(text, lo, end, count, reference_flags, _classify)
        assert word_class.flags_after(text, lo, end, count, compiled_flags, _classify, words.FLAGS_KEPT) == after, (
            ascii(text))
        nonzero += expected[0] != expected[1]
    assert compiled_flags == reference_flags and len(compiled_flags) > 100  # every word asked once, kept
    assert nonzero > 300  # the nearest words' union differs from all words' union


def test_window_word_flags_forget_their_words_past_the_limit() -> None:
    assert words._compiled is not None
    flags = {str(k): 0 for k in range(words.FLAGS_KEPT)}
    words._word_class().flags_after("new", 0, 3, 1, flags, _classify, words.FLAGS_KEPT)
    assert flags == {"new": 4}
    flags = {str(k): 0 for k in range(words.FLAGS_KEPT)}
    assert words.reference_flags_after("new", 0, 3, 1, flags, _classify) == 4 and flags == {"new": 4}
