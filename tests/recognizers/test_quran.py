"""Quran verses: exact identification (sūrah:āyah) and exact spans; near-misses must not match."""

from __future__ import annotations

from pathlib import Path

import pytest

from basira.normalize import normalize
from basira.pipeline import Analyzer
from basira.recognizers.quran import QuranIndex, QuranRecognizer
from basira.recognizers.registry import build_recognizers
from basira.types import Document, Evidence

# Rendered from the bundled KFGQPC Ḥafṣ text with its waqf marks and end-of-āyah sign.
Q_8_60_UTHMANI = (
    "وَأَعِدُّواْ لَهُم مَّا ٱسۡتَطَعۡتُم مِّن قُوَّةࣲ وَمِن رِّبَاطِ ٱلۡخَيۡلِ تُرۡهِبُونَ بِهِۦ عَدُوَّ ٱللَّهِ "
    "وَعَدُوَّكُمۡ وَءَاخَرِينَ مِن دُونِهِمۡ لَا تَعۡلَمُونَهُمُ ٱللَّهُ يَعۡلَمُهُمۡۚ وَمَا تُنفِقُواْ مِن شَيۡءࣲ "
    "فِي سَبِيلِ ٱللَّهِ يُوَفَّ إِلَيۡكُمۡ وَأَنتُمۡ لَا تُظۡلَمُونَ"
)
Q_2_190_UTHMANI = "وَقَٰتِلُواْ فِي سَبِيلِ ٱللَّهِ ٱلَّذِينَ يُقَٰتِلُونَكُمۡ وَلَا تَعۡتَدُوٓاْۚ إِنَّ ٱللَّهَ لَا يُحِبُّ ٱلۡمُعۡتَدِينَ"
Q_33_70_UTHMANI = "يَٰٓأَيُّهَا ٱلَّذِينَ ءَامَنُواْ ٱتَّقُواْ ٱللَّهَ وَقُولُواْ قَوۡلࣰا سَدِيدࣰا"
Q_9_5_UTHMANI_PART = "فَٱقۡتُلُواْ ٱلۡمُشۡرِكِينَ حَيۡثُ وَجَدتُّمُوهُمۡ وَخُذُوهُمۡ وَٱحۡصُرُوهُمۡ وَٱقۡعُدُواْ لَهُمۡ كُلَّ مَرۡصَدࣲۚ"
Q_9_71_IMLAI = (
    "والمؤمنون والمؤمنات بعضهم أولياء بعض يأمرون بالمعروف وينهون عن المنكر ويقيمون الصلاة "
    "ويؤتون الزكاة ويطيعون الله ورسوله أولئك سيرحمهم الله إن الله عزيز حكيم"
)
Q_2_190_SIMPLE = "وَقَاتِلُوا فِي سَبِيلِ اللَّهِ الَّذِينَ يُقَاتِلُونَكُمْ وَلَا تَعْتَدُوا"
Q_3_103_SIMPLE = "وَاعْتَصِمُوا بِحَبْلِ اللَّهِ جَمِيعًا وَلَا تَفَرَّقُوا"
FATIHA_NUMBERED = "الحمد لله رب العالمين (1) الرحمن الرحيم (2) مالك يوم الدين"
IKHLAS = "قل هو الله أحد الله الصمد لم يلد ولم يولد ولم يكن له كفوا أحد"
AYAT_AL_KURSI_START = "الله لا إله إلا هو الحي القيوم لا تأخذه سنة ولا نوم"
Q_2_190_191 = "وقاتلوا في سبيل الله الذين يقاتلونكم ولا تعتدوا إن الله لا يحب المعتدين (190) واقتلوهم حيث ثقفتموهم"

CASES = [
    # --- the whole verse, as printed and as typed
    pytest.param(Q_8_60_UTHMANI + " ۝٦٠", [("8:60", Q_8_60_UTHMANI)], id="uthmani-marks-ayah-sign"),
    pytest.param(Q_2_190_UTHMANI, [("2:190", Q_2_190_UTHMANI)], id="uthmani-waqf-marks"),
    pytest.param(Q_33_70_UTHMANI, [("33:70", Q_33_70_UTHMANI)], id="uthmani-vocative-joined"),
    pytest.param(
        "يا أيها الذين آمنوا اتقوا الله وقولوا قولا سديدا",
        [("33:70", "يا أيها الذين آمنوا اتقوا الله وقولوا قولا سديدا")],
        id="vocative-written-apart",
    ),
    pytest.param(Q_9_71_IMLAI, [("9:71", Q_9_71_IMLAI)], id="undiacritised-full-verse"),
    pytest.param(Q_2_190_SIMPLE, [("2:190", Q_2_190_SIMPLE)], id="diacritised-simple-partial"),
    pytest.param("بِسْمِ اللَّهِ الرَّحْمَنِ الرَّحِيمِ", [("1:1", "بِسْمِ اللَّهِ الرَّحْمَنِ الرَّحِيمِ")], id="basmala"),
    # --- partial verses inside sentences, with quotation markers and ornate brackets
    pytest.param(
        "قال تعالى: ﴿" + Q_2_190_SIMPLE + "﴾ [البقرة: 190]", [("2:190", Q_2_190_SIMPLE)], id="qala-taala-ornate"
    ),
    pytest.param("﴿" + Q_3_103_SIMPLE + "﴾ [آل عمران: ١٠٣]", [("3:103", Q_3_103_SIMPLE)], id="ornate-arabic-indic-ref"),
    pytest.param(
        "يقول الخطيب إن قوله تعالى وأعدوا لهم ما استطعتم من قوة نزل في الدفاع عن الأمة",
        [("8:60", "وأعدوا لهم ما استطعتم من قوة")],
        id="sermon-8-60-fragment",
    ),
    pytest.param(
        "وأما قوله تعالى ﴿فاقتلوا المشركين حيث وجدتموهم﴾ فنزل في مشركي العرب الناقضين للعهد",
        [("9:5", "فاقتلوا المشركين حيث وجدتموهم")],
        id="sermon-9-5-fragment",
    ),
    pytest.param(
        "وفي تفسير قوله: {وقاتلوا في سبيل الله الذين يقاتلونكم} قال العلماء إن القتال للدفاع",
        [("2:190", "وقاتلوا في سبيل الله الذين يقاتلونكم")],
        id="sermon-2-190-braces",
    ),
    pytest.param(Q_9_5_UTHMANI_PART + " فَإِن", [("9:5", Q_9_5_UTHMANI_PART + " فَإِن")], id="uthmani-open-tanwin"),
    pytest.param(
        "قال الله عز وجل: ولا تحسبن الذين قتلوا في سبيل الله أمواتا بل أحياء عند ربهم يرزقون.",
        [("3:169", "ولا تحسبن الذين قتلوا في سبيل الله أمواتا بل أحياء عند ربهم يرزقون")],
        id="full-verse-in-sentence",
    ),
    pytest.param(AYAT_AL_KURSI_START, [("2:255", AYAT_AL_KURSI_START)], id="longest-attribution-wins"),
    pytest.param(
        "وقــاتلوا فــي سبيــل الله الذين يقاتلونكم",
        [("2:190", "وقــاتلوا فــي سبيــل الله الذين يقاتلونكم")],
        id="tatweel",
    ),
    pytest.param(
        "قاتلوا في سبيل الله الذين يقاتلونكم",
        [("2:190", "قاتلوا في سبيل الله الذين يقاتلونكم")],
        id="leading-waw-dropped",
    ),
    pytest.param(
        "وأعدوا لهم ما استطعتم منن قوة ومن رباط الخيل ترهبون",
        [("8:60", "وأعدوا لهم ما استطعتم منن قوة ومن رباط الخيل ترهبون")],
        id="one-misspelt-word-inside",
    ),
    pytest.param(
        "أولم ير الذين كفروا أن السماوات والأرض كانتا رتقا ففتقناهما",
        [("21:30", "أولم ير الذين كفروا أن السماوات والأرض كانتا رتقا ففتقناهما")],
        id="awalam-joined",
    ),
    pytest.param(
        "أو لم ير الذين كفروا أن السماوات والأرض كانتا رتقا",
        [("21:30", "أو لم ير الذين كفروا أن السماوات والأرض كانتا رتقا")],
        id="awalam-apart",
    ),
    # --- several verses
    pytest.param(FATIHA_NUMBERED + " (3)", [("1:2-4", FATIHA_NUMBERED)], id="range-with-verse-numbers"),
    pytest.param(IKHLAS, [("112:1-4", IKHLAS)], id="whole-surah"),
    pytest.param(Q_2_190_191, [("2:190-191", Q_2_190_191)], id="range-fighting-verses"),
    pytest.param(
        "قال تعالى ﴿قل هو الله أحد﴾ وقال ﴿واعتصموا بحبل الله جميعا ولا تفرقوا﴾",
        [("112:1", "قل هو الله أحد"), ("3:103", "واعتصموا بحبل الله جميعا ولا تفرقوا")],
        id="two-verses-one-text",
    ),
    pytest.param(
        "﴿واقتلوهم حيث ثقفتموهم﴾ ليست أمرا مطلقا، بل قيدتها الآية قبلها ﴿ولا تعتدوا إن الله لا يحب المعتدين﴾",
        [("2:190", "ولا تعتدوا إن الله لا يحب المعتدين")],
        id="three-word-fragment-not-enough",
    ),
    # --- near-misses: shared words but no four consecutive words of a verse; hadith; prose
    pytest.param("وقاتلوا في سبيل", [], id="three-words-only"),
    pytest.param("الجهاد في سبيل الله ذروة سنام الإسلام", [], id="hadith-sharing-three-words"),
    pytest.param("إنما الأعمال بالنيات وإنما لكل امرئ ما نوى", [], id="hadith-niyyat"),
    pytest.param("من رأى منكم منكرا فليغيره بيده فإن لم يستطع فبلسانه", [], id="hadith-munkar"),
    pytest.param("ذهبت إلى السوق في سبيل الله مع أصدقائي", [], id="prose-fi-sabil-allah"),
    pytest.param("أعدوا لهم خطة محكمة قبل الاجتماع", [], id="prose-shares-a-dulahum"),
    pytest.param("فاقتلوا الأعداء حيث وجدتموهم", [], id="adapted-not-quoted"),
    pytest.param("اللهم انصر إخواننا المجاهدين في سبيل الله في كل مكان", [], id="dua-not-verse"),
    pytest.param("قال المتحدث باسم الحكومة إن الوضع في المدينة مستقر بعد الاشتباكات", [], id="news"),
    pytest.param("لا تحسبن أن الأمر سهل يا صديقي", [], id="prose-la-tahsabanna"),
    pytest.param("The verse 2:190 is often quoted out of context.", [], id="english"),
    pytest.param("", [], id="empty"),
]


@pytest.fixture(scope="module")
def recognizer() -> QuranRecognizer:
    return QuranRecognizer()


def quoted(recognizer: QuranRecognizer, text: str) -> list[Evidence]:
    evidence = recognizer.analyze(normalize(text))
    for ev in evidence:
        assert 0 <= ev.start <= ev.end <= len(text)
        assert ev.text == text[ev.start : ev.end]
        assert ev.label == "QURAN_VERSE" and ev.kind.value == "quotation"
        assert ev.attrs["source"] == "quran"
    return evidence


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_quran_table(recognizer: QuranRecognizer, text: str, expected: list[tuple[str, str]]) -> None:
    got = [(ev.attrs["ref"], ev.text) for ev in quoted(recognizer, text)]
    assert got == expected


def test_attrs_of_a_partial_verse(recognizer: QuranRecognizer) -> None:
    (ev,) = quoted(recognizer, "وأعدوا لهم ما استطعتم من قوة ومن رباط الخيل")
    attrs = dict(ev.attrs)
    assert attrs["ref"] == "8:60" and attrs["surah"] == 8 and attrs["ayah"] == 60
    assert attrs["words"] == 9
    assert attrs["coverage"] == pytest.approx(9 / 33, abs=1e-3)  # 8:60 has 33 words
    assert "common_formula" not in attrs and "marked" not in attrs
    assert ev.rule == "quran.verse" and ev.recognizer == "quran@1"


def test_range_attrs(recognizer: QuranRecognizer) -> None:
    (ev,) = quoted(recognizer, IKHLAS)
    assert ev.attrs["surah"] == 112 and ev.attrs["ayah"] == 1 and ev.attrs["ayah_end"] == 4
    assert ev.attrs["coverage"] == 1.0 and ev.attrs["words"] == 15
    assert ev.rule == "quran.verse_range"


def test_marked_quotation(recognizer: QuranRecognizer) -> None:
    (ev,) = quoted(recognizer, "قال تعالى: ﴿" + Q_2_190_SIMPLE + "﴾")
    assert ev.attrs["marked"] is True
    assert ev.score > 0.9


@pytest.mark.parametrize(
    "text",
    [
        "بسم الله الرحمن الرحيم",
        "إن الله على كل شيء قدير",
        "الحمد لله رب العالمين",
        "إنا لله وإنا إليه راجعون",
        "يا أيها الذين آمنوا",
    ],
)
def test_common_formulae_are_recorded_but_flagged(recognizer: QuranRecognizer, text: str) -> None:
    (ev,) = quoted(recognizer, text)
    assert ev.text == text
    assert ev.attrs["common_formula"] is True
    assert ev.rule == "quran.common_formula"
    assert ev.score < 0.5


def test_formula_inside_a_longer_quotation_is_not_a_formula(recognizer: QuranRecognizer) -> None:
    text = "ألم تعلم أن الله على كل شيء قدير"
    (ev,) = quoted(recognizer, text)
    assert ev.attrs["ref"] == "2:106"
    assert "common_formula" not in ev.attrs


def test_ambiguous_phrase_lists_alternatives(recognizer: QuranRecognizer) -> None:
    (ev,) = quoted(recognizer, "إن الله على كل شيء قدير")
    alternatives = ev.attrs["alternatives"]
    assert ev.attrs["ref"] not in alternatives
    assert ev.attrs["alternatives_total"] >= len(alternatives) >= 5
    assert all(":" in ref for ref in alternatives)


def test_basmala_prefers_the_fatiha(recognizer: QuranRecognizer) -> None:
    (ev,) = quoted(recognizer, "بسم الله الرحمن الرحيم")
    assert ev.attrs["ref"] == "1:1" and ev.attrs["coverage"] == 1.0
    assert ev.attrs["alternatives"] == ["27:30"]


def test_repeated_verse_is_found_each_time(recognizer: QuranRecognizer) -> None:
    text = "قل هو الله أحد. ثم قرأ مرة أخرى: قل هو الله أحد"
    assert [(e.attrs["ref"], e.start) for e in quoted(recognizer, text)] == [("112:1", 0), ("112:1", 33)]


def test_cache_round_trip(tmp_path: Path) -> None:
    built = QuranIndex.load(cache_dir=tmp_path)
    assert sorted(p.suffix for p in tmp_path.iterdir()) == [".automaton", ".json"]
    cached = QuranIndex.load(cache_dir=tmp_path)
    assert cached.sha256 == built.sha256
    assert list(cached.pairs) == list(built.pairs) and len(built.pairs) > 50_000  # the compiled runs need them
    a, b = QuranRecognizer(built), QuranRecognizer(cached)
    for text in (IKHLAS, Q_2_190_UTHMANI, Q_2_190_191, FATIHA_NUMBERED):
        nt = normalize(text)
        assert [e.to_dict() for e in a.analyze(nt)] == [e.to_dict() for e in b.analyze(nt)]


def test_damaged_cache_is_rebuilt(tmp_path: Path) -> None:
    QuranIndex.load(cache_dir=tmp_path)
    for path in tmp_path.iterdir():
        path.write_bytes(b"not an index")
    index = QuranIndex.load(cache_dir=tmp_path)
    assert [e.attrs["ref"] for e in QuranRecognizer(index).analyze(normalize(IKHLAS))] == ["112:1-4"]


def test_registered_and_runs_in_the_pipeline() -> None:
    (recognizer,) = build_recognizers(["quran"])
    analysis = Analyzer(recognizers=[recognizer]).analyze(
        Document(id="d1", source="test", text="قال تعالى: " + Q_2_190_SIMPLE, format="text")
    )
    (ev,) = analysis.evidence
    assert ev.id == "e1" and ev.to_dict()["kind"] == "quotation"
    assert ev.to_dict()["attrs"]["ref"] == "2:190"
