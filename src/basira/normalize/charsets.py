"""Named Arabic character sets and maps (data, in the CAMeL Tools manner)."""

from __future__ import annotations

# Harakat, tanwin, shadda, sukun and the extended marks U+0653–U+065F, plus the dagger alef.
ARABIC_DIACRITICS = (
    frozenset(chr(c) for c in range(0x064B, 0x0660))
    | {"\u0670"}
    | frozenset(chr(c) for c in range(0x08F0, 0x08F3))  # open tanwin, used by Uthmani Quran texts
)
TATWEEL = "\u0640"
# Quranic annotation signs (small high letters, pause marks, rub el hizb, sajdah ...).
QURANIC_MARKS = frozenset(chr(c) for c in range(0x06D6, 0x06EE)) | frozenset(
    chr(c) for c in range(0x0610, 0x061B)
)
# Zero-width characters, bidi embeddings/overrides/isolates, Arabic letter mark, soft hyphen.
INVISIBLE_CONTROLS = frozenset(
    ["\u00ad", "\u061c", "\u180e", "\ufeff"]
    + [chr(c) for c in range(0x200B, 0x2010)]
    + [chr(c) for c in range(0x202A, 0x202F)]
    + [chr(c) for c in range(0x2060, 0x2070)]
)
ALEF_VARIANTS = {"\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627", "\u0671": "\u0627",
                 "\u0672": "\u0627", "\u0673": "\u0627"}
ALEF_MAQSURA = {"\u0649": "\u064a"}
TEH_MARBUTA = {"\u0629": "\u0647"}
# Persian/Urdu letters that look like Arabic ones (used to dodge keyword lists).
PERSIAN_LOOKALIKES = {
    "\u06cc": "\u064a",  # ی farsi yeh
    "\u06d2": "\u064a",  # ے yeh barree
    "\u06a9": "\u0643",  # ک keheh
    "\u06aa": "\u0643",  # ڪ swash kaf
    "\u06c1": "\u0647",  # ہ heh goal
    "\u06d5": "\u0647",  # ە ae
    "\u06be": "\u0647",  # ھ heh doachashmee
    "\u06c0": "\u0647",  # ۀ heh with yeh above
    "\u06c3": "\u0647",  # ۃ teh marbuta goal
}
ARABIC_INDIC_DIGITS = {chr(0x0660 + i): str(i) for i in range(10)}
PERSIAN_DIGITS = {chr(0x06F0 + i): str(i) for i in range(10)}
ARABIC_LETTERS = "\u0621-\u064a\u0671-\u06d3"


def range_bounds(ranges: str) -> list[int]:
    """A character class written as "first-last" ranges only (``ARABIC_LETTERS``) as the inclusive bounds
    ``[first, last, first, last, ...]`` that compiled kernels read."""
    if len(ranges) % 3 or any(ranges[i + 1] != "-" for i in range(0, len(ranges), 3)):
        raise ValueError(f"not a run of first-last ranges: {ranges!r}")
    return [ord(ranges[i + k]) for i in range(0, len(ranges), 3) for k in (0, 2)]
