"""The normaliser's compiled kernels (``basira.normalize._compiled``) against the regular expressions they
stand in for: the same text and the same offset map, on texts made to hit every branch."""

from __future__ import annotations

import random
import re

import pytest

from basira.normalize import charsets, default_normalizer, steps
from basira.normalize.offsets import StepMap
from basira.normalize.steps import RegexStep

# Every kind of white space Python's \s knows (ASCII, the information separators, NEL, no-break, ideographic,
# line and paragraph separators), a space-like character it does not (ZWSP), letters that repeat, others.
PIECES = [" ", "  ", "\t", "\n", "\r\n", "\x0b", "\x0c", "\x1c", "\x1f", "\x85", "\u00a0", "\u2003", "\u2028",
          "\u2029", "\u3000", "\u200b", "ب", "بب", "ببب", "ههههه", "ا", "ـ", "aaa", "111", "؟", "\U0001f600", "ٱٱٱ",
          "ۓۓۓ", "ۓۓ"]


def _step(name: str) -> RegexStep:
    (found,) = [s for s in default_normalizer().steps if s.name == name]
    assert isinstance(found, RegexStep)
    return found


def _columns(step_map: StepMap) -> tuple[object, ...]:
    return (list(step_map.o_starts), list(step_map.o_ends), list(step_map.n_starts), list(step_map.n_ends),
            step_map.orig_len, step_map.norm_len)


def _texts(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(PIECES) for _ in range(rng.randint(0, 12))) for _ in range(count)]


def test_the_compiled_normalisation_kernels_are_built_in_this_install() -> None:
    assert steps._compiled is not None, "basira.normalize._compiled is not built: run 'make install' with gcc"
    assert _step("whitespace").compiled_apply is not None and _step("elongation").first_at is not None


def test_compiled_steps_give_the_reference_text_and_map() -> None:
    whitespace, elongation = _step("whitespace"), _step("elongation")
    plain_elongation = RegexStep(elongation.name, elongation.pattern, elongation.replace, first=elongation.first)
    edited = 0
    for text in _texts(20000, seed=9):
        for compiled, reference in ((whitespace.apply, whitespace.reference_apply),
                                    (elongation.apply, plain_elongation.apply)):
            got, want = compiled(text), reference(text)
            assert got[0] == want[0] and _columns(got[1]) == _columns(want[1]), ascii(text)
            edited += bool(want[1].edit_count)
    assert edited > 10000  # both steps edit most of these texts


def test_the_elongation_kernel_reads_the_letters_of_its_pattern() -> None:
    """The kernel's ranges are ``charsets.ARABIC_LETTERS``: the same verdict as the regex class on every
    character of the BMP."""
    letter = re.compile(f"[{charsets.ARABIC_LETTERS}]")
    ranges = steps._ARABIC_LETTER_RANGES
    assert steps._compiled is not None
    for code in range(0x10000):
        char = chr(code)
        expected = 0 if letter.fullmatch(char) else -1
        assert steps._compiled.triple_letter_at(char * 3, ranges) == expected, hex(code)


def test_range_bounds_read_first_last_ranges_only() -> None:
    assert charsets.range_bounds("a-cx-z") == [ord("a"), ord("c"), ord("x"), ord("z")]
    for not_ranges in ("abc", "a-", "a-cx"):
        with pytest.raises(ValueError, match="first-last"):
            charsets.range_bounds(not_ranges)


def _translate_step() -> steps.TranslateStep:
    (found,) = [s for s in default_normalizer().steps if isinstance(s, steps.TranslateStep)]
    return found


def test_the_compiled_translation_gives_the_reference_text_and_map() -> None:
    """Characters the default table replaces, deletes (in runs) and expands, past the BMP too, among ones it
    keeps: the same text and map as the regular expressions, including what an expansion is replaced by."""
    step = _translate_step()
    table = step.table
    by_kind: dict[str, list[str]] = {"replace": [], "delete": [], "expand": []}
    for char, out in table.items():
        kind = "delete" if out == "" else "expand" if len(out) > 1 else "replace" if out != char else None
        if kind:
            by_kind[kind].append(char)
    assert all(by_kind.values()) and any(ord(c) >= 0x10000 for c in by_kind["replace"])
    rng = random.Random(11)
    keep = ["ب", "قال", " ", "x", "1", "\n", "\U0001f600", "\U0001d400"]
    counts = {"edited": 0, "replaced": 0}
    for _ in range(20000):
        pieces = [rng.choice(by_kind[rng.choice(list(by_kind))]) if rng.random() < 0.5 else rng.choice(keep)
                  for _ in range(rng.randint(0, 12))]
        text = "".join(pieces)
        got, want = step.apply(text), step.reference_apply(text)
        assert got[0] == want[0] and _columns(got[1]) == _columns(want[1]), ascii(text)
        counts["edited"] += bool(want[1].edit_count)
        counts["replaced"] += want[0] != text and not want[1].edit_count
    assert counts["edited"] > 5000 and counts["replaced"] > 500, counts


def test_the_compiled_translation_of_a_purpose_made_table() -> None:
    """Replacements that are themselves replaced (applied once), expansions holding replaced characters, and
    replacements, deletions and expansions past the BMP."""
    step = steps.TranslateStep("test", {"أ": "ا", "a": "b", "b": "c", "\u064b": "", "ـ": "", "ﻻ": "لأ",
                                        "\U0001d400": "أ", "\U0001d401": "", "\U0001d402": "xأb"})
    rng = random.Random(12)
    pieces = [*step.table, "ل", "c", " ", "\U0001f600"]
    edited = 0
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 10)))
        got, want = step.apply(text), step.reference_apply(text)
        assert got[0] == want[0] and _columns(got[1]) == _columns(want[1]), ascii(text)
        edited += bool(want[1].edit_count)
    assert edited > 10000
    assert step.apply("ﻻ ab\U0001d402")[0] == "لا bcxاc"


def test_the_whitespace_kernel_reads_white_space_as_str_isspace() -> None:
    """Its shortcut (no white space between U+0080 and U+1680 but U+0085 and U+00A0) on every code point."""
    assert steps._compiled is not None
    for code in range(0x110000):
        assert steps._compiled.is_space(chr(code)) == chr(code).isspace(), hex(code)


def test_the_elongation_kernel_finds_the_first_run_of_three_letters() -> None:
    """Runs of two to five letters and of other characters, before and after each other: the start of the
    first run of three or more of one letter, as the regex finds it."""
    assert steps._compiled is not None
    ranges, triple = steps._ARABIC_LETTER_RANGES, re.compile(f"([{charsets.ARABIC_LETTERS}])\\1\\1")
    rng = random.Random(12)
    found = 0
    for _ in range(20000):
        runs = (rng.choice(["ا", "ب", "ب", "-", "x", " ", "ـ"]) * rng.randint(1, 5) for _ in range(rng.randint(0, 6)))
        text = "".join(runs)
        first = triple.search(text)
        assert steps._compiled.triple_letter_at(text, ranges) == (first.start() if first else -1), text
        found += first is not None
    assert 2000 < found < 19000
