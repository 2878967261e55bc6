"""Hijri and Gregorian dates: spans, Umm al-Qura conversions, errors, and the DATE_MISMATCH notes."""

from __future__ import annotations

import pytest
from helpers import random_texts

from basira.normalize import normalize
from basira.pipeline import Analyzer
from basira.recognizers import dates as dates_module
from basira.recognizers.dates import DatesRecognizer
from basira.recognizers.registry import build_recognizers
from basira.recognizers.urls import UrlRecognizer
from basira.types import Analysis, Document, Evidence

H, G = "HIJRI_DATE", "GREGORIAN_DATE"
MUHARRAM_18 = (H, "18 محرم 1428هـ", "1428-01-18", "2007-02-06")
JAN_27 = "2008-01-27"

CASES = [
    # --- Hijri, month by name
    pytest.param("صدر البيان في 18 محرم 1428هـ", [MUHARRAM_18], id="hijri-attached-suffix"),
    pytest.param("١٨ محرم ١٤٢٨ هـ", [(H, "١٨ محرم ١٤٢٨ هـ", "1428-01-18", "2007-02-06")], id="arabic-indic"),
    pytest.param("18 محرم 1428 هـ", [(H, "18 محرم 1428 هـ", "1428-01-18", "2007-02-06")], id="suffix-spaced"),
    pytest.param("18 محرم 1428", [(H, "18 محرم 1428", "1428-01-18", "2007-02-06")], id="no-suffix-named"),
    pytest.param(
        "18 من شهر رمضان سنة 1430 هـ",
        [(H, "18 من شهر رمضان سنة 1430 هـ", "1430-09-18", "2009-09-08")],
        id="min-shahr-sanat",
    ),
    pytest.param("1 ربيع الأول 1430هـ", [(H, "1 ربيع الأول 1430هـ", "1430-03-01", "2009-02-26")], id="rabi1"),
    pytest.param("1 ربيع الآخر 1430هـ", [(H, "1 ربيع الآخر 1430هـ", "1430-04-01", "2009-03-28")], id="rabi2"),
    pytest.param("1 ربيع الثاني 1430هـ", [(H, "1 ربيع الثاني 1430هـ", "1430-04-01", "2009-03-28")], id="rabi2-thani"),
    pytest.param("5 جمادى الأولى 1430هـ", [(H, "5 جمادى الأولى 1430هـ", "1430-05-05", "2009-04-30")], id="jumada1"),
    pytest.param("5 جمادى الآخرة 1430هـ", [(H, "5 جمادى الآخرة 1430هـ", "1430-06-05", "2009-05-29")], id="jumada2"),
    pytest.param(
        "٥ جمادى الثانية ١٤٣٠هـ", [(H, "٥ جمادى الثانية ١٤٣٠هـ", "1430-06-05", "2009-05-29")], id="jumada2-th"
    ),
    pytest.param("27 رجب 1445هـ", [(H, "27 رجب 1445هـ", "1445-07-27", "2024-02-08")], id="rajab"),
    pytest.param("15 شعبان 1445هـ", [(H, "15 شعبان 1445هـ", "1445-08-15", "2024-02-25")], id="shaban"),
    pytest.param("1 شوال 1445هـ", [(H, "1 شوال 1445هـ", "1445-10-01", "2024-04-10")], id="shawwal"),
    pytest.param("1 ذو القعدة 1440هـ", [(H, "1 ذو القعدة 1440هـ", "1440-11-01", "2019-07-04")], id="dhu-al-qadah"),
    pytest.param("10 ذي الحجة 1440هـ", [(H, "10 ذي الحجة 1440هـ", "1440-12-10", "2019-08-11")], id="dhi-al-hijjah"),
    # --- Hijri, numeric
    pytest.param("18/1/1428هـ", [(H, "18/1/1428هـ", "1428-01-18", "2007-02-06")], id="hijri-dmy"),
    pytest.param("1428/1/18 هـ", [(H, "1428/1/18 هـ", "1428-01-18", "2007-02-06")], id="hijri-ymd"),
    pytest.param("١٨/١/١٤٢٨هـ", [(H, "١٨/١/١٤٢٨هـ", "1428-01-18", "2007-02-06")], id="hijri-dmy-indic"),
    pytest.param("تاريخ 18-01-1428", [(H, "18-01-1428", "1428-01-18", "2007-02-06")], id="hijri-by-year"),
    # --- Gregorian
    pytest.param("27/01/2008م", [(G, "27/01/2008م", JAN_27, JAN_27)], id="greg-dmy-mim"),
    pytest.param("بتاريخ 2008/01/27", [(G, "2008/01/27", JAN_27, JAN_27)], id="greg-ymd"),
    pytest.param("2008-01-27", [(G, "2008-01-27", JAN_27, JAN_27)], id="greg-iso"),
    pytest.param("27 يناير 2008", [(G, "27 يناير 2008", JAN_27, JAN_27)], id="greg-egyptian"),
    pytest.param("27 كانون الثاني 2008", [(G, "27 كانون الثاني 2008", JAN_27, JAN_27)], id="greg-levantine"),
    pytest.param("27 جانفي 2008", [(G, "27 جانفي 2008", JAN_27, JAN_27)], id="greg-maghrebi"),
    pytest.param("27 January 2008", [(G, "27 January 2008", JAN_27, JAN_27)], id="greg-english"),
    pytest.param("on January 27, 2008.", [(G, "January 27, 2008", JAN_27, JAN_27)], id="greg-english-mdy"),
    pytest.param("٢٧ كانون الثاني/يناير ٢٠٠٨", [(G, "٢٧ كانون الثاني/يناير ٢٠٠٨", JAN_27, JAN_27)], id="greg-doubled"),
    pytest.param("11 أيلول 2001", [(G, "11 أيلول 2001", "2001-09-11", "2001-09-11")], id="greg-aylul"),
    pytest.param("5 جويلية 1962", [(G, "5 جويلية 1962", "1962-07-05", "1962-07-05")], id="greg-juillet"),
    pytest.param("14 تموز 1958م", [(G, "14 تموز 1958م", "1958-07-14", "1958-07-14")], id="greg-tammuz"),
    pytest.param("1 آب 2014", [(G, "1 آب 2014", "2014-08-01", "2014-08-01")], id="greg-ab"),
    # --- out of range and impossible dates are still reported (attrs.error)
    pytest.param("1 صفر 1200هـ", [(H, "1 صفر 1200هـ", "1200-02-01", None)], id="hijri-out-of-range"),
    pytest.param("30 صفر 1428هـ", [(H, "30 صفر 1428هـ", None, None)], id="hijri-30-safar-1428"),
    pytest.param("31/02/2008", [(G, "31/02/2008", None, None)], id="greg-31-february"),
    pytest.param("5 May 1900", [(G, "5 May 1900", "1900-05-05", "1900-05-05")], id="greg-before-table"),
    # --- near-misses
    pytest.param("الساعة 10/12 مساء", [], id="time-not-date"),
    pytest.param("انتهت المباراة بنتيجة صفر أهداف", [], id="safar-zero"),
    pytest.param("فاز الفريق 3 صفر 2010", [], id="score-then-year"),
    pytest.param("قال رجب إنه سيحضر", [], id="rajab-a-name"),
    pytest.param("في شهر رمضان من كل عام", [], id="month-without-day-year"),
    pytest.param("في عام 2008 وقع الهجوم", [], id="year-only"),
    pytest.param("الإصدار 1.2.3 متاح", [], id="version-number"),
    pytest.param("رقم 12/10/25", [], id="two-digit-year"),
]


@pytest.fixture(scope="module")
def recognizer() -> DatesRecognizer:
    return DatesRecognizer()


def dates(recognizer: DatesRecognizer, text: str) -> list[Evidence]:
    evidence = recognizer.analyze(normalize(text))
    for ev in evidence:
        assert 0 <= ev.start <= ev.end <= len(text)
        assert ev.text == text[ev.start : ev.end]
        assert ev.kind.value == "date"
    return evidence


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_dates_table(recognizer: DatesRecognizer, text: str, expected: list[tuple[str, ...]]) -> None:
    got = [(ev.label, ev.text, ev.attrs["iso"], ev.attrs["gregorian"]) for ev in dates(recognizer, text)]
    assert got == expected


def test_gregorian_attrs_carry_the_hijri_date(recognizer: DatesRecognizer) -> None:
    (ev,) = dates(recognizer, "27 يناير 2008")
    assert dict(ev.attrs) == {"calendar": "gregorian", "iso": JAN_27, "gregorian": JAN_27, "hijri": "1429-01-18"}


def test_hijri_attrs(recognizer: DatesRecognizer) -> None:
    (ev,) = dates(recognizer, "18 محرم 1428هـ")
    assert dict(ev.attrs) == {"calendar": "hijri", "iso": "1428-01-18", "gregorian": "2007-02-06"}
    assert ev.rule == "date.hijri_named" and ev.recognizer == "dates@1"


@pytest.mark.parametrize(
    ("text", "code", "needle"),
    [
        ("1 صفر 1200هـ", "DATE_OUT_OF_RANGE", "1343–1500"),
        ("30 صفر 1428هـ", "DATE_INVALID", "29"),
        ("31/02/2008", "DATE_INVALID", "2008-02-31"),
        ("5 May 1900", "DATE_OUT_OF_RANGE", "1924-08-01"),
    ],
)
def test_errors_never_crash(recognizer: DatesRecognizer, text: str, code: str, needle: str) -> None:
    (ev,) = dates(recognizer, text)
    assert ev.attrs["error_code"] == code
    assert needle in ev.attrs["error"]


def analyze(text: str, *others: object) -> Analysis:
    recognizers = [*others, DatesRecognizer()]
    analyzer = Analyzer(recognizers=recognizers)  # type: ignore[arg-type]
    return analyzer.analyze(Document(id="d", source="test", text=text, format="text"))


def codes(analysis: Analysis) -> list[tuple[str, tuple[str, ...]]]:
    return [(n.code, n.evidence) for n in analysis.notes]


def test_mismatch_note_names_both_conversions() -> None:
    analysis = analyze("الأحد 18 محرم 1428هـ الموافق 27 يناير 2008م")
    (note,) = analysis.notes
    assert note.code == "DATE_MISMATCH" and note.evidence == ("e1", "e2")
    assert note.message == (
        "Hijri 18 Muharram 1428 = 2007-02-06, but the paired Gregorian date is 2008-01-27 (355 days apart)"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("الثلاثاء 18 محرم 1428هـ الموافق 6 فبراير 2007م", []),
        ("18 محرم 1428هـ الموافق لـ 6 فبراير 2007م", []),
        ("19 محرم 1428هـ الموافق 6 فبراير 2007م", []),  # one day: moon sighting, not a mismatch
        ("1 رمضان 1435هـ الموافق 29 حزيران 2014م", []),
        ("18 محرم 1428هـ الموافق ل 27 يناير 2008م", [("DATE_MISMATCH", ("e1", "e2"))]),
        ("6 فبراير 2008م (18 محرم 1428هـ)", [("DATE_MISMATCH", ("e2", "e1"))]),
        ("18/1/1428هـ - 27/1/2008م", [("DATE_MISMATCH", ("e1", "e2"))]),
        ("صدر في 18 محرم 1428هـ. وفي 27 يناير 2008م وقع الهجوم", []),  # another sentence
        ("من 1 محرم 1428هـ إلى 27 يناير 2008م", []),  # a range, not one date twice
        ("18 محرم 1428هـ الموافق 6 فبراير 2007م، و1 رمضان 1435هـ الموافق 29 يونيو 2014م", []),
        (
            "18 محرم 1428هـ الموافق 6 فبراير 2007م، و1 رمضان 1435هـ الموافق 29 يونيو 2015م",
            [("DATE_MISMATCH", ("e3", "e4"))],
        ),
        ("1 صفر 1200هـ", [("DATE_OUT_OF_RANGE", ("e1",))]),
        ("30 صفر 1428هـ الموافق 20 مارس 2007م", [("DATE_INVALID", ("e1",))]),
    ],
    ids=[
        "match",
        "match-muwafiq-li",
        "one-day-off",
        "ramadan-1435-sighting",
        "mismatch-muwafiq-l",
        "mismatch-gregorian-first",
        "mismatch-numeric-dash",
        "other-sentence",
        "range",
        "two-pairs-match",
        "second-pair-mismatch",
        "out-of-range",
        "invalid",
    ],
)
def test_notes(text: str, expected: list[tuple[str, tuple[str, ...]]]) -> None:
    assert codes(analyze(text)) == expected


def test_notes_select_their_own_evidence_among_others() -> None:
    analysis = analyze("https://example.com/a 18 محرم 1428هـ الموافق 27 يناير 2008م", UrlRecognizer())
    assert [e.recognizer for e in analysis.evidence] == ["url@1", "dates@1", "dates@1"]
    assert codes(analysis) == [("DATE_MISMATCH", ("e2", "e3"))]


def test_registered() -> None:
    (recognizer,) = build_recognizers(["dates"])
    assert isinstance(recognizer, DatesRecognizer)
    assert recognizer.labels == ("HIJRI_DATE", "GREGORIAN_DATE")


def test_compiled_digit_runs_are_the_regex_runs() -> None:
    """Where runs of ``\\d`` start, in C where built: digits of every script (``\\d`` is Unicode's decimal
    digits: not ``²`` or ``½``), runs broken by anything else."""
    assert dates_module._compiled is not None, "basira.recognizers._compiled is not built: run 'make install' with gcc"
    pieces = ["1", "23", "٣", "۴۵", "߂", "𝟘", "²", "½", "x", " ", "/", "-", "ب", "\n"]
    runs = 0
    for text in random_texts(pieces, 5000, 12, seed=10):
        expected = dates_module.reference_digit_runs(text)
        assert dates_module._compiled.digit_run_starts(text) == expected, ascii(text)
        runs += len(expected)
    assert runs > 5000


def test_the_month_stem_search_is_the_substring_tests() -> None:
    pieces = [*dates_module._ENGLISH_MONTH_STEMS, "ja", "n", "de", "c ", "ب", "1", "MAR"]
    for text in random_texts(pieces, 3000, 6, seed=11):
        stems = dates_module._ENGLISH_MONTH_STEMS
        assert (dates_module._ENGLISH_MONTH_STEM.search(text) is not None) == any(s in text for s in stems)
