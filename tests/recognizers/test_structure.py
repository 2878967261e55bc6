"""Statement structure: markers, issuer, media wings, numbered points, titles; near misses stay silent."""

from __future__ import annotations

import random

import pytest
from helpers import assert_spans, random_texts, spans

from basira.normalize import normalize
from basira.recognizers.structure import INLINE_NUMBER, StructureRecognizer, _inline_numbers, _skip_blanks

M, ISS, W, P, T = "STATEMENT_MARKER", "ISSUER", "MEDIA_WING", "NUMBERED_POINTS", "TITLE"


@pytest.fixture(scope="module")
def rec() -> StructureRecognizer:
    return StructureRecognizer()


CASES = [
    # a media wing heading a line with ":" is the issuer; quoted inside a sentence it is not
    ("وكالة أعماق: هجوم على ثكنة", [(ISS, "وكالة أعماق"), (W, "وكالة أعماق")]),
    ("نقلت وكالة أعماق: هجوم", [(W, "وكالة أعماق")]),
    # --- markers and issuer
    pytest.param(
        "بيان صادر عن الدولة الإسلامية في العراق والشام حول الأحداث",
        [
            (T, "بيان صادر عن الدولة الإسلامية في العراق والشام حول الأحداث"),
            (M, "بيان صادر عن"),
            (ISS, "الدولة الإسلامية في العراق والشام"),
        ],
        id="statement-issuer-entity",
    ),
    pytest.param(
        "وفي بيان صادر عن وزارة الداخلية، أكدت الوزارة استمرار التحقيق.",
        [(M, "بيان صادر عن"), (ISS, "وزارة الداخلية")],
        id="news-issuer-comma",
    ),
    pytest.param(
        "بيان صادر عن المكتب الإعلامي\nنص البيان",
        [(T, "بيان صادر عن المكتب الإعلامي"), (M, "بيان صادر عن"), (ISS, "المكتب الإعلامي")],
        id="issuer-line-end",
    ),
    pytest.param(
        "صدر البيان الصادر عن حركة حماس بشأن الهدنة.", [(ISS, "حركة حماس")], id="issuer-stopword-entity"
    ),
    pytest.param(
        "بلاغ عسكري صادر عن قيادة المنطقة", [(M, "بلاغ عسكري"), (ISS, "قيادة المنطقة")], id="balagh"
    ),
    pytest.param(
        "بيان عسكري رقم 5\nنعلن ما يلي", [(T, "بيان عسكري رقم 5"), (M, "بيان عسكري")], id="military-title"
    ),
    pytest.param("أصدر التنظيم بيان رقم 12 اليوم.", [(M, "بيان رقم")], id="numbered-statement"),
    pytest.param("تعلن الجماعة تبنيها للعملية", [(M, "تبنيها للعملية")], id="claim-pronoun"),
    pytest.param("أعلن المتحدث تبني الهجوم.", [(M, "تبني الهجوم")], id="claim-attack"),
    pytest.param(
        "statement issued by Hay'at Tahrir al-Sham regarding the attack",
        [(M, "statement issued by"), (ISS, "Hay'at Tahrir al-Sham")],
        id="en-issuer",
    ),
    pytest.param(
        "The group released a claim of responsibility online.", [(M, "claim of responsibility")], id="en-claim"
    ),
    # --- a designated name heading a statement
    pytest.param(
        "حركة الشباب المجاهدين – المكتب الإعلامي: نفذ المجاهدون هجوما",
        [(ISS, "حركة الشباب المجاهدين")],
        id="header-after-name",
    ),
    pytest.param(
        "الإعلام الحربي لكتائب حزب الله: استهدفنا قاعدة",
        [(ISS, "لكتائب حزب الله")],
        id="header-before-name",
    ),
    pytest.param("al-Shabaab Media Office: the brothers advanced", [(ISS, "al-Shabaab")], id="header-en"),
    pytest.param("قصفت القوات مواقع الحوثيين - بيان: وزارة الدفاع", [], id="header-name-mid-sentence"),
    pytest.param("وقالت حركة حماس في بيان: إن الوضع خطير", [], id="header-news-in-a-statement"),
    # --- media wings
    pytest.param("نشرت وكالة أعماق خبرا", [(W, "وكالة أعماق")], id="amaq"),
    pytest.param("بثت مؤسسة السحاب تسجيلا", [(W, "مؤسسة السحاب")], id="sahab"),
    pytest.param("نسب الفيلم لمؤسسة الملاحم", [(W, "لمؤسسة الملاحم")], id="malahem-clitic"),
    pytest.param("As-Sahab released a video.", [(W, "As-Sahab")], id="en-media"),
    pytest.param(
        "نشرت مؤسسة الفرقان إصدار جديد", [(W, "مؤسسة الفرقان"), (M, "إصدار جديد")], id="release-with-wing"
    ),
    pytest.param(
        "إصدار مرئي جديد\nمؤسسة الفرقان",
        [(T, "إصدار مرئي جديد"), (M, "إصدار مرئي جديد"), (W, "مؤسسة الفرقان")],
        id="release-title",
    ),
    # --- numbered points
    pytest.param(
        "أولاً: الصبر، ثانياً: العمل، ثالثاً: الأمل.",
        [(P, "أولاً: الصبر، ثانياً: العمل، ثالثاً: الأمل.")],
        id="ordinals",
    ),
    pytest.param(
        "أولاً الأمن ثانياً التعليم ثالثاً الصحة رابعاً العمل",
        [(P, "أولاً الأمن ثانياً التعليم ثالثاً الصحة رابعاً العمل")],
        id="ordinals-four",
    ),
    pytest.param(
        "1- البند الأول\n2- البند الثاني\n3- البند الثالث",
        [(P, "1- البند الأول\n2- البند الثاني\n3- البند الثالث")],
        id="digits-lines",
    ),
    pytest.param(
        "١- الصبر\n٢- الثبات\n٣- اليقين", [(P, "١- الصبر\n٢- الثبات\n٣- اليقين")], id="arabic-indic-digits"
    ),
    pytest.param(
        "المطالب هي: 1- الحرية 2- العدالة 3- الكرامة",
        [(P, "1- الحرية 2- العدالة 3- الكرامة")],
        id="digits-inline",
    ),
    # --- titles
    pytest.param(
        "الحصاد الأسبوعي\nتناولت النشرة أخبار الأسبوع.", [(T, "الحصاد الأسبوعي")], id="title-first-line"
    ),
    # --- near misses: must not fire
    pytest.param("تبني الأطفال مسؤولية كبيرة", [], id="near-adoption"),
    pytest.param("تبنت الحكومة سياسة جديدة.", [], id="near-adopt-policy"),
    pytest.param("أعلنت الشركة عن إصدار جديد من تطبيقها.", [], id="near-app-release"),
    pytest.param("أولاً نشكركم وثانياً نرحب بكم.", [], id="near-two-ordinals"),
    pytest.param("سجل الفريق 3 أهداف في 2 مباراة.", [], id="near-digits"),
    pytest.param("قاعدة البيانات تحتاج تحديثا.\nتم الحفظ.", [], id="near-bayanat-line"),
    pytest.param("بيانات المستخدمين محفوظة", [], id="near-bayanat"),
    pytest.param("هذا الإعلان مهم جدا", [], id="near-single-line"),
    pytest.param("نشر أعماق المحيط صورا", [], id="near-depths"),
    pytest.param("قرأ سورة الفرقان في الصلاة.", [], id="near-furqan-sura"),
    pytest.param("تلا الإمام النبأ العظيم.", [], id="near-naba"),
    pytest.param("1. Introduction\n2. Methods", [], id="near-two-points"),
    pytest.param(
        "خطاب مطول يتناول قضايا كثيرة جدا في السياسة والاقتصاد والمجتمع والثقافة والتاريخ والجغرافيا\nالسطر الثاني",
        [],
        id="near-long-first-line",
    ),
    pytest.param("زار الوفد مؤسسة الأهرام.", [], id="near-other-institution"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_structure_spans(rec: StructureRecognizer, text: str, expected: list[tuple[str, str]]) -> None:
    assert_spans(rec, text, expected)


def test_issuer_and_media_attrs(rec: StructureRecognizer) -> None:
    evidence = spans(rec, "بيان صادر عن الدولة الإسلامية في العراق والشام حول الأحداث")
    issuer = next(e for e in evidence if e.label == ISS)
    assert issuer.kind.value == "structure" and issuer.attrs["entity_id"] == "isil"
    (wing,) = spans(rec, "نشرت وكالة أعماق خبرا")
    assert wing.attrs["entity_id"] == "isil" and wing.rule == "media.amaq"
    plain = next(e for e in spans(rec, "بلاغ عسكري صادر عن قيادة المنطقة") if e.label == ISS)
    assert "entity_id" not in plain.attrs


def test_numbered_points_attrs(rec: StructureRecognizer) -> None:
    (points,) = spans(rec, "أولاً الأمن ثانياً التعليم ثالثاً الصحة رابعاً العمل")
    assert points.attrs == {"points": 4, "style": "ordinal"}
    (digits,) = spans(rec, "1- البند الأول\n2- البند الثاني\n3- البند الثالث")
    assert digits.attrs["style"] == "digits" and digits.rule == "structure.points.digits"


def test_inline_numbers_are_the_inline_number_pattern_matches() -> None:
    """Found from their marks, the same matches as ``INLINE_NUMBER.finditer``: digits of every kind (``\\d`` is
    Unicode's decimal digits, not ``²``), runs of three digits, blanks, marks with and without text after."""
    pieces = ["1", "2", "12", "123", "٣", "۵", "²", " ", "\t", "  ", "-", "–", ")", "(", "x", "ب", "\n", "\u00a0", "—",
              " 3 - ", " 12) ", "\t٤– "]
    found = 0
    for text in random_texts(pieces, 20000, 16, seed=7):
        expected = [(m.start(1), int(m.group(1)), _skip_blanks(text, m.end())) for m in INLINE_NUMBER.finditer(text)]
        assert _inline_numbers(text) == expected, ascii(text)
        found += len(expected)
    assert found > 1000


def test_ordinal_matches_are_the_ordinal_pattern_matches(rec: StructureRecognizer) -> None:
    """Tried only where an ordinal word starts, the same matches as ``ordinal_pattern.finditer``."""
    pieces = [*rec.config["ordinals"], "و", "ب", "ال", " ", "،", "1", "x", "ولا", "\n", "_"]
    found = 0
    for text in random_texts(pieces, 20000, 10, seed=8):
        expected = [(m.span(), m.group(1)) for m in rec.ordinal_pattern.finditer(text)]
        assert [(m.span(), m.group(1)) for m in rec.ordinal_matches(text)] == expected, text
        found += len(expected)
    assert found > 1000


def test_ordinal_runs_need_not_search_a_text_without_the_first_three_ordinals(rec: StructureRecognizer) -> None:
    """The ordinal search is skipped unless the first three ordinal words are in the text: the same numbered
    points as the search of every text (short texts of ordinals, some of them missing, and fillers)."""
    searched = StructureRecognizer()
    searched._may_count_ordinals = lambda text: True  # type: ignore[method-assign]
    rng = random.Random(9)
    fillers = ["و", " ", "، ", "x", "اولاد", "\n", " نص "]
    found = skipped = 0
    for _ in range(6000):
        # the ordinals in order, some dropped, some repeated, fillers between
        words = [w for w in rec.config["ordinals"][: rng.randint(0, 5)] if rng.random() > 0.15]
        words += rng.sample(words, min(len(words), rng.randint(0, 1)))
        text = "".join(w + "".join(rng.choices(fillers, k=rng.randint(0, 2))) for w in words)
        nt = normalize(text)
        expected = searched._numbered(nt)
        assert rec._numbered(nt) == expected, text
        found += len(expected)
        skipped += not rec._may_count_ordinals(nt.text)
    assert found > 50 and skipped > 1000, (found, skipped)


@pytest.mark.parametrize("text", ["بيان صادر عن قيادة المنطقة", "بيان رسمي من قيادة المنطقة",
                                  "a note issued by the regional command", "official statement from the command"])
def test_every_issuer_intro_is_found_from_its_anchor(rec: StructureRecognizer, text: str) -> None:
    """The intro pattern is tried only near its literals (``match_anchors``), and each kind of intro is found
    so."""
    assert rec.issuer_anchors is not None
    assert any(ev.label == ISS for ev in spans(rec, text))
