"""SUPPORT: slogans, honorifics after designated names, titles; ordinary piety never fires."""

from __future__ import annotations

import pytest
from helpers import assert_spans, spans

from basira.recognizers.entities import bundled_entities
from basira.recognizers.support import SupportRecognizer

S = "SUPPORT"


@pytest.fixture(scope="module")
def rec() -> SupportRecognizer:
    return SupportRecognizer()


CASES = [
    # --- slogans and self-names fire alone
    pytest.param("الدولة الإسلامية باقية وتتمدد", [(S, "باقية وتتمدد")], id="slogan-baqiya"),
    pytest.param("الدولة الإسلامية باقيـــة وتتمدد", [(S, "باقيـــة وتتمدد")], id="slogan-tatweel"),
    pytest.param("نحن جنود الخلافة", [(S, "جنود الخلافة")], id="self-name-soldiers"),
    pytest.param("التحية لجنود الخلافة", [(S, "لجنود الخلافة")], id="self-name-clitic"),
    pytest.param("هؤلاء أشبال الخلافة", [(S, "أشبال الخلافة")], id="self-name-cubs"),
    pytest.param("دولة الخلافة قادمة", [(S, "دولة الخلافة")], id="caliphate-state"),
    pytest.param("تحية لإخواننا المجاهدين في كل مكان", [(S, "لإخواننا المجاهدين")], id="brothers"),
    pytest.param(
        "جنود الخلافة يرددون باقية وتتمدد", [(S, "جنود الخلافة"), (S, "باقية وتتمدد")], id="two-slogans"
    ),
    # --- honorifics right after a designated name
    pytest.param("أبو بكر البغدادي حفظه الله", [(S, "حفظه الله")], id="protect-leader"),
    pytest.param("أبو بكر البغدادي الحسيني القرشي حفظه الله", [(S, "حفظه الله")], id="protect-nisbas"),
    pytest.param("أبو بكر البغدادي (حفظه الله) تكلم", [(S, "حفظه الله")], id="protect-brackets"),
    pytest.param("الدولة الإسلامية حفظها الله", [(S, "حفظها الله")], id="protect-entity"),
    pytest.param("داعش حفظها ﷲ", [(S, "حفظها ﷲ")], id="allah-ligature"),
    pytest.param("أَبُو بَكْرٍ الْبَغْدَادِيُّ حَفِظَهُ اللَّهُ", [(S, "حَفِظَهُ اللَّهُ")], id="diacritics"),
    pytest.param("حركة حماس نصرها الله", [(S, "نصرها الله")], id="victory"),
    pytest.param("كتائب القسام أيدها الله", [(S, "أيدها الله")], id="support-god"),
    pytest.param("حسن نصر الله رحمه الله", [(S, "رحمه الله")], id="mercy-designated-weak"),
    pytest.param("أسامة بن لادن تقبله الله", [(S, "تقبله الله")], id="accept-leader"),
    # --- "تقبله الله" after a fighter/operation word
    pytest.param("الاستشهادي أبو فلان تقبله الله", [(S, "تقبله الله")], id="accept-istishhadi"),
    pytest.param("منفذ العملية تقبله الله", [(S, "تقبله الله")], id="accept-executor"),
    pytest.param("الانغماسي أبو فلان تقبله الله", [(S, "تقبله الله")], id="accept-inghimasi"),
    # --- titles with a designated name near
    pytest.param("أمير المؤمنين أبو بكر البغدادي", [(S, "أمير المؤمنين")], id="title-amir"),
    pytest.param("قال الشيخ المجاهد أسامة بن لادن", [(S, "الشيخ المجاهد")], id="title-sheikh"),
    pytest.param("خليفة المسلمين أبو بكر البغدادي", [(S, "خليفة المسلمين")], id="title-caliph"),
    # --- near misses: must not fire
    pytest.param("محمد حفظه الله", [], id="near-ordinary-protect"),
    pytest.param("والدي رحمه الله كان طيبا", [], id="near-ordinary-mercy"),
    pytest.param("الشيخ حفظه الله ألقى درسا", [], id="near-sheikh-protect"),
    pytest.param("صام رمضان تقبله الله منه", [], id="near-accept-fasting"),
    pytest.param("أمير المؤمنين عمر بن الخطاب", [], id="near-title-umar"),
    pytest.param("الشيخ المجاهد عمر المختار قاوم الاستعمار", [], id="near-title-mukhtar"),
    pytest.param("كانت دولة الخلافة العثمانية واسعة", [], id="near-ottoman"),
    pytest.param("التقى وفد حماس بالشيخ صالح حفظه الله", [], id="near-honorific-other-person"),
    pytest.param("قالت حماس إن الفقيد رحمه الله كان معلما", [], id="near-mercy-not-attached"),
    pytest.param("استقبلوه بكل حماس حفظه الله", [], id="near-enthusiasm"),
    pytest.param("نصر الله المؤمنين حفظه الله", [], id="near-nasr-allah"),
    pytest.param("بقيت الأسعار باقية ومستقرة", [], id="near-baqiya"),
    pytest.param("تقبل الله صيامكم", [], id="near-eid-greeting"),
    pytest.param("جنود الجيش الوطني", [], id="near-soldiers"),
    pytest.param("ذكر الكتاب داعش. والدي حفظه الله قرأه", [], id="near-other-sentence"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_support_spans(rec: SupportRecognizer, text: str, expected: list[tuple[str, str]]) -> None:
    assert_spans(rec, text, expected)


def test_support_attrs_name_the_entity(rec: SupportRecognizer) -> None:
    (ev,) = spans(rec, "أبو بكر البغدادي حفظه الله")
    assert ev.kind.value == "signal" and ev.recognizer == "support@1"
    assert ev.rule == "support.honorific.protect"
    assert ev.attrs["entity_id"] == "abu_bakr_al_baghdadi" and ev.attrs["type"] == "honorific"
    (slogan,) = spans(rec, "باقية وتتمدد")
    assert slogan.attrs["entity_id"] == "isil" and slogan.attrs["type"] == "slogan"
    (tied,) = spans(rec, "ذكرت حماس شعار باقية وتتمدد")  # a slogan tied to a group keeps its group
    assert tied.attrs["entity_id"] == "isil"
    (brothers,) = spans(rec, "حماس تحيي إخواننا المجاهدين")  # an untied slogan takes the name nearby
    assert brothers.attrs["entity_id"] == "hamas"
    (title,) = spans(rec, "أمير المؤمنين أبو بكر البغدادي")
    assert title.attrs["entity_id"] == "abu_bakr_al_baghdadi" and title.attrs["type"] == "title"
    (accept,) = spans(rec, "الاستشهادي أبو فلان تقبله الله")
    assert accept.attrs["fighter_context"] == "الاستشهادي" and "entity_id" not in accept.attrs


def test_mercy_is_weaker_than_protect(rec: SupportRecognizer) -> None:
    (mercy,) = spans(rec, "حسن نصر الله رحمه الله")
    (protect,) = spans(rec, "حسن نصر الله حفظه الله")
    assert mercy.score < protect.score


def test_support_reuses_the_entity_recognizer(rec: SupportRecognizer) -> None:
    assert rec.entities is bundled_entities()
