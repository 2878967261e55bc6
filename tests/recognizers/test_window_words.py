"""A window's words in C (``_compiled.CharClass``, the ``WORD`` class read off the pattern itself) against
the regular expressions the recognisers used for them: the same spans, in the same order; and the words
next to a hit, within its sentence, as the violence recogniser read them with those expressions."""

from __future__ import annotations

import itertools
import random

import numpy as np
import pytest

from basira.recognizers import words
from basira.recognizers.violence import LOOKAROUND, SENTENCE_STOP, SENTENCE_STOP_BACKWARDS, next_words, prev_words
from basira.recognizers.words import WORD

# Letters of several scripts, digits, the underscore (not a word character here), combining marks, joiners,
# letters and symbols past the BMP, punctuation, sentence ends and spaces.
PIECES = ["قال", "الناطق", "x", "Ab", "12", "٣", "_", "\u064b", "\u0670", "\u200c", "\u200d", "\U0001d400",
          "\U00010400", "\U0001f600", " ", "  ", "،", ":", "«", "»", "\n", "-", "ـ", ".", "؟", "!"]


def _random_texts(seed: int, count: int, longest: int) -> list[str]:
    """Half of them without a sentence end."""
    rng = random.Random(seed)
    pieces = (PIECES, [p for p in PIECES if not SENTENCE_STOP.search(p)])
    return ["".join(rng.choice(pieces[n % 2]) for _ in range(rng.randint(0, longest))) for n in range(count)]


def test_the_compiled_word_class_is_built_in_this_install() -> None:
    assert words._compiled is not None, "basira.recognizers._compiled is not built: run 'make install' with gcc"


def test_window_words_equal_the_word_pattern_in_both_directions() -> None:
    rng = random.Random(12)
    found = 0
    for text in _random_texts(12, 20000, 14):
        lo = rng.randint(0, len(text))
        end = rng.randint(lo, len(text))
        count = rng.randint(1, 9)
        backwards = [m.span() for m in itertools.islice(words.WORD_BACKWARDS.finditer(text, lo, end), count)]
        forwards = [m.span() for m in itertools.islice(WORD.finditer(text, lo, end), count)]
        assert words.words_before(text, lo, end, count) == backwards, ascii(text)
        assert words.words_after(text, lo, end, count) == forwards, ascii(text)
        found += len(forwards)
    assert found > 10000


def _next_words_by_pattern(text: str, pos: int, count: int) -> list[str]:
    """The words after ``pos`` as the violence recogniser found them before the window words were compiled."""
    out: list[str] = []
    limit = min(len(text), pos + LOOKAROUND)
    stop = SENTENCE_STOP.search(text, pos, limit)
    stop_at = stop.start() if stop is not None else limit
    for m in WORD.finditer(text, pos, limit):
        if stop_at < m.start():
            break
        out.append(m.group())
        if len(out) == count:
            break
    return out


def _prev_words_by_pattern(text: str, pos: int, count: int) -> list[str]:
    start = max(0, pos - LOOKAROUND)
    matches = list(WORD.finditer(text, start, pos))
    if matches and matches[0].start() == start and start > 0 and text[start - 1].isalnum():
        matches = matches[1:]
    out: list[str] = []
    if not matches:
        return out
    stop = SENTENCE_STOP_BACKWARDS.search(text, matches[0].end(), pos)
    stop_at = stop.start() if stop is not None else -1
    for m in reversed(matches):
        if stop_at >= m.end():
            break
        out.append(m.group())
        if len(out) == count:
            break
    return list(reversed(out))


def test_the_words_next_to_a_hit_stay_in_its_sentence_and_window_as_before() -> None:
    rng = random.Random(13)
    found = 0
    for text in _random_texts(13, 20000, 90):  # longer than the window of LOOKAROUND characters
        pos = rng.randint(0, len(text))
        count = rng.choice((1, 2, 3, 40))  # 40: every word of the window, the first one cut or not
        after, before = next_words(text, pos, count), prev_words(text, pos, count)
        assert after == _next_words_by_pattern(text, pos, count), ascii(text)
        assert before == _prev_words_by_pattern(text, pos, count), ascii(text)
        found += len(after) + len(before)
    assert found > 20000


def test_a_char_class_needs_a_table_of_the_whole_bmp() -> None:
    assert words._compiled is not None
    with pytest.raises(ValueError, match="BMP"):
        words._compiled.CharClass(np.zeros(256, dtype=np.uint8), lambda code: False)
