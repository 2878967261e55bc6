"""UI strings in Arabic (default, right to left) and English, from ``strings.yaml``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

LANGS = ("ar", "en")
DEFAULT_LANG = "ar"
STRINGS_FILE = Path(__file__).with_name("strings.yaml")

# Arabic counted nouns: (one, two (genitive dual), 3–10 (plural), 11+ (singular)).
_AR_UNITS = {
    "s": ("ثانية", "ثانيتين", "ثوانٍ", "ثانية"),
    "m": ("دقيقة", "دقيقتين", "دقائق", "دقيقة"),
    "h": ("ساعة", "ساعتين", "ساعات", "ساعة"),
    "d": ("يوم", "يومين", "أيام", "يومًا"),
}
_EN_UNITS = {"s": "s", "m": "min", "h": "h", "d": "d"}


@lru_cache(maxsize=1)
def strings() -> dict[str, dict[str, str]]:
    data = yaml.safe_load(STRINGS_FILE.read_text(encoding="utf-8"))
    return {str(k): {str(lang): str(v) for lang, v in value.items()} for k, value in data.items()}


@lru_cache(maxsize=1)
def _legal_keys() -> dict[str, str]:
    """English legal reference → its ``legal.*`` key."""
    return {v["en"]: k for k, v in strings().items() if k.startswith("legal.") and "en" in v}


def pick_lang(value: str | None) -> str | None:
    return value if value in LANGS else None


@dataclass(frozen=True, slots=True)
class Translator:
    lang: str = DEFAULT_LANG

    @property
    def dir(self) -> str:
        return "rtl" if self.lang == "ar" else "ltr"

    @property
    def other(self) -> str:
        return "en" if self.lang == "ar" else "ar"

    def __call__(self, key: str, **values: object) -> str:
        entry = strings()[key]  # a missing key is a bug: the strings test catches it before users do
        text = entry.get(self.lang) or entry[DEFAULT_LANG]
        return text.format(**values) if values else text

    def maybe(self, key: str, fallback: str) -> str:
        """The string for ``key`` if there is one (e.g. a category basira may not know), else ``fallback``."""
        return self(key) if key in strings() else fallback

    def label(self, code: object) -> str:
        """An evidence label (``CALL_TO_VIOLENCE``) in words, or the code itself when there is no entry."""
        return self.maybe(f"label.{code}", str(code))

    def qualifier(self, qualifier_id: object) -> str:
        return self.maybe(f"qualifier.{qualifier_id}", str(qualifier_id))

    def kind(self, kind: object) -> str:
        return self.maybe(f"kind.{kind}", str(kind))

    def legal(self, ref: object) -> str:
        """A legal reference in this language: a ``legal.*`` entry whose English is ``ref``, else ``ref``."""
        text = str(ref or "")
        key = _legal_keys().get(text)
        return self(key) if key else text

    def age(self, seconds: int) -> str:
        if seconds < 45:
            return self("age.now")
        for unit, size in (("d", 86400), ("h", 3600), ("m", 60), ("s", 1)):
            if seconds >= size:
                n = round(seconds / size) if unit != "s" else seconds
                break
        else:  # pragma: no cover - seconds >= 45 always finds a unit
            unit, n = "s", seconds
        if self.lang == "ar":
            one, two, few, many = _AR_UNITS[unit]
            words = one if n == 1 else two if n == 2 else f"{n} {few}" if n <= 10 else f"{n} {many}"
            return self("age.ago", n=words)
        return self("age.ago", n=f"{n} {_EN_UNITS[unit]}")
