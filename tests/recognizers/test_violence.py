"""The violence recogniser: exact (label, substring) sets on short purpose-made sentences.

Rows cover every label, Arabic dialects, obfuscation (diacritics, tatweel, spaced and dotted letters,
zero-width characters, Persian look-alikes), clitics, English, and near-misses that must not fire.
"""

from __future__ import annotations

import pytest
from helpers import assert_spans, spans

from basira.recognizers.registry import registered
from basira.recognizers.violence import ViolenceRecognizer, expand_terms

CALL = "CALL_TO_VIOLENCE"
GLOR = "GLORIFICATION"
THREAT = "THREAT"
RECRUIT = "RECRUITMENT"
INSTR = "INSTRUCTION"
FIN = "FINANCING"
MARTYR = "MARTYRDOM"

BTC = "bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh"

ROWS: list[tuple[str, list[tuple[str, str]]]] = [
    # --- CALL_TO_VIOLENCE (MSA)
    ("ندعو المجاهدين في كل مكان إلى تصعيد ضرباتهم ضد المحتل الأمريكي",
     [(CALL, "ندعو المجاهدين في كل مكان إلى تصعيد ضرباتهم ضد المحتل الأمريكي")]),
    ("اقتلوا الروافض حيث وجدتموهم", [(CALL, "اقتلوا الروافض")]),
    ("فليضرب كل واحد منكم بما استطاع", [(CALL, "فليضرب")]),
    ("هبوا لقتال الصليبيين", [(CALL, "هبوا لقتال الصليبيين")]),
    ("أثخنوا فيهم", [(CALL, "أثخنوا فيهم")]),
    ("يا شباب قاتلوا المحتل", [(CALL, "قاتلوا المحتل")]),
    ("جاهدوا الكفار بالسلاح", [(CALL, "جاهدوا الكفار")]),
    ("شنوا هجمات على الجنود", [(CALL, "شنوا هجمات على الجنود")]),
    ("لازم نقتل المرتدين", [(CALL, "لازم نقتل المرتدين")]),
    # --- dialects
    ("اذبحوهم", [(CALL, "اذبحوهم")]),  # Gulf/Iraqi imperative with object
    ("هنضرب الكفار في كل مكان", [(THREAT, "هنضرب الكفار")]),  # Egyptian future
    ("رح نضرب الجيش", [(THREAT, "رح نضرب الجيش")]),  # Levantine future
    ("بدنا نقتلهم", [(THREAT, "بدنا نقتلهم")]),  # Levantine intent
    ("راح نذبحكم", [(THREAT, "راح نذبحكم")]),  # Gulf/Iraqi future
    ("بنذبحكم واحد واحد", [(THREAT, "بنذبحكم")]),  # Gulf future with second-person object
    ("غادي نضربو الكفار", [(THREAT, "غادي نضربو الكفار")]),  # Maghrebi future
    # --- THREAT (MSA)
    ("سنضرب في عقر داركم", [(THREAT, "سنضرب")]),
    ("انتظروا ما يسوؤكم", [(THREAT, "انتظروا ما يسوؤكم")]),
    ("لن تنعموا بالأمن بعد اليوم", [(THREAT, "لن تنعموا بالأمن")]),
    ("سنجعلكم عبرة لغيركم", [(THREAT, "سنجعلكم عبرة")]),
    # --- GLORIFICATION (+ MARTYRDOM where the term is there)
    ("نبارك العملية المباركة", [(GLOR, "نبارك العملية المباركة")]),
    ("العمليات المباركة مستمرة", [(GLOR, "العمليات المباركة")]),
    ("الغزوة المباركة", [(GLOR, "الغزوة المباركة")]),
    ("وصف المذيع العملية البطولية", [(GLOR, "العملية البطولية")]),  # recorded; policy weighs quoting
    ("نبارك العملية الاستشهادية", [(GLOR, "نبارك العملية الاستشهادية"), (MARTYR, "العملية الاستشهادية")]),
    # --- RECRUITMENT
    ("انفروا خفافا", [(RECRUIT, "انفروا")]),
    ("التحقوا بصفوف المجاهدين", [(RECRUIT, "التحقوا بصفوف المجاهدين")]),
    ("انضموا إلى المجاهدين", [(RECRUIT, "انضموا إلى المجاهدين")]),
    ("الهجرة إلى أرض الجهاد واجبة", [(RECRUIT, "الهجرة إلى أرض الجهاد")]),
    # --- INSTRUCTION (titles and offers only)
    ("دليل تصنيع العبوات الناسفة", [(INSTR, "دليل تصنيع العبوات الناسفة")]),
    ("دورة في صناعة المتفجرات", [(INSTR, "دورة في صناعة المتفجرات")]),
    # --- FINANCING
    ("جهزوا غازيا في سبيل الله", [(FIN, "جهزوا غازيا")]),
    ("ادعموا المجاهدين بأموالكم", [(FIN, "ادعموا المجاهدين بأموالكم")]),
    (f"تبرعوا لتجهيز المجاهدين على المحفظة {BTC}", [(FIN, "تبرعوا لتجهيز المجاهدين"), (FIN, BTC)]),
    # --- MARTYRDOM (weak)
    ("استشهد الشاب في الحادث", [(MARTYR, "استشهد")]),
    ("رحم الله الشهداء", [(MARTYR, "الشهداء")]),
    # --- obfuscation and clitics
    ("اُقْتُلُوا الصَّلِيبِيِّينَ", [(CALL, "اُقْتُلُوا الصَّلِيبِيِّينَ")]),  # diacritics
    ("اقـــتـــلوا الصليبيين", [(CALL, "اقـــتـــلوا الصليبيين")]),  # tatweel
    ("ا ق ت ل و ا الكفار", [(CALL, "ا ق ت ل و ا الكفار")]),  # spaced letters
    ("هبوا إلى ا.ل.ق.ت.ا.ل", [(CALL, "هبوا إلى ا.ل.ق.ت.ا.ل")]),  # dotted letters
    ("اق\u200dتلوا المرتدين", [(CALL, "اق\u200dتلوا المرتدين")]),  # zero-width joiner
    ("فلیقاتلوا الکفار", [(CALL, "فلیقاتلوا الکفار")]),  # Persian yeh and keheh
    ("فَلْيُقَاتِلُوا", [(CALL, "فَلْيُقَاتِلُوا")]),  # jussive with conjunction, diacritised
    ("ندعو إلى التعبئة لتصعيد الهجمات", [(CALL, "ندعو إلى التعبئة لتصعيد الهجمات")]),  # li- clitic
    # --- English
    ("kill the infidels, brothers", [(CALL, "kill the infidels")]),
    ("kill all the crusaders now", [(CALL, "kill all the crusaders")]),
    ("We will strike again.", [(THREAT, "We will strike again")]),
    ("join the ranks of the mujahideen", [(RECRUIT, "join the ranks of the mujahideen")]),
    ("bomb-making manual for beginners", [(INSTR, "bomb-making manual")]),
    ("how to make a bomb at home", [(INSTR, "how to make a bomb")]),
    ("donate to arm the fighters", [(FIN, "donate to arm the fighters")]),
    ("praise for the blessed operation", [(GLOR, "blessed operation")]),
    # --- obligation + present verb (MSA and dialects), imperatives with place targets
    ("على كل مسلم أن يقتل المرتدين", [(CALL, "على كل مسلم أن يقتل المرتدين")]),
    ("خاصكم تذبحوهم", [(CALL, "خاصكم تذبحوهم")]),
    ("لازم نروح بالليل ونقتلهم", [(CALL, "لازم نروح بالليل ونقتلهم")]),
    ("يا شباب، استهدفوا كنائسهم", [(CALL, "استهدفوا كنائسهم")]),
    ("دماؤهم حلال", [(CALL, "دماؤهم حلال")]),
    ("اجعلوا عيدهم مأتما", [(CALL, "اجعلوا عيدهم مأتما")]),
    ("سنحول أفراحكم إلى مآتم", [(THREAT, "سنحول أفراحكم إلى مآتم")]),
    ("ونتوعد بالمزيد", [(THREAT, "ونتوعد بالمزيد")]),
    ("رصاصنا سيصل إليكم", [(THREAT, "رصاصنا سيصل")]),
    # --- glorification of a doer
    ("هنيئا للإخوة الذين دهسوا الكفار", [(GLOR, "هنيئا للإخوة الذين دهسوا الكفار")]),
    ("الشاب اللي فجر الحاجز بطل", [(GLOR, "اللي فجر الحاجز بطل")]),
    ("استهدف مجاهدونا رتلا", [(GLOR, "استهدف مجاهدونا")]),
    # --- recruitment, instruction, financing
    ("الجبهات تنتظركم يا شباب", [(RECRUIT, "الجبهات تنتظركم")]),
    ("اللي بدو ينضم للمجاهدين يراسلني", [(RECRUIT, "اللي بدو ينضم للمجاهدين")]),
    ("شرح طرق تنفيذ الاغتيالات", [(INSTR, "شرح طرق تنفيذ الاغتيالات")]),
    ("تبرعوا لشراء السلاح للإخوة", [(FIN, "تبرعوا لشراء السلاح")]),
    # --- Arabizi and English
    ("ya shabab e2tlo kel kafer", [(CALL, "e2tlo kel kafer")]),
    ("lazem nedrabhom", [(CALL, "lazem nedrabhom")]),
    ("Avenge him, brothers", [(CALL, "Avenge him")]),
    ("Our bullets will find you.", [(THREAT, "Our bullets will find you")]),
    ("fund the next operation", [(FIN, "fund the next operation")]),
    # --- near-misses: must NOT fire
    ("يجب أن نقتل الملل بالرياضة", []),
    ("على كل مسلم أن يحارب الفساد", []),
    ("الله يرحم الشباب اللي قتلوا في الحادث", []),  # passive: victims, not doers
    ("تحية للأطباء الذين عالجوا المصابين", []),
    ("الشباب اللي فجروا المفاجأة في الحفل أبطال", []),
    ("هذا مجرم مو بطل", []),
    ("يجب أن يكون الرد بالحوار لا بالقتال", []),
    ("سنواصل عملياتنا الإنسانية في المنطقة", []),
    ("نعد بالمزيد من العروض قريبا", []),
    ("حملة تبرعات لشراء أجهزة طبية", []),
    ("كتاب عن تاريخ الاغتيالات السياسية", []),
    ("سنحول المدينة إلى واحة خضراء", []),
    ("انتقموا من الهزيمة في مباراة الإياب", []),
    ("نبحث عن شباب للانضمام إلى النادي", []),
    ("Heroes who struck gold at the Olympics", []),
    ("The streets will not be safe for cyclists", []),
    ("fund the next season of our podcast", []),
    ("أجريت له العملية الجراحية المباركة بنجاح", []),
    ("نبارك لأخينا نجاح العملية", []),
    ("نبارك العملية الأمنية الناجحة", []),
    ("ضربة جزاء في الدقيقة الأخيرة", []),
    ("قنبلة الموسم في شباك التذاكر", []),
    ("هجوم كاسح في المباراة", []),
    ("حملة تبرعات للأيتام", []),
    ("تبرعوا للمرضى في المستشفى", []),
    ("اقتل الوقت بالقراءة", []),
    ("اقتلوا الملل بالرياضة", []),
    ("أضربوا عن الطعام احتجاجا", []),
    ("اضربوا البيض جيدا", []),
    ("احرقوا الدهون بسرعة", []),
    ("فجروا طاقاتكم في العمل", []),
    ("هنفجر مفاجأة في الحلقة الجاية", []),  # Egyptian idiom: reveal a surprise
    ("سنطعن في الحكم", []),  # legal appeal
    ("سنقاتل من أجل حقوقنا", []),
    ("رح نضرب رقم قياسي", []),  # Levantine: break a record
    ("سنغزو الأسواق العالمية", []),  # business
    ("سنهاجم بقوة في الشوط الثاني", []),  # sports
    ("المسلحون هاجموا القرية", []),  # past tense narrative
    ("قتل خمسة أشخاص في هجوم", []),  # news passive
    ("ندعو إلى وقف الهجمات على المدنيين", []),
    ("ندعو الله أن يحفظ بلادنا من الهجمات", []),
    ("اذبحوا الخروف للعيد", []),
    ("استشهد الكاتب بقول الشاعر", []),  # "cited", not "was martyred"
    ("kill time before the flight", []),
    ("the play was a blast", []),
    ("we will strike a deal", []),
    ("how to make a bath bomb", []),
    ("join the ranks of millionaires", []),
    # --- solicitation: a call addressed to one person; "do the operation yourself"
    ("يا أخي لا تتردد، نفذ العملية بنفسك", [(CALL, "يا أخي لا تتردد، نفذ العملية بنفسك")]),
    ("Be the one who strikes them", [(CALL, "Be the one who strikes them")]),
    ("نفذ العملية الجراحية بنفسك", []),  # surgery
    # --- threats: pay in blood, your lair, make you weep blood, first person + "your" object
    ("ستدفعون الثمن من دماء جنودكم", [(THREAT, "ستدفعون الثمن من دماء جنودكم")]),
    ("انتظروا الرد في عقر داركم", [(THREAT, "انتظروا الرد في عقر داركم")]),
    ("رح نخليكم تبكوا دم", [(THREAT, "رح نخليكم تبكوا دم")]),
    ("you will pay with your blood", [(THREAT, "you will pay with your blood")]),
    ("your cities will burn", [(THREAT, "your cities will burn")]),
    ("انتظروا عروضنا في بيوتكم", []),  # advert
    ("ستدفعون الثمن في الانتخابات", [(THREAT, "ستدفعون الثمن")]),  # weak (0.5) without blood
    ("بنحرقها بالفرن", []),  # cooking
    ("خلي دمك خفيف", []),  # "be light-hearted"
    # --- glorification: did the attack (target after it), exclamation, doer hero
    ("الأبطال اللي داروا الهجوم على الثكنة", [(GLOR, "الأبطال اللي داروا الهجوم على الثكنة")]),
    ("the brother who stabbed the guard is a true hero", [(GLOR, "brother who stabbed the guard is a true hero")]),
    ("The man who stabbed the guard is not a hero", []),
    ("ما أروع الهجمة المرتدة", []),  # football counter-attack
    # --- recruitment, financing, incitement (dialect verbs)
    ("تبي تكون من جنود الخلافة", [(RECRUIT, "تبي تكون من جنود الخلافة")]),
    ("الإخوة بالتنظيم يحتاجون شباب", [(RECRUIT, "بالتنظيم يحتاجون شباب")]),
    ("بدنا مصاري نشتري فيها سلاح", [(FIN, "مصاري نشتري فيها سلاح")]),
    ("Send your zakat to arm the mujahideen", [(FIN, "Send your zakat to arm the mujahideen")]),
    ("خطبة الجمعة عن الجهاد في طلب العلم", []),  # "الجمعة" is not "جمع"
    ("واجب عليكم تذبحون الكفار", [(CALL, "واجب عليكم تذبحون الكفار")]),
    ("ولعوا في الكنايس", [(CALL, "ولعوا في الكنايس")]),
    ("ولعوا الشموع", []),
    ("لازم نذبحهم في ملعبهم", []),  # sports trash talk
]


@pytest.fixture(scope="module")
def recognizer() -> ViolenceRecognizer:
    return ViolenceRecognizer()


@pytest.mark.parametrize(("text", "expected"), ROWS, ids=[f"{i:02d}" for i in range(len(ROWS))])
def test_violence_spans(recognizer: ViolenceRecognizer, text: str, expected: list[tuple[str, str]]) -> None:
    assert_spans(recognizer, text, expected)


def test_table_is_large_enough() -> None:
    assert len(ROWS) >= 30
    assert sum(1 for _, expected in ROWS if not expected) >= 10


def test_registered_as_signal() -> None:
    assert registered()["violence"] is ViolenceRecognizer
    assert ViolenceRecognizer.kind.value == "signal"


def test_attrs_record_person_and_target(recognizer: ViolenceRecognizer) -> None:
    [ev] = spans(recognizer, "اقتلوا الروافض حيث وجدتموهم")
    assert ev.attrs["person"] == "second_imperative"
    assert ev.attrs["target"] == "الروافض"
    assert ev.attrs["target_type"] == "religious_group" and ev.attrs["slur"] is True
    [ev] = spans(recognizer, "ندعو المجاهدين إلى تصعيد ضرباتهم ضد المحتل الأمريكي")
    assert ev.attrs["person"] == "first" and ev.attrs["target"] == "المحتل الأمريكي"
    assert ev.attrs["target_type"] == "occupier" and ev.rule == "call.escalate_attacks"
    [ev] = spans(recognizer, "راح نذبحكم")
    assert ev.attrs["person"] == "first" and ev.rule == "threat.future.slaughter"


def test_martyrdom_is_weak(recognizer: ViolenceRecognizer) -> None:
    for ev in spans(recognizer, "الشهيد والشهداء والعملية الاستشهادية"):
        assert ev.label == MARTYR and ev.score <= 0.3


def test_wallet_needs_an_appeal(recognizer: ViolenceRecognizer) -> None:
    assert spans(recognizer, f"عنوان المحفظة {BTC} للتجارة") == []
    [_, wallet] = spans(recognizer, f"ادعموا المجاهدين عبر {BTC}")
    assert wallet.attrs["wallet_type"] == "btc" and wallet.rule == "financing.wallet.btc"


def test_term_templates_expand() -> None:
    assert expand_terms("(ال){a|b} c( {d|e})") == [
        "a c", "a c d", "a c e", "b c", "b c d", "b c e", "الa c", "الa c d", "الa c e", "الb c", "الb c d",
        "الb c e",
    ]
