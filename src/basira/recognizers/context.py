"""Context qualifiers: reporting, condemnation, counter-speech, research, attributed quotation, condolence
and negation. They are the exemptions of TCO Art. 1(3) as evidence: the policy lowers scores near them.

Phrases and short sequences come from ``data/context.yaml`` through the same ``PhraseBook`` as the violence
recogniser (clitic-aware lexicon + sequence rules). Three kinds of context are structural and done here:

* **Datelines** — "(بغداد - رويترز)", "القاهرة - أ ف ب", "BAGHDAD (Reuters)": an agency name after a
  dash or in brackets, with the place before it, found from the agency backwards (no scan per word).
* **Citations** — "(المصدر، 2019، ص 12)", "(Smith et al., 2020, p. 4)", "et al.", "ibid." (RESEARCH).
* **Quotations** — text between « », “ ”, „ “ or straight double quotes, reported only when an attribution
  verb or noun comes before it ("وقال المتحدث: «...»", "في بيان: «...»") or right after it
  ("«...»، قال فلان"); ``attrs.speaker`` is the phrase between the verb and the quote (or after the verb).
* **Negation** — a negator ("لا", "لن", "ليس", "نرفض", "not", ...) at most ``window`` words before a
  violent word or verb, in the same clause: the span runs from the negator to that word
  ("لا ندعو إلى العنف", "لا يجوز قتل"). The policy checks whether a signal lies inside it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from functools import cached_property
from typing import Any

import regex

from basira.normalize import normalize_plain
from basira.recognizers.base import Finding, Recognizer, original_span
from basira.recognizers.candidates import mark_positions, matches_at
from basira.recognizers.lexicon import LexiconMatcher
from basira.recognizers.registry import register
from basira.recognizers.violence import (
    CLAUSE_STOP,
    SENTENCE_STOP,
    SENTENCE_STOP_BACKWARDS,
    PhraseBook,
    load_yaml,
    merge_overlapping,
    token_forms,
)
from basira.recognizers.words import WORD, flags_after, flags_before, whole_words_before, words_after
from basira.types import EvidenceKind, NormalizedText

QUOTES = regex.compile(r"«[^«»]{1,2000}»|“[^“”]{1,2000}”|„[^„“”]{1,2000}[“”]|\"[^\"]{1,2000}\"")
QUOTE_OPENERS = "«“„\""  # what every QUOTES match starts with
QUOTE_CHARS = frozenset(QUOTE_OPENERS)
_BRACKETED_CITATION = (
    r"\((?=[^()]{0,120}?(?:19|20)\d{2})[^()\n]{2,120}?[،,]\s*(?:19|20)\d{2}[a-z]?"
    r"(?:\s*[،,]\s*(?:ص|pp?\.?)\s*\d+(?:\s*[-–]\s*\d+)?)?\)"
)
_ABBREVIATED_CITATION = r"(?<![\w])et\s+al\b\.?|(?<![\w])ibid\b\.?"
CITATION = regex.compile(f"{_BRACKETED_CITATION}|{_ABBREVIATED_CITATION}")
# Its two halves, searched apart: the bracketed one skips to "(" at C speed, where the whole pattern tried
# its look-behinds at every position; "et al" and "ibid" are searched for only where the text has them.
BRACKETED_CITATION = regex.compile(_BRACKETED_CITATION)
ABBREVIATED_CITATION = regex.compile(_ABBREVIATED_CITATION)
DASHES = "-–—"
DASH = f"[{DASHES}]"  # ("-" first in a class: itself, not a range)
NEGATION_CLASSES = ("neg_scope", "neg_verbs", "neg_scope_en")  # the classes ``find`` reads besides the rules'
SPEAKER_STOP = regex.compile(r"[:«»\"“”„.!?؟;؛\n]")
# What may start at a word near a quote (``_quote_flags``): an attribution verb before the quote, a noun
# ("في بيان: «...»"), a verb after it.
QUOTE_VERB, QUOTE_NOUN, QUOTE_VERB_AFTER = 1, 2, 4


def citation_spans(text: str) -> list[tuple[int, int]]:
    """The spans of ``CITATION.finditer(text)``: every bracketed citation, and every "et al"/"ibid" not
    inside one (a bracketed citation holds no "(" but its first, an abbreviation none at all, so no other
    match of either starts inside one; the whole pattern's scan only skips abbreviations inside brackets)."""
    bracketed = [m.span() for m in BRACKETED_CITATION.finditer(text)] if "(" in text else []
    if "et" not in text and "ibid" not in text:
        return bracketed
    starts = [start for start, _ in bracketed]
    spans = list(bracketed)
    for m in ABBREVIATED_CITATION.finditer(text):
        k = bisect_right(starts, m.start())
        if k == 0 or bracketed[k - 1][1] <= m.start():  # not inside the bracketed citation before it
            spans.append(m.span())
    return sorted(spans)


def _agency_regex(names: Sequence[str]) -> str:
    """Each agency as a pattern: letters separated by any spaces/dots when the name is spaced letters."""
    parts = []
    for name in sorted({normalize_plain(n) for n in names}, key=len, reverse=True):
        words = name.split(" ")
        if all(len(w) == 1 for w in words) and len(words) > 1:
            parts.append(r"[\s.]*".join(regex.escape(w) for w in words) + r"\.?")
        else:
            parts.append(r"\s+".join(regex.escape(w) for w in words))
    return "(?:" + "|".join(parts) + r")(?![\w])"


class PhraseIndex:
    """Phrases (tuples of words) by their first word, for "the longest phrase starting at word i": the
    first word is compared without clitics (``token_forms``), the others exactly; among phrases that fit,
    the first in the given order wins (the order is longest first)."""

    __slots__ = ("_by_word", "_firsts", "by_first")

    def __init__(self, phrases: Sequence[tuple[str, ...]]):
        self.by_first: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
        for order, phrase in enumerate(phrases):
            self.by_first.setdefault(phrase[0], []).append((order, phrase))
        self._firsts = frozenset(self.by_first)
        self._by_word: dict[str, list[tuple[int, tuple[str, ...]]]] = {}  # the candidates of a word, in order

    def candidates(self, word: str) -> list[tuple[int, tuple[str, ...]]]:
        found = self._by_word.get(word)
        if found is None:
            forms = token_forms(word)
            if forms.isdisjoint(self._firsts):
                found = []
            else:
                found = sorted(c for form in forms for c in self.by_first.get(form, ()))
            if len(self._by_word) >= 1 << 16:
                self._by_word.clear()  # bounded: a server reads unbounded vocabulary
            self._by_word[word] = found
        return found

    def longest_at(self, words: Sequence[str], i: int) -> int:
        """Length (in words) of the first phrase that starts at ``words[i]``, 0 if none."""
        found = self._by_word.get(words[i])
        if found is None:
            found = self.candidates(words[i])
        if not found:
            return 0  # the common case: no phrase starts with this word
        n = len(words)
        for _, phrase in found:
            size = len(phrase)
            if i + size <= n and all(words[i + k] == phrase[k] for k in range(1, size)):
                return size
        return 0


@register
class ContextRecognizer(Recognizer):
    name = "context"
    version = 1
    kind = EvidenceKind.CONTEXT
    labels = ("REPORTING", "CONDEMNATION", "COUNTER_SPEECH", "RESEARCH", "QUOTATION", "CONDOLENCE", "NEGATION")

    def __init__(self, data_file: str = "context.yaml"):
        self.data_file = data_file

    @cached_property
    def data(self) -> dict[str, Any]:
        return load_yaml(self.data_file)

    @cached_property
    def book(self) -> PhraseBook:
        return PhraseBook(self.data)

    @cached_property
    def negators(self) -> frozenset[str]:
        return frozenset(self.book.words((self.data.get("negation") or {}).get("negators")))

    @cached_property
    def negation_cancel(self) -> frozenset[str]:
        return frozenset(self.book.words((self.data.get("negation") or {}).get("cancel")))

    @cached_property
    def conditionals(self) -> frozenset[str]:
        return frozenset(self.book.words((self.data.get("negation") or {}).get("conditionals")))

    @cached_property
    def negation_window(self) -> int:
        return int((self.data.get("negation") or {}).get("window", 4))

    @cached_property
    def datelines(self) -> tuple[regex.Pattern[str], regex.Pattern[str]]:
        agency = _agency_regex([str(a) for a in self.data.get("agencies") or []])
        after_dash = regex.compile(rf"{DASH}\s*(?P<agency>{agency})\s*\)?")
        in_brackets = regex.compile(rf"\(\s*(?P<agency>{agency})\s*\)")
        return after_dash, in_brackets

    @cached_property
    def quote_words(self) -> dict[str, list[tuple[str, ...]]]:
        spec = self.data.get("quotation") or {}
        return {
            key: sorted((tuple(w.split(" ")) for w in self.book.words(spec.get(key))), key=len, reverse=True)
            for key in ("before_verbs", "after_verbs", "nouns")
        }

    @cached_property
    def quote_index(self) -> dict[str, PhraseIndex]:
        return {key: PhraseIndex(phrases) for key, phrases in self.quote_words.items()}

    @cached_property
    def _quote_word_flags(self) -> dict[str, int]:
        """Per word seen near a quote: which attribution phrases may start at it (``_quote_flags``)."""
        return {}

    def _quote_flags(self, word: str) -> int:
        index = self.quote_index
        return (
            (QUOTE_VERB if index["before_verbs"].candidates(word) else 0)
            | (QUOTE_NOUN if index["nouns"].candidates(word) else 0)
            | (QUOTE_VERB_AFTER if index["after_verbs"].candidates(word) else 0)
        )

    def lexicon_matchers(self) -> Sequence[LexiconMatcher]:
        return (self.book.matcher,)

    # ------------------------------------------------------------------------------------------------
    def find(self, nt: NormalizedText) -> Sequence[Finding]:
        text = nt.text
        hits = self.book.hits(text, keep=NEGATION_CLASSES)
        findings = [
            Finding(m.rule.label, m.start, m.end, m.rule.id, m.rule.score, attrs=dict(m.rule.attrs))
            for m in self.book.match(text, hits)
        ]
        findings.extend(self._negations(text, hits))
        findings.extend(self._datelines(text))
        findings.extend(
            Finding("RESEARCH", start, end, "research.citation", 0.5) for start, end in citation_spans(text)
        )
        merged = merge_overlapping(findings)
        if any(c in text for c in QUOTE_CHARS):
            merged.extend(self._quotations(nt))
        return sorted(merged, key=lambda f: (f.start, f.end, f.label))

    def _negations(self, text: str, hits: dict[str, Any]) -> list[Finding]:
        out = []
        scope = [h for cls in NEGATION_CLASSES for h in hits.get(cls, ())]
        for hit in scope:
            start = max(0, hit.start - 120)
            keep = self.negation_window + 2
            words = whole_words_before(text, start, hit.start, keep)[::-1]  # the window + 2 nearest words
            first = max(0, len(words) - (self.negation_window + 1))  # words[first - 1] only shows a condition
            for i in range(len(words) - 1, first - 1, -1):
                w_start, w_end = words[i]
                word = text[w_start:w_end]
                if CLAUSE_STOP.search(text, w_end, hit.start):
                    break
                if token_forms(word) & self.negation_cancel:
                    break  # "لا نرضى إلا بالقتل", "لن نتوقف عن الجهاد": not a negation of violence
                if token_forms(word) & self.negators:
                    b_start, b_end = words[i - 1] if i > 0 else (0, 0)
                    if i > 0 and text[b_start:b_end] in self.conditionals and not CLAUSE_STOP.search(
                        text, b_end, w_start
                    ):
                        break  # "إن لم يتركوا الخدمة فسنستهدفهم": a condition, not a negation of violence
                    out.append(Finding("NEGATION", w_start, hit.end, "negation.before_violence", 0.6,
                                       attrs={"negator": word}))
                    break
        return out

    def _datelines(self, text: str) -> list[Finding]:
        after_dash, in_brackets = self.datelines
        out = []
        # after_dash starts with a class: tried at the dashes only (see ``candidates``); in_brackets starts with
        # a literal, which the regex engine finds as fast itself
        at_dashes = matches_at(after_dash, text, mark_positions(text, DASHES))
        for pattern, found in ((after_dash, at_dashes), (in_brackets, in_brackets.finditer(text))):
            for m in found:
                start, end = m.start(), m.end()
                if pattern is after_dash and text[end - 1] == ")" and "(" not in text[max(0, start - 40) : start]:
                    end -= 1  # a closing bracket without its opening one is not ours
                    while end > start and text[end - 1] == " ":
                        end -= 1
                # the place: one or two words right before (and an opening bracket before them)
                before = list(WORD.finditer(text, max(0, start - 40), start))[-2:]
                place_start = start
                for w in reversed(before):
                    if text[w.end() : place_start].strip(" (") or SENTENCE_STOP.search(text, w.end(), place_start):
                        break
                    place_start = w.start()
                if place_start == start and pattern is after_dash:
                    continue  # "- رويترز" with no place is not a dateline
                if place_start > 0 and text[place_start - 1] == "(":
                    place_start -= 1
                elif place_start > 1 and text[place_start - 2 : place_start] == "( ":
                    place_start -= 2
                out.append(Finding("REPORTING", place_start, end, "report.dateline", 0.6,
                                   attrs={"agency": m.group("agency").strip()}))
        return out

    def _quotations(self, nt: NormalizedText) -> list[Finding]:
        text = nt.text
        out = []
        for m in matches_at(QUOTES, text, mark_positions(text, QUOTE_OPENERS)):
            q_start, q_end = m.span()
            attribution = self._attribution_before(text, q_start) or self._attribution_after(text, q_end)
            if attribution is None:
                continue
            verb, s_start, s_end = attribution
            attrs: dict[str, Any] = {"attribution": verb}
            if s_end > s_start:
                o_start, o_end = original_span(nt, s_start, s_end)
                attrs["speaker"] = nt.original[o_start:o_end]
            out.append(Finding("QUOTATION", q_start, q_end, "quotation.attributed", 0.5, attrs=attrs))
        return out

    def _attribution_before(self, text: str, q_start: int) -> tuple[str, int, int] | None:
        """An attribution verb or noun within eight words before the quote, in the same sentence."""
        lo = max(0, q_start - 160)
        every, nearest = flags_before(text, lo, q_start, 8, 4, self._quote_word_flags, self._quote_flags)
        if not (every & QUOTE_VERB or nearest & QUOTE_NOUN):
            return None  # most quotes: no attribution word among them (the filter below only removes words)
        # The last eight words of the window; then none before the last sentence end.
        words = whole_words_before(text, lo, q_start, 8)[::-1]
        verbs, nouns = self.quote_index["before_verbs"], self.quote_index["nouns"]
        if words:
            stop = SENTENCE_STOP_BACKWARDS.search(text, words[0][1], q_start)
            if stop is not None:
                words = [w for w in words if w[1] > stop.start()]
        tokens = [text[s:e] for s, e in words]
        for i in range(len(words) - 1, -1, -1):
            size = verbs.longest_at(tokens, i)
            if size:
                verb_end = words[i + size - 1][1]
                return " ".join(tokens[i : i + size]), *self._speaker(text, verb_end, q_start)
            if len(words) - i <= 4 and nouns.longest_at(tokens, i):
                return tokens[i], *self._speaker(text, words[i][0], q_start)
        return None

    def _attribution_after(self, text: str, q_end: int) -> tuple[str, int, int] | None:
        """"«...»، قال فلان" / '"...", said X': a verb within two words after the quote."""
        window = min(len(text), q_end + 160)
        if not flags_after(text, q_end, window, 2, self._quote_word_flags, self._quote_flags) & QUOTE_VERB_AFTER:
            return None  # most quotes: no verb among the two words after them
        verbs = self.quote_index["after_verbs"]
        words = words_after(text, q_end, window, 7)
        tokens = [text[s:e] for s, e in words]
        for i, w in enumerate(words[:2]):
            if SENTENCE_STOP.search(text, q_end, w[0]):
                return None
            size = verbs.longest_at(tokens, i)
            if size:
                rest = words[i + size :][:5]
                s_start = s_end = words[i + size - 1][1]
                for r_start, r_end in rest:
                    if SPEAKER_STOP.search(text, s_end, r_start) or CLAUSE_STOP.search(text, s_end, r_start):
                        break
                    if s_start == words[i + size - 1][1]:
                        s_start = r_start
                    s_end = r_end
                verb = " ".join(tokens[i : i + size])
                return verb, s_start, s_end
        return None

    @staticmethod
    def _speaker(text: str, start: int, q_start: int) -> tuple[int, int]:
        """The words between the attribution and the quote, without the colon and commas around them."""
        segment = text[start:q_start]
        stop = SPEAKER_STOP.search(segment)
        if stop:
            segment = segment[: stop.start()]
        words = list(WORD.finditer(segment))
        if not words:
            return start, start
        return start + words[0].start(), start + words[-1].end()
