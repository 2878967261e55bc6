"""The context recogniser: exact (label, substring) sets on short purpose-made sentences.

Context lowers scores in the policy, so a false context span hides a real signal: near-misses matter as
much as hits. Spans are tight (the policy measures proximity with them).
"""

from __future__ import annotations

import random

import pytest
from helpers import assert_spans, spans

from basira.recognizers.context import (
    ABBREVIATED_CITATION,
    BRACKETED_CITATION,
    CITATION,
    ContextRecognizer,
    citation_spans,
)
from basira.recognizers.registry import registered

REP = "REPORTING"
CON = "CONDEMNATION"
CS = "COUNTER_SPEECH"
RES = "RESEARCH"
QUO = "QUOTATION"
CDL = "CONDOLENCE"
NEG = "NEGATION"

ROWS: list[tuple[str, list[tuple[str, str]]]] = [
    # --- REPORTING
    ("(بغداد - رويترز) قتل خمسة أشخاص في هجوم", [(REP, "(بغداد - رويترز)")]),
    ("القاهرة - أ ف ب: اعتقلت الشرطة مشتبها به", [(REP, "القاهرة - أ ف ب")]),
    ("BAGHDAD (Reuters) - Five people were killed", [(REP, "BAGHDAD (Reuters)")]),
    ("قالت وكالة الأنباء الرسمية إن الهجوم أسفر عن قتلى", [(REP, "قالت وكالة")]),
    ("أفادت مصادر أمنية بمقتل جنديين", [(REP, "أفادت مصادر أمنية")]),
    ("وفق ما نقلت وكالة الأنباء المحلية", [(REP, "وفق ما نقلت وكالة")]),
    ("ذكر بيان للجيش أن الوضع تحت السيطرة", [(REP, "ذكر بيان")]),
    ("قال المتحدث باسم الشرطة إن التحقيق جار", [(REP, "قال المتحدث باسم")]),
    ("أعلنت جماعة مسلحة مسؤوليتها عن الهجوم", [(REP, "أعلنت جماعة مسلحة مسؤوليتها")]),
    ("وأضاف أن الوضع هادئ", [(REP, "وأضاف")]),
    ("Reuters reported that the attack was condemned", [(REP, "Reuters reported that"), (CON, "condemned")]),
    # --- CONDEMNATION
    ("ندين بشدة هذا العمل الإرهابي الجبان", [(CON, "ندين"), (CON, "العمل الإرهابي الجبان")]),
    ("نستنكر بأشد العبارات الهجوم", [(CON, "نستنكر"), (CON, "بأشد العبارات")]),
    ("نرفض العنف بكل أشكاله", [(CON, "نرفض العنف"), (NEG, "نرفض العنف")]),
    # --- COUNTER_SPEECH
    ("هذا الفكر المتطرف لا يمثل الإسلام", [(CS, "الفكر المتطرف"), (CS, "لا يمثل الإسلام")]),
    ("الإرهاب لا دين له", [(CS, "الإرهاب لا دين له")]),
    ("هؤلاء خوارج العصر", [(CS, "خوارج العصر")]),
    ("كتاب في تفنيد شبهات المتطرفين", [(CS, "تفنيد شبهات المتطرفين")]),
    # --- RESEARCH
    ("يرى الباحث أن الخطاب تغير في ورقة بحثية حديثة", [(RES, "يرى الباحث"), (RES, "ورقة بحثية")]),
    ("كشفت الدراسة أن الخطاب تغير (العتيبي، 2019، ص 12)",
     [(RES, "كشفت الدراسة"), (RES, "(العتيبي، 2019، ص 12)")]),
    ("اعتمدنا على تحليل خطاب المنشورات", [(RES, "تحليل خطاب")]),
    ("according to a study by Smith et al. (2020)",
     [(REP, "according to"), (RES, "a study by"), (RES, "et al.")]),
    # --- QUOTATION (attributed only)
    ("وقال المتحدث باسم الشرطة: «لن نسمح بتكرار الهجوم»",
     [(REP, "وقال المتحدث باسم"), (QUO, "«لن نسمح بتكرار الهجوم»"), (NEG, "لن نسمح بتكرار الهجوم")]),
    ("«سنواصل التحقيق»، قال الوزير", [(QUO, "«سنواصل التحقيق»")]),
    ('وجاء في البيان: "نحن مستمرون"', [(QUO, '"نحن مستمرون"')]),
    ("he said “we are leaving” yesterday", [(QUO, "“we are leaving”")]),
    # --- CONDOLENCE
    ("رحمه الله وتغمده الله برحمته", [(CDL, "رحمه الله"), (CDL, "وتغمده الله برحمته")]),
    ("إنا لله وإنا إليه راجعون", [(CDL, "إنا لله وإنا إليه راجعون")]),
    ("نتقدم بخالص التعازي لأسرة الفقيد", [(CDL, "نتقدم بخالص التعازي"), (CDL, "الفقيد")]),
    ("نعت العائلة ابنها الشهيد الذي قضى في الحادث", [(CDL, "نعت العائلة ابنها الشهيد")]),
    ("الشهيد بإذن الله ارتقى صباح اليوم", [(CDL, "الشهيد بإذن الله ارتقى")]),
    ("عظم الله أجركم", [(CDL, "عظم الله أجركم")]),
    # --- NEGATION
    ("لا ندعو إلى العنف", [(NEG, "لا ندعو إلى العنف")]),
    ("لن نسمح بالاعتداء على أحد", [(NEG, "لن نسمح بالاعتداء")]),
    ("لا يجوز قتل المدنيين", [(NEG, "لا يجوز قتل")]),
    ("لا تقتلوا الأبرياء", [(NEG, "لا تقتلوا")]),
    ("we do not support violence", [(NEG, "not support violence")]),
    # --- obfuscation
    ("نَدِينُ الهُجُومَ", [(CON, "نَدِينُ")]),  # diacritics
    ("نستنـــكر الاعتداء", [(CON, "نستنـــكر")]),  # tatweel
    ("رحمہ اللہ", [(CDL, "رحمہ اللہ")]),  # Persian heh goal
    ("الإرهاب لا دي\u200cن له", [(CS, "الإرهاب لا دي\u200cن له")]),  # zero-width non-joiner
    ("ن د ي ن الاعتداء", [(CON, "ن د ي ن")]),  # spaced letters
    # --- near-misses: must NOT fire
    # --- added cues (counter-speech, condemnation, research), conditional negators
    ("لا تنخدع بعبارات التنظيم", [(CS, "لا تنخدع")]),
    ("إذا وصلتك رسالة كهذه أبلغ عنه فورا", [(CS, "أبلغ عنه")]),
    ("هذا مو دين هذا إجرام", [(CS, "مو دين"), (CON, "هذا إجرام")]),
    ("من يبرر ذلك شريك في الجريمة", [(CON, "شريك في الجريمة")]),
    ("نقف ضد كل تحريض", [(CON, "نقف ضد")]),
    ("Calling it heroic is obscene.", [(CON, "is obscene")]),
    ("لاحظ فريق البحث تغيرا في الخطاب", [(RES, "لاحظ فريق البحث")]),
    ("يظهر التحليل اللغوي أن الصيغة نادرة", [(RES, "يظهر التحليل اللغوي")]),
    ("خلص التقرير إلى نتائج مهمة", [(RES, "خلص التقرير")]),
    ("The report traces the campaigns", [(RES, "The report traces")]),
    ("إن لم يتركوا الخدمة فسنستهدفهم", []),  # a condition, not a negation of violence
    ("درس لا يُنسى في هجوم", []),  # "unforgettable"
    ("الله يبارك بإيدين الشباب", []),  # "hands", not "condemns"
    ("وقال الله تعالى في كتابه", []),
    ("يدين بالإسلام منذ صغره", []),
    ("أدانت المحكمة المتهم بالسرقة", []),
    ("السلام عليكم ورحمة الله وبركاته", []),
    ("رحمة الله واسعة", []),
    ("الدراسة في الجامعة صعبة", []),
    ("the study of birds", []),
    ('اشترى "أفضل" هاتف في السوق', []),  # scare quotes, no speaker
    ("لا أحب الشاي", []),  # a negator with nothing violent
    ("لا، اقتلوهم", []),  # the negator's clause ends at the comma
    ("قال لي صديقي إنه مشغول", []),
    ("مراسلنا في المباراة سعيد", []),
    ("ضربة جزاء في الدقيقة الأخيرة", []),
    ("لا نرضى إلا بالقتل", []),  # exception: an affirmation, not a negation
    ("لن نتوقف عن الجهاد", []),  # negated cessation
]


@pytest.fixture(scope="module")
def recognizer() -> ContextRecognizer:
    return ContextRecognizer()


@pytest.mark.parametrize(("text", "expected"), ROWS, ids=[f"{i:02d}" for i in range(len(ROWS))])
def test_context_spans(recognizer: ContextRecognizer, text: str, expected: list[tuple[str, str]]) -> None:
    assert_spans(recognizer, text, expected)


def test_table_is_large_enough() -> None:
    assert len(ROWS) >= 30
    assert sum(1 for _, expected in ROWS if not expected) >= 10


def test_registered_as_context() -> None:
    assert registered()["context"] is ContextRecognizer
    assert ContextRecognizer.kind.value == "context"


def test_quotation_records_speaker(recognizer: ContextRecognizer) -> None:
    evidence = spans(recognizer, "وقال المتحدث باسم الشرطة: «سنواصل التحقيق»")
    [quote] = [e for e in evidence if e.label == QUO]
    assert quote.attrs["speaker"] == "المتحدث باسم الشرطة"
    assert quote.attrs["attribution"] == "وقال"
    [quote] = spans(recognizer, "«سنواصل التحقيق»، قال وزير الداخلية")
    assert quote.attrs["speaker"] == "وزير الداخلية"


def test_dateline_records_agency(recognizer: ContextRecognizer) -> None:
    [ev] = spans(recognizer, "(بغداد - رويترز) وقع انفجار")
    assert ev.rule == "report.dateline" and ev.attrs["agency"] == "رويترز"


def test_citation_spans_are_the_whole_patterns_matches() -> None:
    """Bracketed citations and "et al"/"ibid" searched apart: the matches of the whole pattern, which skips an
    abbreviation inside a bracketed citation."""
    pieces = ["(", ")", "Smith ", "et al", "et  al.", "ibid.", "ibidem", "net al", "2019", "1999", "، ", ", ", "ص 12",
              "p. 4", "pp. 3-5", "x", " ", "\n", ".", "(Smith et al., 2019)", "(ibid., 2020, p. 4)"]
    rng = random.Random(22)
    found = inside = 0
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 14)))
        expected = [m.span() for m in CITATION.finditer(text)]
        assert citation_spans(text) == expected, text
        found += len(expected)
        inside += any(m.start() < a.start() < m.end() for m in BRACKETED_CITATION.finditer(text)
                      for a in ABBREVIATED_CITATION.finditer(text))
    assert found > 2000 and inside > 50, (found, inside)
