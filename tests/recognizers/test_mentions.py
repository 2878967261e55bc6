"""The mentions recogniser: quoted phrases (MENTION), whoever said them; apostrophes and unbalanced quotes are
not mentions."""

from __future__ import annotations

import pytest
from helpers import assert_spans, random_texts, spans

from basira.recognizers.mentions import PATTERNS, MentionRecognizer
from basira.recognizers.registry import registered

M = "MENTION"

ROWS: list[tuple[str, list[tuple[str, str]]]] = [
    # --- every quote style
    ("لا تنخدع بعبارة 'العملية المباركة' أبدا", [(M, "'العملية المباركة'")]),
    ("وصفوا الهجوم بأنه «غزوة مباركة» في منشوراتهم", [(M, "«غزوة مباركة»")]),
    ("يسمونها “عملية بطولية” زورا", [(M, "“عملية بطولية”")]),
    ("يكررون ‘اقتلوهم’ في كل منشور", [(M, "‘اقتلوهم’")]),
    ('يرددون "سنضرب عمق مدنكم" لبث الخوف', [(M, '"سنضرب عمق مدنكم"')]),
    ("الشعار „باقية وتتمدد“ دعاية", [(M, "„باقية وتتمدد“")]),
    ("Calling this massacre a 'heroic operation' is obscene.", [(M, "'heroic operation'")]),
    ("the phrase “blessed attack” recurs", [(M, "“blessed attack”")]),
    ("posts urging ‘join the caliphate’ were removed", [(M, "‘join the caliphate’")]),
    # --- a single word in quotes (emphasis or distance) still counts
    ("ما يسمى 'الجهاد' عندهم", [(M, "'الجهاد'")]),
    ('اشترى "أفضل" هاتف في السوق', [(M, '"أفضل"')]),
    ("مفهوم «الخلافة» في خطابهم", [(M, "«الخلافة»")]),
    # --- several in one sentence; a proclitic before the opening quote
    ("أفعال الأمر مثل 'اقتلوا' و'اضربوا' شائعة", [(M, "'اقتلوا'"), (M, "'اضربوا'")]),
    ("بين 'الهجرة' و'النفير' فرق", [(M, "'الهجرة'"), (M, "'النفير'")]),
    # --- apostrophes inside the quote belong to the words
    ("they chant 'don't stop the jihad' online", [(M, "'don't stop the jihad'")]),
    ("a leaflet titled ‘Hay’at fighters’ was found", [(M, "‘Hay’at fighters’")]),
    # --- a full stop before the closing mark is part of the quote
    ("he wrote 'kill them all.' and left", [(M, "'kill them all.'")]),
    # --- the outer quote is the mention when quotes nest
    ("قال: «يسمونها 'عملية' وهي مجزرة»", [(M, "«يسمونها 'عملية' وهي مجزرة»")]),
    # --- diacritics and tatweel inside the quote
    ("عبارة 'العَمَلِيَّة المُبَارَكَة' مضللة", [(M, "'العَمَلِيَّة المُبَارَكَة'")]),
    ("شعار «بـاقـية» معروف", [(M, "«بـاقـية»")]),
    # --- near-misses: apostrophes, unbalanced or overlong quotes, sentence breaks
    ("Hay'at Tahrir al-Sham's fighters advanced", []),
    ("the brothers' jihad and the sisters' role", []),
    ("don't do it, it's not worth it", []),
    ("rock 'n roll is back", []),
    ("unbalanced 'quote with no end", []),
    ("«بداية اقتباس بلا نهاية", []),
    ("نهاية اقتباس بلا بداية»", []),
    ('He said "this is one sentence. This is another one" today', []),
    ("«واحد اثنان ثلاثة أربعة خمسة ستة سبعة ثمانية تسعة عشرة أحد عشر اثنا عشر ثلاثة عشر»", []),
    ("the 90's and the 2000's", []),
    ("O'Brien's report was published", []),
    ("اقتلوا المرتدين", []),
    ("‘open quote on one line\nand close on the next’", []),
]


@pytest.fixture(scope="module")
def recognizer() -> MentionRecognizer:
    return MentionRecognizer()


@pytest.mark.parametrize(("text", "expected"), ROWS, ids=[f"{i:02d}" for i in range(len(ROWS))])
def test_mention_spans(recognizer: MentionRecognizer, text: str, expected: list[tuple[str, str]]) -> None:
    assert_spans(recognizer, text, expected)


def test_table_is_large_enough() -> None:
    assert len(ROWS) >= 30
    assert sum(1 for _, expected in ROWS if not expected) >= 10


def test_registered_as_context() -> None:
    assert registered()["mentions"] is MentionRecognizer
    assert MentionRecognizer.kind.value == "context"


def test_attrs_record_style_and_words(recognizer: MentionRecognizer) -> None:
    [ev] = spans(recognizer, "لا تنخدع بعبارة 'العملية المباركة' أبدا")
    assert ev.attrs == {"style": "single_straight", "words": 2}
    assert ev.rule == "mention.single_straight"



@pytest.mark.parametrize(("quoted", "words"), [
    ("ألف باء جيم", 3), ("ألف باء جيم دال", None), ("ألف x_y", 3), ("ألف باء x_y", None),  # "_" splits words
])
def test_a_quote_of_more_words_than_the_limit_is_no_mention(quoted: str, words: int | None) -> None:
    found = spans(MentionRecognizer(max_words=3), f"قال «{quoted}» ثم")
    assert [ev.attrs["words"] for ev in found] == ([words] if words else [])


def test_every_quote_style_opens_with_one_of_its_marks() -> None:
    """A style is searched only when one of its opening marks is in the text: every match starts with one."""
    pieces = ["«", "»", "“", "”", "„", "‘", "’", "'", '"', "كلمة", "word", "و", " ", ".", "\n", "(", "،", "x"]
    found = dict.fromkeys((style for style, _, _ in PATTERNS), 0)
    for text in random_texts(pieces, 20_000, 10, seed=4):
        for style, pattern, openers in PATTERNS:
            for m in pattern.finditer(text):
                assert text[m.start()] in openers, (style, text)
                found[style] += 1
    assert all(count > 50 for count in found.values()), found


def test_the_guillemet_pattern_matches_as_its_plain_form() -> None:
    """``GUILLEMETS`` (read by runs) against ``GUILLEMETS_PLAIN`` (a branch per character): the same quotes and
    bodies, with sentence ends inside and before the closing mark, line breaks, nesting and bodies around the
    200-character limit."""
    import regex

    from basira.recognizers.mentions import GUILLEMETS, GUILLEMETS_PLAIN

    fast, plain = regex.compile(GUILLEMETS), regex.compile(GUILLEMETS_PLAIN)
    pieces = ["«", "»", "\n", ".", ". ", "!", "؟", "?", " ", "ب", "x" * 50, "y" * 199, ".»", "\t", "ا ب"]
    found = 0
    for text in random_texts(pieces, 30_000, 12, seed=13):
        want = [(m.span(), m.span("q")) for m in plain.finditer(text)]
        assert [(m.span(), m.span("q")) for m in fast.finditer(text)] == want, text
        found += len(want)
    assert found > 1_000
