"""The Quran recogniser's compiled word runs (``basira.recognizers._compiled``) against its Python reference:
the same automaton hits, on texts made of muṣḥaf words (the bundled Quran text), ordinary words and
everything that separates or breaks words."""

from __future__ import annotations

import random

import numpy as np
import pytest
from helpers import random_texts

from basira.recognizers import quran
from basira.recognizers.quran import TOKEN, QuranIndex, compiled_hits, quran_index, reference_hits


@pytest.fixture(scope="module")
def index() -> QuranIndex:
    return quran_index()


def test_the_compiled_word_runs_are_built_in_this_install() -> None:
    """make install compiles basira/recognizers/_compiled.pyx (as the classifier's module): without it the
    recogniser is correct but slower, and the tests below would not run."""
    assert quran._compiled is not None, "basira.recognizers._compiled is not built: run 'make install' with gcc"


def _mushaf_texts(index: QuranIndex, count: int, seed: int) -> list[str]:
    """Windows of the muṣḥaf (its imlāʾī words), each word sometimes replaced, dropped, doubled or followed by
    a separator, a digit, an open tanwin or a Latin word: hits begin, end and break everywhere."""
    rng = random.Random(seed)
    noise = ["و", "كتب", "السياره", "١٢", " (", "﴿", "، ", "\u08f1", "x", "الله", "من", "في", "ﷺ", "\n"]
    texts = []
    for _ in range(count):
        start = rng.randrange(len(index.display) - 40)
        words: list[str] = []
        for word in index.display[start : start + rng.randint(1, 40)]:
            roll = rng.random()
            if roll < 0.08:
                words.append(rng.choice(noise))
            elif roll < 0.12:
                continue
            elif roll < 0.15:
                words += [word, word]
            else:
                words.append(word)
            if rng.random() < 0.1:
                words.append(rng.choice(noise))
        texts.append(" ".join(words))
    return texts


def test_compiled_hits_equal_the_reference_on_mushaf_text(index: QuranIndex) -> None:
    texts = _mushaf_texts(index, 400, seed=1)
    assert sum(bool(reference_hits(index, TOKEN.findall(t))) for t in texts) > 300  # most windows quote
    for text in texts:
        assert compiled_hits(index, text) == reference_hits(index, TOKEN.findall(text)), text


def test_compiled_words_are_the_token_pattern_words(index: QuranIndex) -> None:
    """The kernel's letters are TOKEN's: the same number of words on every code point around its ranges."""
    edges = [0x0620, 0x0621, 0x064A, 0x064B, 0x0670, 0x0671, 0x06D3, 0x06D4, 0x08EF, 0x08F0, 0x08F2, 0x08F3,
             0x0041, 0x0661, 0x200C]
    pieces = [chr(c) for c in edges] + [" ", "قال", "الحمد"]
    for text in random_texts(pieces, 2000, 12, seed=2):
        _, words = quran._compiled.quran_segments(text, index.vocab_table, index.pairs, quran._TOKEN_RANGES_ARRAY,
                                                  quran._HIGH, quran._LOW, quran._RADIX, quran.N)
        assert words == len(TOKEN.findall(text)), ascii(text)


def test_a_missing_word_pair_loses_hits(index: QuranIndex) -> None:
    """The runs are only as good as the pairs: without one pair a quotation is no longer found (the
    comparison above would fail on a wrong pair table)."""
    text = "الحمد لله رب العالمين الرحمن الرحيم"
    assert compiled_hits(index, text) == reference_hits(index, TOKEN.findall(text)) != []
    first, second = (quran._code_id(index.vocab[w]) for w in ("رب", "العالمين"))
    kept = index.pairs[index.pairs != np.uint64(first << 32 | second)]
    broken = QuranIndex.__new__(QuranIndex)
    broken.__dict__.update(index.__dict__, pairs=kept)
    assert len(kept) == len(index.pairs) - 1
    assert compiled_hits(broken, text) == []
