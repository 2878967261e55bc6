"""Normalisation steps. Each is small, named, versioned, and returns new text plus its offset map.

Every step is *local*: normalising a slice of the original gives the same result as slicing the
normalised whole at the mapped offsets. The property tests rely on that; a new step must keep it.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import numpy.typing as npt

from basira.normalize import charsets
from basira.normalize.kernels import compiled as _compiled  # None where not built: the regexes run
from basira.normalize.offsets import StepMap, build_edits

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_REPLACE, _DELETE, _EXPAND = 1, 2, 3  # what ``_compiled.translate`` does with a character (0: keep it)


def _char_class(chars: Iterable[str]) -> str:
    """A regex class of ``chars`` written as ranges. Keep astral characters out where speed matters: a
    class of BMP characters is one table lookup per character, one with astral ones a scan of its items."""
    codes = sorted({ord(c) for c in chars})
    parts: list[str] = []
    i = 0
    while i < len(codes):
        j = i
        while j + 1 < len(codes) and codes[j + 1] == codes[j] + 1:
            j += 1
        if j - i >= 2:
            parts.append(f"{re.escape(chr(codes[i]))}-{re.escape(chr(codes[j]))}")
        else:
            parts.extend(re.escape(chr(c)) for c in codes[i : j + 1])
        i = j + 1
    return "[" + "".join(parts) + "]"


class NormalizationStep:
    """A named, versioned text transformation that reports its offset map."""

    name: str
    version: int

    @property
    def key(self) -> str:
        return f"{self.name}@{self.version}"

    def apply(self, text: str) -> tuple[str, StepMap]:
        raise NotImplementedError

    def apply_plain(self, text: str) -> str:
        """The same text as ``apply`` without building a map (for lexicon data and indexes)."""
        return self.apply(text)[0]


@dataclass
class TranslateStep(NormalizationStep):
    """Character-for-character replacement: 1:1 changes need no map; deletions and expansions do."""

    name: str
    table: Mapping[str, str]
    version: int = 1
    _one_to_one: dict[int, str] = field(init=False, repr=False)
    _other: re.Pattern[str] | None = field(init=False, repr=False)
    _full: dict[int, str] = field(init=False, repr=False)
    _one_str: dict[str, str] = field(init=False, repr=False)
    _one_bmp: re.Pattern[str] | None = field(init=False, repr=False)
    _one_all: re.Pattern[str] | None = field(init=False, repr=False)
    _replace_each: bool = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._one_to_one = {ord(k): v for k, v in self.table.items() if len(v) == 1}
        # ``str.translate`` looks every character up in the table (an exception per miss): slow on text
        # where few characters change. A regex class of the changing characters finds them in C instead.
        self._one_str = {k: v for k, v in self.table.items() if len(v) == 1 and k != v}
        bmp = [c for c in self._one_str if ord(c) < 0x10000]
        self._one_bmp = re.compile(_char_class(bmp)) if bmp else None
        self._one_all = re.compile(_char_class(self._one_str)) if len(bmp) < len(self._one_str) else None
        self._full = {ord(k): v for k, v in self.table.items()}
        others = sorted(k for k, v in self.table.items() if len(v) != 1)
        if others:
            # Runs of deletions become one edit; expansions stay one character each.
            # Written as one class first (``[D E](?:(?<=[D])[D]*)?`` is ``[D]+|[E]``): a pattern that starts
            # with a class lets the engine skip to candidate characters in C.
            deletions = "".join(re.escape(c) for c in others if self.table[c] == "")
            expansions = "".join(re.escape(c) for c in others if self.table[c] != "")
            if deletions:
                self._other = re.compile(f"[{deletions}{expansions}](?:(?<=[{deletions}])[{deletions}]*)?")
            else:
                self._other = re.compile(f"[{expansions}]")
        else:
            self._other = None
        # 1:1 replacements can be done by ``str.replace`` per distinct character present when no replacement
        # is itself replaced (then the order of the replacements does not matter).
        self._replace_each = not (set(self._one_str.values()) & set(self._one_str))

    def apply(self, text: str) -> tuple[str, StepMap]:
        """The text with every character translated, and the map of its deletions and expansions: in one
        pass in C where the normaliser's module is built, else ``reference_apply``."""
        if _compiled is None:
            return self.reference_apply(text)
        found = _compiled.translate(text, *self._kernel_tables)
        if found is None:
            return text, StepMap.identity(len(text))
        out, o_starts, o_ends, n_starts, n_ends = found
        if o_starts is None or o_ends is None or n_starts is None or n_ends is None:
            return out, StepMap.identity(len(text))
        return out, StepMap(o_starts, o_ends, n_starts, n_ends, len(text), len(out))

    @cached_property
    def _kernel_tables(
        self,
    ) -> tuple[npt.NDArray[np.uint8], npt.NDArray[np.uint32], dict[int, str], dict[int, tuple[int, int | None]]]:
        """``_compiled.translate``'s view of the table: what happens to each BMP character (keep, replace,
        delete, expand) and its replacement, the expansions (their characters replaced 1:1, as ``apply``
        does), and the characters past the BMP that change."""
        kinds = np.zeros(0x10000, dtype=np.uint8)
        singles = np.zeros(0x10000, dtype=np.uint32)
        expansions: dict[int, str] = {}
        astral: dict[int, tuple[int, int | None]] = {}
        for char, replacement in self.table.items():
            code = ord(char)
            if len(replacement) == 1:
                if replacement == char:
                    continue
                kind, value = _REPLACE, ord(replacement)
            elif not replacement:
                kind, value = _DELETE, None
            else:
                kind, value = _EXPAND, None
                expansions[code] = "".join(self._one_str.get(c, c) for c in replacement)
            if code < 0x10000:
                kinds[code] = kind
                singles[code] = value or 0
            else:
                astral[code] = (kind, value)
        return kinds, singles, expansions, astral

    def reference_apply(self, text: str) -> tuple[str, StepMap]:
        """``apply`` by regular expressions: the reference the compiled pass is tested against."""
        if self._other is not None:
            table = self.table
            # A generator, and one shared string per single-character match: a document of nothing but
            # expanding ligatures makes an edit per character.
            pieces = (
                (m.start(), m.end(), table[g] if len(g := m.group()) == 1 else "".join(table[c] for c in g))
                for m in self._other.finditer(text)
            )
            text_out, step_map = build_edits(pieces, text)
        else:
            text_out, step_map = text, StepMap.identity(len(text))
        return self._replace_one_to_one(text_out), step_map

    def _replace_one_to_one(self, text: str) -> str:
        """``text.translate(self._one_to_one)``, faster: only the characters that change are visited."""
        pattern = self._one_all if self._one_all is not None and _ASTRAL.search(text) else self._one_bmp
        if pattern is None:
            return text
        table = self._one_str
        if self._replace_each:
            for char in set(pattern.findall(text)):
                text = text.replace(char, table[char])
            return text
        return pattern.sub(lambda m: table[m.group()], text)

    def apply_plain(self, text: str) -> str:
        if self._replace_each:
            # ``apply`` without the map: ``str.translate`` looks up every character (slow); this visits only
            # the ones that change. (No 1:1 replacement is itself replaced, so both orders agree.)
            other = self._other
            if other is not None:
                table = self.table
                text = other.sub(lambda m: "".join(table[c] for c in m.group()), text)
            return self._replace_one_to_one(text)
        # Expansion outputs are translated again by ``apply``; do the same here so both agree.
        if self._other is None:
            return text.translate(self._one_to_one)
        return text.translate(self._full).translate(self._one_to_one)


@dataclass
class RegexStep(NormalizationStep):
    """Replace each match of ``pattern`` by ``replace(match)``; unchanged matches make no edit."""

    name: str
    pattern: re.Pattern[str]
    replace: Callable[[re.Match[str]], str]
    version: int = 1
    # Optional: a pattern that matches (empty) exactly where ``pattern`` can start a match, cheaper to
    # search for; the scan then starts at its first hit (or is skipped when there is none).
    first: re.Pattern[str] | None = None
    # Optional, compiled code where built: where ``first`` matches first (-1: nowhere), and ``apply``'s
    # result (None: no edit). The regular expressions stay the reference they are tested against.
    first_at: Callable[[str], int] | None = None
    compiled_apply: Callable[[str], tuple[str, StepMap] | None] | None = None

    def apply(self, text: str) -> tuple[str, StepMap]:
        if self.compiled_apply is not None:
            return self.compiled_apply(text) or (text, StepMap.identity(len(text)))
        return self.reference_apply(text)

    def reference_apply(self, text: str) -> tuple[str, StepMap]:
        pos = 0
        if self.first_at is not None:
            pos = self.first_at(text)
            if pos < 0:
                return text, StepMap.identity(len(text))
        elif self.first is not None:
            hint = self.first.search(text)
            if hint is None:
                return text, StepMap.identity(len(text))
            pos = hint.start()
        pieces = (
            (m.start(), m.end(), new) for m in self.pattern.finditer(text, pos) if (new := self.replace(m)) != m.group()
        )
        return build_edits(pieces, text)

    def apply_plain(self, text: str) -> str:
        return self.pattern.sub(self.replace, text)


def _deleting(chars: Iterable[str]) -> dict[str, str]:
    return {c: "" for c in chars}


def _compatibility_table() -> dict[str, str]:
    """NFKC only where it is safe: presentation forms, ligatures, full-width and math letters, spaces."""
    ranges = [
        (0xFB00, 0xFB07),  # Latin ligatures
        (0xFB50, 0xFE00),  # Arabic Presentation Forms-A
        (0xFE70, 0xFF00),  # Arabic Presentation Forms-B
        (0xFF01, 0xFF5F),  # full-width ASCII
        (0x1EE00, 0x1EF00),  # Arabic mathematical alphabetic symbols
        (0x2000, 0x200B),  # typographic spaces
    ]
    table: dict[str, str] = {"\u00a0": " ", "\u202f": " ", "\u3000": " "}
    for low, high in ranges:
        for code in range(low, high):
            char = chr(code)
            folded = unicodedata.normalize("NFKC", char)
            if (folded != char and folded.strip(" ") != "") or folded == " ":
                table[char] = folded
    # Presentation forms that are only an isolated diacritic fold to a space+mark; drop them instead.
    for char, folded in list(table.items()):
        if folded.strip() and all(unicodedata.combining(c) for c in folded.strip()):
            table[char] = ""
    return table


def _compiled_whitespace(text: str) -> tuple[str, StepMap] | None:
    assert _compiled is not None
    found = _compiled.whitespace_edits(text)
    if found is None:
        return None
    out, o_starts, o_ends, n_starts, n_ends = found
    return out, StepMap(o_starts, o_ends, n_starts, n_ends, len(text), len(out))


_ARABIC_LETTER_RANGES = np.array(charsets.range_bounds(charsets.ARABIC_LETTERS), dtype=np.uint32)  # for the kernel


def _compiled_triple_letter_at(text: str) -> int:
    assert _compiled is not None
    return int(_compiled.triple_letter_at(text, _ARABIC_LETTER_RANGES))


def _entity(m: re.Match[str]) -> str:
    decoded = html.unescape(m.group())
    return decoded if len(decoded) <= 4 else m.group()


def _latin_lower() -> dict[str, str]:
    table = {}
    for code in list(range(0x41, 0x5B)) + list(range(0xC0, 0x250)):
        char = chr(code)
        lowered = char.lower()
        if lowered != char and len(lowered) == 1:
            table[char] = lowered
    return table


def default_steps() -> list[NormalizationStep]:
    letters = {**charsets.ALEF_VARIANTS, **charsets.ALEF_MAQSURA, **charsets.TEH_MARBUTA}
    return [
        RegexStep(
            "html_entities",
            re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"),
            _entity,
        ),
        TranslateStep("compatibility_forms", _compatibility_table()),
        TranslateStep("invisible_controls", _deleting(charsets.INVISIBLE_CONTROLS)),
        TranslateStep("diacritics", _deleting(charsets.ARABIC_DIACRITICS)),
        TranslateStep("quranic_marks", _deleting(charsets.QURANIC_MARKS)),
        TranslateStep("tatweel", _deleting(charsets.TATWEEL)),
        TranslateStep("letters", letters),
        TranslateStep("persian_lookalikes", charsets.PERSIAN_LOOKALIKES),
        TranslateStep("digits", {**charsets.ARABIC_INDIC_DIGITS, **charsets.PERSIAN_DIGITS}),
        TranslateStep("latin_case", _latin_lower()),
        # Hashtags join words with "_" ("#ولاية_الرقة"): each joiner and the "#" become a space, character
        # for character, so the words are words again for every recogniser and the offset map stays 1:1.
        TranslateStep("hashtags", {"#": " ", "_": " "}),
        RegexStep(
            "elongation",
            re.compile(f"([{charsets.ARABIC_LETTERS}])\\1{{2,}}"),
            lambda m: m.group(1),
            first=re.compile(f"(?=([{charsets.ARABIC_LETTERS}])\\1\\1)"),
            first_at=_compiled_triple_letter_at if _compiled is not None else None,
        ),
        # Only runs that change: two or more whitespace characters, or one that is not a plain space
        # (``\s{2,}|[^\S ]``, written to start with one class, which the engine scans for in C).
        RegexStep("whitespace", re.compile(r"\s(?:\s+|(?<=[^\S ]))"), lambda m: " ",
                  compiled_apply=_compiled_whitespace if _compiled is not None else None),
    ]
