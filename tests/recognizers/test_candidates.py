"""Patterns tried only where their matches can start (``basira.recognizers.candidates``) against ``finditer``:
the same matches (spans and groups), in the same order, for each pattern the recognisers read that way."""

from __future__ import annotations

from typing import Any

from helpers import random_texts

from basira.recognizers import context, dates, structure
from basira.recognizers.candidates import anchored_positions, mark_positions, matches_at

# Marks of every kind, what may follow or precede them (agency names, digits, words, blanks, line breaks),
# and marks glued to letters.
PIECES = ["-", "–", "—", "(", ")", "«", "»", "“", "”", "„", '"', "'", "‘", "’", " ", "  ", "\t", "\n", " \n ",
          "رويترز", "أ ف ب", "ا.ف.ب", "reuters", "بغداد", "قال", "word", "x", "1", "12", "٣", "2024", ".", ". ",
          "،", "و", "ب'", "مايو", "5/6/2024", "١٤٤٥", "صادر", "مصادر", "ال", "عن", "من", "issued", "by",
          "official statement", "of", "بيان", "رسمي", "تبني", "وتبنيه", "العمليه", "صادر عن ", "الصادره من ",
          "issued by ", "official statement of ", "بيان رسمي عن ", "تبني الهجوم", "وتبنيه للعمليه"]


def _same(pattern: Any, text: str, positions: list[int]) -> None:
    want = [(m.span(), m.groups()) for m in pattern.finditer(text)]
    assert [(m.span(), m.groups()) for m in matches_at(pattern, text, positions)] == want, text


def test_mark_positions_lists_every_mark_in_order() -> None:
    assert mark_positions("a-b–c-", "-–") == [1, 3, 5]
    assert mark_positions("abc", "-") == []


def test_the_recognisers_patterns_match_as_finditer_does() -> None:
    after_dash, _ = context.ContextRecognizer().datelines
    recognizer = structure.StructureRecognizer()
    checked = {"quotes": 0, "datelines": 0, "numbers": 0, "dates": 0, "anchored": 0}
    for text in random_texts(PIECES, 4000, 14, seed=11):
        _same(context.QUOTES, text, mark_positions(text, context.QUOTE_OPENERS))
        _same(after_dash, text, mark_positions(text, context.DASHES))
        _same(structure._INLINE_MARK, text, mark_positions(text, structure._INLINE_MARKS))
        _same(structure.LINE_NUMBER, text, structure._line_starts(text))
        for pattern, anchors in ((recognizer.issuer_pattern, recognizer.issuer_anchors),
                                 (recognizer.claim_pattern, recognizer.claim_anchors)):
            assert anchors is not None
            _same(pattern, text, anchored_positions(text, anchors))
            checked["anchored"] += bool(pattern.search(text))
        for pattern in (dates.HIJRI_NAMED, dates.GREGORIAN_NAMED, dates.NUMERIC_DMY, dates.NUMERIC_YMD):
            _same(pattern, text, dates._digit_runs(text))
        checked["quotes"] += bool(context.QUOTES.search(text))
        checked["datelines"] += bool(after_dash.search(text))
        checked["numbers"] += bool(structure.LINE_NUMBER.search(text) or structure._INLINE_MARK.search(text))
        checked["dates"] += bool(dates.NUMERIC_DMY.search(text) or dates.GREGORIAN_NAMED.search(text))
    assert min(checked.values()) > 20, checked  # every kind of match occurs
