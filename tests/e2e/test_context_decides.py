"""Issue 4: the same violent sentence decided by its context, end to end (recognisers + tco policy)."""

from __future__ import annotations

import pytest

from basira.pipeline import Analyzer
from basira.stages import default_stages
from basira.types import Document, Outcome

CALL = "ندعو إخواننا المجاهدين إلى تصعيد الهجمات على العدو"

CASES = [
    ("first person", f"{CALL}.", {Outcome.VIOLATING}),
    ("news report with attribution",
     f"(بغداد - رويترز) قالت وكالة رويترز إن التنظيم دعا في بيان إلى \"{CALL}\".",
     {Outcome.NOT_VIOLATING, Outcome.REVIEW}),
    ("condemnation", f"ندين بشدة من يقول \"{CALL}\"، فهذا عمل إرهابي جبان.", {Outcome.NOT_VIOLATING}),
    ("researcher quoting with analysis",
     f"يرى الباحث في دراسته أن عبارة \"{CALL}\" تتكرر في خطاب التنظيمات المتطرفة.", {Outcome.NOT_VIOLATING}),
    ("Quran verse alone", "قال تعالى: ﴿وَقَاتِلُوا فِي سَبِيلِ اللَّهِ الَّذِينَ يُقَاتِلُونَكُمْ وَلَا تَعْتَدُوا﴾",
     {Outcome.NOT_VIOLATING}),
    ("condolence with الشهيد", "إنا لله وإنا إليه راجعون، نعت العائلة ابنها الشهيد، رحمه الله وأسكنه فسيح جناته.",
     {Outcome.NOT_VIOLATING}),
    ("condolence calling for revenge attacks",
     f"إنا لله وإنا إليه راجعون، رحم الله الشهيد، و{CALL} ثأرًا لدمه.", {Outcome.VIOLATING}),
    ("negated", "لا ندعو إلى قتل أحد، ونرفض العنف بكل أشكاله.", {Outcome.NOT_VIOLATING}),
]


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer(stages=default_stages())


@pytest.mark.parametrize(("name", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_issue4_same_words_different_context(analyzer: Analyzer, name: str, text: str, expected: set[Outcome]) -> None:
    analysis = analyzer.analyze(Document("t", "test", text, "text", lang="ar"))
    assert analysis.decision is not None
    assert analysis.decision.outcome in expected, [
        (e.label, e.text) for e in analysis.evidence
    ] + [c.explanation for c in analysis.decision.categories]
