"""The language guess counts letters by runs (issue 14: one string per letter cost 1.3 s of a 6 MB scan);
it answers as the per-character definition does."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from basira.ingest import documents
from basira.ingest.documents import LANG_SAMPLE_CHARS, guess_lang
from basira.normalize.charsets import ARABIC_LETTERS

LETTER = re.compile(r"[^\W\d_]")
ARABIC = re.compile(f"[{ARABIC_LETTERS}\u066e\u066f\u06fa-\u06ff\ufb50-\ufdff\ufe70-\ufefc]")
LATIN = re.compile("[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]")


def by_characters(text: str) -> str | None:
    sample = text[:LANG_SAMPLE_CHARS]
    letters = len(LETTER.findall(sample))
    if not letters:
        return None
    if len(ARABIC.findall(sample)) * 2 > letters:
        return "ar"
    if len(LATIN.findall(sample)) * 2 > letters:
        return "en"
    return None


PIECES = st.sampled_from(["كتب", "الطقس", "ﻻ", "پ", "abc", "Été", "Ωμέγα", "汉字", "123", "٣", " ", "_", "ـ", "\u064b",
                          "!", "\n"])


@given(st.lists(PIECES, max_size=60))
def test_the_guess_is_the_per_character_definition(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert guess_lang(text) == by_characters(text)


def test_only_the_sample_counts() -> None:
    text = "a" * LANG_SAMPLE_CHARS + "ب" * (3 * LANG_SAMPLE_CHARS)
    assert guess_lang(text) == by_characters(text) == "en"
    assert guess_lang("مرحبا بكم hello") == "ar" and guess_lang("hello world مرحبا") == "en"
    assert guess_lang("123 !!") is None and guess_lang("Ωμέγα") is None


@given(st.lists(st.one_of(PIECES, st.sampled_from(["\U0001d400", "\U0001d7ce", "\U00010400", "\U0001f600"])),
                max_size=60))
def test_script_counts_in_c_and_by_regex_are_the_per_character_counts(pieces: list[str]) -> None:
    """Letters, Arabic and Latin letters of the sample; past the BMP: a letter, a decimal digit, an emoji."""
    text = "".join(pieces)
    sample = text[:LANG_SAMPLE_CHARS]
    expected = (len(LETTER.findall(sample)), len(ARABIC.findall(sample)), len(LATIN.findall(sample)))
    assert documents._kernels is not None  # make install builds it; CI runs on that
    assert documents.script_counts(text) == documents.reference_script_counts(text) == expected
