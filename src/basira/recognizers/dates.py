"""Hijri and Gregorian dates written in Arabic (and English), converted with the Umm al-Qura calendar.

Dates matter as evidence of *when* a statement claims to be from; a Hijri date that does not agree with
the Gregorian date printed beside it is a sign of a forged or recycled statement (``DATE_MISMATCH``).

Recognised (on normalised text: Arabic-Indic digits are ASCII, "هـ" is "ه", أ/إ/آ are ا, ة is ه):
- Hijri, month by name: "18 محرم 1428هـ", "١٨ من شهر محرم سنة ١٤٢٨ هـ", with the month variants
  ربيع الأول/الآخر/الثاني, جمادى الأولى/الآخرة/الثانية, ذو/ذي القعدة, ذو/ذي الحجة ... A Hijri month
  name needs a day and a year in front of and after it: "قال رجب" or "صفر أهداف" are no dates.
- Hijri, numeric: "18/1/1428هـ", "1428/1/18 هـ" (the suffix is required, or a year 1300–1500).
- Gregorian, month by name: Egyptian/Gulf (يناير ...), Levantine/Iraqi (كانون الثاني ...), Maghrebi
  (جانفي ...), Moroccan (يوليوز, غشت ...) and English ("27 January 2008", "January 27, 2008"); the
  doubled news form "27 كانون الثاني/يناير 2008" is one date.
- Gregorian, numeric: "27/01/2008م", "2008/01/27", "2008-01-27" (a year ≥ 1600, or the suffix م).

Conversion uses ``hijridate`` (Umm al-Qura), which covers 1343–1500 AH (1924-08-01 – 2077-11-16).
A date outside that range or impossible (30 Ṣafar in a 29-day month, 31/02) is still reported, with
``attrs.error``; ``notes`` then adds ``DATE_OUT_OF_RANGE`` or ``DATE_INVALID``.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import regex
from hijridate import Gregorian, Hijri

from basira.normalize import normalize_plain
from basira.recognizers.base import Finding, Recognizer
from basira.recognizers.candidates import matches_at
from basira.recognizers.kernels import compiled as _compiled
from basira.recognizers.registry import register
from basira.types import Analysis, Evidence, EvidenceKind, NormalizedText, Note

HIJRI_RANGE = "1343–1500 AH (1924-08-01 – 2077-11-16)"
MISMATCH_DAYS = 2  # a Hijri date may legitimately differ by a day or two (moon sighting vs Umm al-Qura)
PAIR_DISTANCE = 40  # characters between a Hijri and a Gregorian date for them to be read as one date

HIJRI_MONTH_NAMES_EN = (
    "Muharram", "Safar", "Rabi al-Awwal", "Rabi al-Thani", "Jumada al-Ula", "Jumada al-Akhirah",
    "Rajab", "Shaban", "Ramadan", "Shawwal", "Dhu al-Qadah", "Dhu al-Hijjah",
)  # fmt: skip

# Month names as written (before normalisation); normalised once below.
HIJRI_MONTHS: dict[int, tuple[str, ...]] = {
    1: ("محرم", "المحرم", "محرم الحرام"),
    2: ("صفر", "صفر الخير"),
    3: ("ربيع الأول", "ربيع أول", "ربيع الاول"),
    4: ("ربيع الآخر", "ربيع الثاني", "ربيع ثاني", "ربيع آخر", "ربيع الأخير"),
    5: ("جمادى الأولى", "جمادى الأول", "جمادى الاولى", "جماد الأول", "جمادى أولى"),
    6: ("جمادى الآخرة", "جمادى الثانية", "جمادى الآخر", "جمادى الثاني", "جماد الآخر", "جماد الثاني"),
    7: ("رجب", "رجب الفرد"),
    8: ("شعبان",),
    9: ("رمضان", "رمضان المبارك"),
    10: ("شوال",),
    11: ("ذو القعدة", "ذي القعدة", "ذا القعدة", "ذو القعده", "ذي القعده"),
    12: ("ذو الحجة", "ذي الحجة", "ذا الحجة", "ذو الحجه", "ذي الحجه"),
}
GREGORIAN_MONTHS: dict[int, tuple[str, ...]] = {
    1: ("يناير", "كانون الثاني", "جانفي", "january", "jan"),
    2: ("فبراير", "شباط", "فيفري", "february", "feb"),
    3: ("مارس", "آذار", "march", "mar"),
    4: ("أبريل", "إبريل", "ابريل", "نيسان", "أفريل", "افريل", "april", "apr"),
    5: ("مايو", "أيار", "ماي", "may"),
    6: ("يونيو", "يونيه", "حزيران", "جوان", "june", "jun"),
    7: ("يوليو", "يوليه", "تموز", "جويلية", "جويليه", "يوليوز", "july", "jul"),
    8: ("أغسطس", "اغسطس", "آب", "أوت", "اوت", "غشت", "august", "aug"),
    9: ("سبتمبر", "أيلول", "شتنبر", "september", "sept", "sep"),
    10: ("أكتوبر", "اكتوبر", "تشرين الأول", "october", "oct"),
    11: ("نوفمبر", "تشرين الثاني", "نونبر", "november", "nov"),
    12: ("ديسمبر", "كانون الأول", "دجنبر", "december", "dec"),
}


def _month_table(names: dict[int, tuple[str, ...]]) -> dict[str, int]:
    table: dict[str, int] = {}
    for number, variants in names.items():
        for variant in variants:
            table.setdefault(re.sub(r"\s+", " ", normalize_plain(variant)), number)
    return table


HIJRI_TABLE = _month_table(HIJRI_MONTHS)
GREGORIAN_TABLE = _month_table(GREGORIAN_MONTHS)


def _alternation(table: dict[str, int]) -> str:
    names = sorted(table, key=len, reverse=True)  # longest first: "ربيع الاول" before "ربيع"
    return "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in names)


_AR = "\u0621-\u064a"
_H_MONTH = _alternation(HIJRI_TABLE)
_G_MONTH = _alternation(GREGORIAN_TABLE)
_DAY = r"(?<![\d.:/\-])(?P<day>[0-3]?\d)(?!\d)"
_YEAR = r"(?P<year>\d{3,4})(?![\d/])"
# The suffix's abbreviation dot is left out of the span: it may just as well end the sentence.
_H_SUFFIX = rf"(?P<hsuf>\s?(?:ه(?![{_AR}])|هجريه|هجري|للهجره|من\s+الهجره))"
_G_SUFFIX = rf"(?P<gsuf>\s?(?:م(?![{_AR}])|ميلاديه|ميلادي|للميلاد))"
_BETWEEN_DAY_MONTH = r"\s*(?:من\s+)?(?:شهر\s+)?"
_BEFORE_YEAR = r"\s*[،,]?\s*(?:(?:من\s+)?(?:سنه|عام|لعام|لسنه)\s+)?"
_WORD_END = rf"(?![{_AR}a-z])"

# Each pattern starts with a lookahead for its first character: with a lookbehind first, the regex
# engine cannot skip ahead to candidate positions, and these patterns run over every document.
HIJRI_NAMED = re.compile(
    rf"(?=\d){_DAY}{_BETWEEN_DAY_MONTH}(?P<month>{_H_MONTH}){_WORD_END}{_BEFORE_YEAR}{_YEAR}"
    rf"(?:{_H_SUFFIX}|{_G_SUFFIX})?"
)
GREGORIAN_NAMED = re.compile(
    rf"(?=\d){_DAY}(?:st|nd|rd|th)?{_BETWEEN_DAY_MONTH}(?:of\s+)?(?P<month>{_G_MONTH})\.?{_WORD_END}"
    rf"(?:\s*[/(]\s*(?P<month2>{_G_MONTH}){_WORD_END}\s*\)?)?{_BEFORE_YEAR}{_YEAR}"
    rf"(?:{_H_SUFFIX}|{_G_SUFFIX})?"
)
ENGLISH_MONTH_FIRST = re.compile(
    r"(?=[adfjmnos])(?<![a-z])"
    r"(?P<month>january|february|march|april|may|june|july|august|september|october|november"
    r"|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
    r",?\s+(?P<year>\d{4})(?!\d)"
)
NUMERIC_DMY = re.compile(
    rf"(?=\d)(?<![\d.:/\-])(?P<day>\d{{1,2}})\s?(?P<sep>[/.\-])\s?(?P<month>\d{{1,2}})\s?(?P=sep)\s?{_YEAR}"
    rf"(?:{_H_SUFFIX}|{_G_SUFFIX})?"
)
NUMERIC_YMD = re.compile(
    rf"(?=\d)(?<![\d.:/\-])(?P<year>\d{{4}})\s?(?P<sep>[/.\-])\s?(?P<month>\d{{1,2}})\s?(?P=sep)\s?"
    rf"(?P<day>\d{{1,2}})(?![\d/])(?:{_H_SUFFIX}|{_G_SUFFIX})?"
)

# "الموافق" and friends between a Hijri and a Gregorian date (on normalised text).
CONNECTOR = re.compile(r"^[\s,،()\[\]\-–—/:]*(?:(?:ال)?موافق(?:ه)?\s*(?:ل\s*)?|وفق\s*|م\s*)?[\s,،()\[\]\-–—/:]*$")
SENTENCE_BREAK = re.compile(r"[.!?؟\n]")
# A gap with one of these words joins two different dates ("from ... to ..."), not two forms of one.
RANGE_WORDS = re.compile(r"(?<![\w])(?:الي|حتي|ثم|بين|بعد|قبل|منذ|و|او|to|until|and|or)(?![\w])")


@dataclass(frozen=True, slots=True)
class _Raw:
    start: int
    end: int
    calendar: str
    year: int
    month: int
    day: int
    rule: str
    inferred: bool = False  # the calendar was guessed from the year, not written


def _calendar(m: re.Match[str], default: str | None) -> str | None:
    if m.group("hsuf"):
        return "hijri"
    if m.group("gsuf"):
        return "gregorian"
    return default


def _year_calendar(year: int) -> str | None:
    """The calendar of a numeric date without a suffix, from its year alone."""
    if 1300 <= year <= 1500:
        return "hijri"
    if year >= 1600:
        return "gregorian"
    return None


_DIGIT_RUN = re.compile(r"\d+")
# Every English month name contains one of these (the text is lower-cased by normalisation).
_ENGLISH_MONTH_STEMS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# Whether one of them occurs: one search (the engine skips to the letters they start with) instead of twelve
# substring searches of a whole article; searched only in a text with a Latin letter (a search for one
# character class is several times cheaper, and most Arabic articles have none: 776 of news-ar's 936).
_ENGLISH_MONTH_STEM = re.compile("|".join(_ENGLISH_MONTH_STEMS))
_LATIN_LETTER = regex.compile("[a-z]")


def _digit_runs(text: str) -> list[int]:
    """Where each run of digits starts: the only places a match of a digit-first pattern can start (in C
    where the recognisers' compiled module is built: ``\\d`` is ``str.isdecimal``)."""
    if _compiled is not None:
        return _compiled.digit_run_starts(text)
    return reference_digit_runs(text)


def reference_digit_runs(text: str) -> list[int]:
    return [m.start() for m in _DIGIT_RUN.finditer(text)]


def _candidates(text: str) -> list[_Raw]:
    found: list[_Raw] = []
    runs = _digit_runs(text)
    for m in matches_at(HIJRI_NAMED, text, runs):
        year = int(m.group("year"))
        if year > 1600:  # "3 صفر 2010" is a score and a year, not a Hijri date
            continue
        month = HIJRI_TABLE[re.sub(r"\s+", " ", m.group("month"))]
        found.append(_Raw(m.start(), m.end(), "hijri", year, month, int(m.group("day")), "date.hijri_named"))
    for m in matches_at(GREGORIAN_NAMED, text, runs):
        month = GREGORIAN_TABLE[re.sub(r"\s+", " ", m.group("month"))]
        if m.group("month2") and GREGORIAN_TABLE[re.sub(r"\s+", " ", m.group("month2"))] != month:
            continue  # "كانون الثاني/فبراير" names two months: not one date
        year, day = int(m.group("year")), int(m.group("day"))
        found.append(_Raw(m.start(), m.end(), "gregorian", year, month, day, "date.gregorian_named"))
    has_month = _LATIN_LETTER.search(text) is not None and _ENGLISH_MONTH_STEM.search(text) is not None
    for m in ENGLISH_MONTH_FIRST.finditer(text) if has_month else ():
        month = GREGORIAN_TABLE[m.group("month")]
        year, day = int(m.group("year")), int(m.group("day"))
        found.append(_Raw(m.start(), m.end(), "gregorian", year, month, day, "date.gregorian_named"))
    for pattern in (NUMERIC_DMY, NUMERIC_YMD):
        for m in matches_at(pattern, text, runs):
            year, month, day = int(m.group("year")), int(m.group("month")), int(m.group("day"))
            calendar = _calendar(m, None)
            inferred = calendar is None
            if calendar is None:
                calendar = _year_calendar(year) if len(m.group("year")) == 4 else None
            if calendar is None:
                continue
            if pattern is NUMERIC_DMY and month > 12 >= day:  # 01/27/2008: month first
                month, day = day, month
            found.append(_Raw(m.start(), m.end(), calendar, year, month, day, f"date.{calendar}_numeric", inferred))
    # Day 1–31 and month 1–12, or it is not a date at all; longest first, then leftmost; no overlaps.
    found = [r for r in found if 1 <= r.day <= 31 and 1 <= r.month <= 12]
    found.sort(key=lambda r: (r.start - r.end, r.start))
    chosen: list[_Raw] = []
    taken = bytearray(len(text))  # characters inside a chosen date: a linear overlap test (dates never empty)
    for raw in found:
        if raw.end > raw.start and taken.find(1, raw.start, raw.end) < 0:
            chosen.append(raw)
            taken[raw.start : raw.end] = b"\x01" * (raw.end - raw.start)
    return sorted(chosen, key=lambda r: r.start)


def _written(year: int, month: int, day: int) -> str:
    return f"{year:04d}-{month:02d}-{day:02d}"


def _invalid(calendar: str, written: str, message: str) -> dict[str, Any]:
    return {
        "calendar": calendar,
        "iso": None,
        "gregorian": None,
        "written": written,
        "error_code": "DATE_INVALID",
        "error": message,
    }


def convert(calendar: str, year: int, month: int, day: int) -> dict[str, Any]:
    """The date's attrs: ISO forms in both calendars, or an ``error`` saying why not."""
    written = _written(year, month, day)
    if calendar == "hijri":
        if day > 30:
            return _invalid(calendar, written, f"Hijri months have 29 or 30 days, not {day}")
        try:
            gregorian = Hijri(year, month, day).to_gregorian()
        except OverflowError:
            return {
                "calendar": calendar,
                "iso": written,
                "gregorian": None,
                "error_code": "DATE_OUT_OF_RANGE",
                "error": f"Hijri year {year} is outside the Umm al-Qura table, {HIJRI_RANGE}",
            }
        except ValueError as exc:
            name = HIJRI_MONTH_NAMES_EN[month - 1]
            return _invalid(calendar, written, f"{day} {name} {year} does not exist ({exc})")
        return {"calendar": calendar, "iso": written, "gregorian": gregorian.isoformat()}
    try:
        iso = dt.date(year, month, day).isoformat()
    except ValueError as exc:
        return _invalid(calendar, written, f"{written} is not a date ({exc})")
    attrs: dict[str, Any] = {"calendar": calendar, "iso": iso, "gregorian": iso}
    try:
        attrs["hijri"] = Gregorian(year, month, day).to_hijri().isoformat()
    except OverflowError:
        attrs["hijri"] = None
        attrs["error_code"] = "DATE_OUT_OF_RANGE"
        attrs["error"] = f"{iso} is outside the Umm al-Qura table, {HIJRI_RANGE}"
    return attrs


@register
class DatesRecognizer(Recognizer):
    """Hijri and Gregorian dates, each converted to the other calendar; mismatched pairs noted."""

    name = "dates"
    version = 1
    kind = EvidenceKind.DATE
    labels = ("HIJRI_DATE", "GREGORIAN_DATE")

    def find(self, nt: NormalizedText) -> Sequence[Finding]:
        findings = []
        for raw in _candidates(nt.text):
            attrs = convert(raw.calendar, raw.year, raw.month, raw.day)
            if raw.inferred:
                attrs["calendar_inferred"] = True
            score = 0.6 if raw.inferred else 0.9
            if "error" in attrs:
                score = min(score, 0.5)
            findings.append(
                Finding(
                    label="HIJRI_DATE" if raw.calendar == "hijri" else "GREGORIAN_DATE",
                    start=raw.start,
                    end=raw.end,
                    rule=raw.rule,
                    score=score,
                    attrs=attrs,
                    explanation=_explain(attrs),
                )
            )
        return findings

    def notes(self, analysis: Analysis) -> Sequence[Note]:
        own = sorted((e for e in analysis.evidence if e.recognizer == self.key), key=lambda e: e.start)
        notes: list[Note] = []
        text = analysis.document.text
        for hijri, gregorian in _pairs(text, own):
            note = _mismatch(hijri, gregorian)
            if note is not None:
                notes.append(note)
        for e in own:
            code = e.attrs.get("error_code")
            if code in ("DATE_OUT_OF_RANGE", "DATE_INVALID"):
                message = f"{e.text!r}: {e.attrs.get('error')}"
                notes.append(Note(code=str(code), message=message, evidence=(e.id,)))
        return notes


def _explain(attrs: dict[str, Any]) -> str:
    if "error" in attrs:
        return str(attrs["error"])
    if attrs["calendar"] == "hijri":
        return f"Hijri {attrs['iso']} = {attrs['gregorian']} (Umm al-Qura)"
    return f"{attrs['iso']} = Hijri {attrs.get('hijri')} (Umm al-Qura)"


PAIR_MAX_GAP = 80  # no pair across a longer gap, connector or not


def _paired(text: str, first: Evidence, second: Evidence) -> bool:
    gap = text[first.end : second.start]
    if len(gap) > PAIR_MAX_GAP:
        return False
    norm = normalize_plain(gap)
    if CONNECTOR.match(norm):
        return True
    return len(gap) <= PAIR_DISTANCE and not SENTENCE_BREAK.search(gap) and not RANGE_WORDS.search(norm)


def _pairs(text: str, own: list[Evidence]) -> list[tuple[Evidence, Evidence]]:
    """Each Hijri date with the nearest Gregorian date it is paired with, each used once."""
    hijri = [e for e in own if e.label == "HIJRI_DATE"]
    gregorian = sorted(
        (e for e in own if e.label == "GREGORIAN_DATE"), key=lambda e: e.start
    )  # stable: the order of ``own`` among equal starts
    starts = [g.start for g in gregorian]
    longest = max((g.end - g.start for g in gregorian), default=0)
    options = []
    for h in hijri:
        # Only dates within PAIR_MAX_GAP of each other can pair: look there, not at every date in the text
        # (a long document full of dates would otherwise cost |hijri| x |gregorian| gap checks).
        low = bisect_left(starts, h.start - PAIR_MAX_GAP - longest)
        high = bisect_right(starts, h.end + PAIR_MAX_GAP)
        for g in gregorian[low:high]:
            first, second = (h, g) if h.start < g.start else (g, h)
            if first.end <= second.start and _paired(text, first, second):
                options.append((second.start - first.end, h.start, h, g))
    options.sort(key=lambda o: (o[0], o[1]))
    used: set[str] = set()
    pairs = []
    for _, _, h, g in options:
        if h.id not in used and g.id not in used:
            used.update((h.id, g.id))
            pairs.append((h, g))
    return sorted(pairs, key=lambda p: min(p[0].start, p[1].start))


def _mismatch(hijri: Evidence, gregorian: Evidence) -> Note | None:
    h_greg, g_iso = hijri.attrs.get("gregorian"), gregorian.attrs.get("gregorian")
    if not h_greg or not g_iso:
        return None  # one of them could not be converted: its own note says so
    days = abs((dt.date.fromisoformat(h_greg) - dt.date.fromisoformat(g_iso)).days)
    if days <= MISMATCH_DAYS:
        return None
    year, month, day = (int(x) for x in str(hijri.attrs["iso"]).split("-"))
    message = (
        f"Hijri {day} {HIJRI_MONTH_NAMES_EN[month - 1]} {year} = {h_greg}, but the paired Gregorian date "
        f"is {g_iso} ({days} days apart)"
    )
    return Note(code="DATE_MISMATCH", message=message, evidence=(hijri.id, gregorian.id))
