"""Mentions: a short phrase inside quotation marks (label MENTION, kind ``context``).

Research, counter-speech and condemnation usually *mention* an extremist phrase in quotes rather than use
it ("لا تنخدع بعبارة 'العملية المباركة'", "calling this a 'heroic operation' is obscene"). A MENTION is
any quoted span, whoever said it (attribution is the context recogniser's QUOTATION); the policy reads a
signal inside one as mentioned, not used.

What counts
-----------
* Pairs of « », “ ” (also „ “ / „ ” and ” ”), ‘ ’, straight " " and straight ' '.
* Inside one sentence and one line: no line break (checked in the original: normalisation folds them),
  no sentence end (. ! ? ؟ followed by a space) inside; at most ``MAX_WORDS`` words. A single word in
  quotes counts too (Arabic writers quote a term for emphasis
  or distance alike: the policy only lowers a signal inside it).
* Straight and curly single quotes double as apostrophes ("don't", "Hay'at", "victims' families",
  "it’s"): an opening quote must follow a space, a bracket or punctuation (or a one-letter Arabic
  proclitic: و'اضربوا'), a closing one must not be followed by a letter, and neither may touch a space on
  its inner side. Apostrophes between two letters inside the quote are part of the words.
* Unbalanced quotes produce nothing.

One regular expression per quote style over the normalised text, run only when the text has a quote mark.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from basira.recognizers.base import Finding, Recognizer, original_span
from basira.recognizers.registry import register
from basira.recognizers.words import count_words_after
from basira.types import EvidenceKind, NormalizedText

MAX_WORDS = 12
MAX_CHARS = 200
QUOTE_MARKS = frozenset("«“„”‘'\"")

# Text allowed inside a quote: anything but quote marks of the same style, line breaks and a sentence end
# followed by white space (a full stop before the closing mark is fine).
_BODY = r"(?:[^{stop}\n.!?؟]|[.!?؟](?![\s]))"
# Where an opening straight/curly single quote may stand: start, after white space, a bracket or
# punctuation, or after a one-letter Arabic proclitic that itself starts a word (و'اضربوا', ب'الجهاد').
_OPEN_CONTEXT = r"(?:(?<=^)|(?<=[\s(\[{:؛;،,/—–\-])|(?<=(?:^|[\s(:،,])[وفبلك]))"

# «…»: the matches of "«(?P<q>" + _BODY.format(stop="«»") + "{1,200})»" (``GUILLEMETS_PLAIN``), written so that
# the engine reads the quote once, by runs (its length checked ahead, a sentence end's mark stepped over when
# white space does not follow it) instead of trying the body's two branches at each character: 24 -> 10 ms on
# news-ar's 7,551 guillemet quotes, the commonest style.
GUILLEMETS_PLAIN = r"«(?P<q>" + _BODY.format(stop="«»") + r"{1,200})»"
GUILLEMETS = r"«(?=[^«»\n]{1,200}»)(?P<q>[^«»\n.!?؟]*+(?:[.!?؟](?!\s)[^«»\n.!?؟]*+)*+)»"

# Each style: its name, its pattern and the marks a match opens with (a style whose marks are not in the
# text is not searched: the patterns that start with a look-behind are tried at every position).
PATTERNS: tuple[tuple[str, regex.Pattern[str], str], ...] = (
    ("guillemets", regex.compile(GUILLEMETS), "«"),
    ("double_curly", regex.compile(r"[“„”](?P<q>(?=\S)" + _BODY.format(stop="“”„") + r"{1,200}(?<=\S))[”“]"), "“„”"),
    ("double_straight", regex.compile(
        r"(?<![\w\"])\"(?P<q>(?=\S)" + _BODY.format(stop="\"") + r"{1,200}(?<=\S))\"(?!\w)"
    ), "\""),
    ("single_curly", regex.compile(
        _OPEN_CONTEXT + r"‘(?P<q>(?=[^\s‘’])(?:" + _BODY.format(stop="‘’") + r"|(?<=\w)’(?=\w)){1,200}(?<=\S))’(?!\w)"
    ), "‘"),
    ("single_straight", regex.compile(
        _OPEN_CONTEXT + r"'(?P<q>(?=[^\s'])(?:" + _BODY.format(stop="'") + r"|(?<=\w)'(?=\w)){1,200}(?<=[^\s']))'(?!\w)"
    ), "'"),
)


@register
class MentionRecognizer(Recognizer):
    name = "mentions"
    version = 1
    kind = EvidenceKind.CONTEXT
    labels = ("MENTION",)

    def __init__(self, max_words: int = MAX_WORDS):
        self.max_words = max_words

    def find(self, nt: NormalizedText) -> Sequence[Finding]:
        text = nt.text
        if not any(mark in text for mark in QUOTE_MARKS):
            return []
        out: list[Finding] = []
        taken = bytearray(len(text))  # characters inside a mention already found: a linear overlap test
        for style, pattern, openers in PATTERNS:
            if not any(mark in text for mark in openers):
                continue
            for m in pattern.finditer(text):
                start, end = m.span()
                if taken.find(1, start, end) >= 0:
                    continue  # a quote inside another style's quote: the outer one is the mention
                q_start, q_end = m.span("q")
                words = count_words_after(text, q_start, q_end, self.max_words + 1)  # enough to tell "too many"
                if words == 0 or words > self.max_words:
                    continue
                o_start, o_end = original_span(nt, start, end)  # (its evidence's span: mapped once)
                if nt.original.find("\n", o_start, o_end) >= 0:
                    continue  # normalisation folds line breaks; a quote never spans lines
                taken[start:end] = b"\x01" * (end - start)
                out.append(Finding("MENTION", start, end, f"mention.{style}", 0.5,
                                   attrs={"style": style, "words": words}))
        out.sort(key=lambda f: (f.start, f.end))
        return out
