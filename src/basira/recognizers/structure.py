"""The shape of a statement: markers, issuer, media wing, numbered points, title (kind ``structure``).

Structure is genre evidence ("this looks like an official communiqué"), never a violation by itself:

* ``STATEMENT_MARKER`` "بيان صادر عن", "بيان عسكري", "بيان رقم", "إصدار جديد", "تبني العملية", "statement
  issued by" ...;
* ``ISSUER`` the name phrase after "صادر عن" / "issued by", up to punctuation, a stop word or the line end
  (``entity_id`` when it contains a designated entity);
* ``MEDIA_WING`` a designated organisation's media outlet (data, with the entity it belongs to);
* ``NUMBERED_POINTS`` ≥3 consecutive points: "أولاً … ثانياً … ثالثاً" or "1- … 2- … 3-";
* ``TITLE`` a short first line without a full stop (followed by more text), or a short line starting "بيان".

Line breaks are folded by normalisation, so line-based rules read the original text and map their spans
to normalised offsets (``Finding``s are always normalised; the base class maps them back).
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from basira.normalize import normalize_plain
from basira.recognizers.base import Finding
from basira.recognizers.candidates import anchored_matches, mark_positions, matches_at
from basira.recognizers.entities import EntityMatch, EntityRecognizer, EntityUser
from basira.recognizers.lexicon import (
    LexiconEntry,
    LexiconMatcher,
    load_entries,
    load_yaml_text,
    longest_non_overlapping,
    read_lexicon_file,
)
from basira.recognizers.regex_factors import Anchor, match_anchors
from basira.recognizers.registry import register
from basira.types import EvidenceKind, NormalizedText

DATA_DIR = Path(__file__).parent / "data"
STRUCTURE_FILE = DATA_DIR / "structure.yaml"
MEDIA_FILE = DATA_DIR / "media_wings.yaml"
WINDOW = 400  # how far (in original characters) to look for a sentence or line boundary

SENTENCE_BREAK = re.compile(r"[!?؟؛\n]|\.(?=\s|$)")
LINE_BREAK = re.compile(r"\n")
ISSUER_JOINERS = frozenset("'’&")  # inside a name (Hay'at, Kata'ib); any other punctuation ends it
TITLE_END = tuple(".!?؟…:،,;؛")
LINE_NUMBER = re.compile(r"(?m)^[ \t]*(\d{1,2})[ \t]*[-–.)][ \t]*(?=\S)")
INLINE_NUMBER = re.compile(r"(?<=[ \t])(\d{1,2})[ \t]*[-–)][ \t]+(?=\S)")
# Where an INLINE_NUMBER match ends: its mark, tried only where one of the marks is (see ``candidates``;
# INLINE_NUMBER itself, starting with a digit, tried a match at every digit of an article).
_INLINE_MARKS = "-–)"
_INLINE_MARK = re.compile(rf"[{_INLINE_MARKS}](?=[ \t]+\S)")
BEH = "بﺏﺐﺑﺒ"  # the letter ب and its presentation forms
# What may stand before a designated name that heads a statement: a header ("الإعلام الحربي لـ") or a group word.
HEAD_LEAD = r"(?:(?:ال)?(?:اعلام الحربي|مكتب الاعلامي|جناح الاعلامي|بيان)|تنظيم|حركه|جماعه|the)"
BULLET = re.compile(r"^[\s\-*•–—#\"«(]+")
# What follows an outlet or group name that heads a release: a colon, or "presents" ("مؤسسة السحاب تقدم:").
PRESENTS = re.compile(r"\s*(?:[-–—]\s*)?(?::|(?:تقدم|يقدم|presents?)(?!\w))")


# ---------------------------------------------------------------------------------------------- bounds


def _bounds(nt: NormalizedText, start: int, end: int, pattern: re.Pattern[str]) -> tuple[int, int]:
    o_start, o_end = nt.to_original(start, end)
    original = nt.original
    low = max(0, o_start - WINDOW)
    left = low
    for match in pattern.finditer(original, low, o_start):
        left = match.end()
    found = pattern.search(original, o_end, min(len(original), o_end + WINDOW))
    right = found.start() if found else min(len(original), o_end + WINDOW)
    n_left = nt.to_normalized(left, left)[0]
    n_right = nt.to_normalized(right, right)[0]
    return min(n_left, start), max(n_right, end)


def sentence_bounds(nt: NormalizedText, start: int, end: int) -> tuple[int, int]:
    """The normalised span of the sentence around ``[start, end)`` (breaks: . ! ? ؟ ؛ and line ends)."""
    return _bounds(nt, start, end, SENTENCE_BREAK)


def line_bounds(nt: NormalizedText, start: int, end: int) -> tuple[int, int]:
    """The normalised span of the original line(s) around ``[start, end)``."""
    return _bounds(nt, start, end, LINE_BREAK)


def _original_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty line of ``text``, trimmed of surrounding white space."""
    lines = []
    for match in re.finditer(r"[^\n]+", text):
        raw = match.group()
        stripped = raw.strip()
        if stripped:
            start = match.start() + (len(raw) - len(raw.lstrip()))
            lines.append((start, start + len(stripped)))
    return lines


def _line_starts(text: str) -> list[int]:
    """Where each line starts (where ``^`` matches with MULTILINE)."""
    return [0, *(at + 1 for at in mark_positions(text, "\n"))]


class _Spans:
    """Spans sorted by start, for "is one of them inside [low, high]?" in logarithmic time."""

    __slots__ = ("min_end_from", "starts")

    def __init__(self, spans: Sequence[tuple[int, int]]):
        ordered = sorted(spans)
        self.starts = [a for a, _ in ordered]
        # min_end_from[i]: the smallest end among spans i, i+1, ... (a sentinel after the last)
        self.min_end_from = [0] * (len(ordered) + 1)
        smallest = sys.maxsize
        self.min_end_from[len(ordered)] = smallest
        for i in range(len(ordered) - 1, -1, -1):
            smallest = min(smallest, ordered[i][1])
            self.min_end_from[i] = smallest

    def any_within(self, low: int, high: int) -> bool:
        return self.min_end_from[bisect_left(self.starts, low)] <= high


@dataclass(frozen=True, slots=True)
class _Marker:
    number: int
    start: int  # original offsets of the marker (for numbers) or normalised (for ordinals)
    end: int


def _runs(markers: Sequence[_Marker], first: int = 1) -> list[list[_Marker]]:
    """Runs of consecutive numbers starting at ``first`` (1, 2, 3 ...), in text order, of length ≥ 3."""
    runs: list[list[_Marker]] = []
    current: list[_Marker] = []
    for marker in markers:
        if current and marker.number == current[-1].number + 1:
            current.append(marker)
            continue
        if len(current) >= 3:
            runs.append(current)
        current = [marker] if marker.number == first else []
    if len(current) >= 3:
        runs.append(current)
    return runs


def _skip_blanks(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t":
        pos += 1
    return pos


def _inline_numbers(text: str) -> list[tuple[int, int, int]]:
    """(start, value, end) of each ``INLINE_NUMBER`` match (group 1 start, its number, match end), in order.

    Same matches as ``INLINE_NUMBER.finditer``, found from their marks: before a mark followed by blanks and
    a character, blanks, then one or two digits (``\\d``: ``str.isdecimal``) with a blank before them. Matches
    cannot overlap: each ends at its own mark and holds no other.
    """
    out = []
    for m in matches_at(_INLINE_MARK, text, mark_positions(text, _INLINE_MARKS)):
        digits_end = m.start()
        while digits_end > 0 and text[digits_end - 1] in " \t":
            digits_end -= 1
        start = digits_end
        while start > 0 and digits_end - start < 2 and text[start - 1].isdecimal():
            start -= 1
        if start < digits_end and start > 0 and text[start - 1] in " \t":
            out.append((start, int(text[start:digits_end]), _skip_blanks(text, m.end())))
    return out


# ---------------------------------------------------------------------------------------------- recogniser


@register
class StructureRecognizer(EntityUser):
    name = "structure"
    version = 1
    kind = EvidenceKind.STRUCTURE
    labels = ("STATEMENT_MARKER", "ISSUER", "MEDIA_WING", "NUMBERED_POINTS", "TITLE")

    def __init__(
        self,
        entities: EntityRecognizer | None = None,
        structure_file: Path = STRUCTURE_FILE,
        media_file: Path = MEDIA_FILE,
    ):
        self._entities = entities
        self.structure_file = structure_file
        self.media_file = media_file

    @cached_property
    def config(self) -> dict[str, Any]:
        data: dict[str, Any] = load_yaml_text(self.structure_file.read_text(encoding="utf-8")) or {}
        return data

    @cached_property
    def matcher(self) -> LexiconMatcher:
        markers = self.config.get("markers") or {}
        defaults = {k: v for k, v in markers.items() if k != "entries"}
        entries: list[LexiconEntry] = load_entries([{**defaults, **row} for row in markers.get("entries", [])])
        entries += read_lexicon_file(self.media_file)
        return LexiconMatcher(entries)

    def lexicon_matchers(self) -> Sequence[LexiconMatcher]:
        return (self.matcher, self.entities.matcher)

    @cached_property
    def claim_pattern(self) -> re.Pattern[str]:
        objects = "|".join(re.escape(normalize_plain(o)) for o in self.config.get("claim_objects", []))
        return re.compile(rf"(?<!\w)[وف]?تبني(?:ه|ها|هم)?\s+(?:ل|لل)?(?:ال)?(?:{objects})(?!\w)")

    @cached_property
    def issuer_pattern(self) -> re.Pattern[str]:
        intros = "|".join(f"(?:{p})" for p in self.config.get("issuer_intros", []))
        return re.compile(rf"(?<!\w)(?:{intros})\s+")

    @cached_property
    def issuer_anchors(self) -> tuple[Anchor, ...] | None:
        """Literals near the start of every intro's match (``match_anchors``; None if an intro has none): the
        pattern, which starts with a look-behind, is tried only where a match can start."""
        return match_anchors(self.issuer_pattern.pattern)

    @cached_property
    def claim_anchors(self) -> tuple[Anchor, ...] | None:
        return match_anchors(self.claim_pattern.pattern)

    @cached_property
    def issuer_stops(self) -> frozenset[str]:
        return frozenset(normalize_plain(str(w)) for w in self.config.get("issuer_stops", []))

    @cached_property
    def ordinal_pattern(self) -> re.Pattern[str]:
        words = "|".join(re.escape(normalize_plain(w)) for w in self.config.get("ordinals", []))
        return re.compile(rf"(?<!\w)(?:و)?({words})(?!\w)")

    @cached_property
    def _ordinal_words(self) -> tuple[str, ...]:
        return tuple({normalize_plain(w) for w in self.config.get("ordinals", [])})

    @cached_property
    def _first_ordinals(self) -> tuple[str, ...]:
        return tuple(normalize_plain(w) for w in (self.config.get("ordinals") or [])[:3])

    def _may_count_ordinals(self, text: str) -> bool:
        """Whether the first three ordinal words are in ``text``: every run of ordinals starts with them (a run
        is three at least, from the first), and most texts lack one, which one to three substring tests tell
        where the search for every ordinal word took ten."""
        words = self._first_ordinals
        return len(words) == 3 and all(word in text for word in words)

    def ordinal_matches(self, text: str) -> list[re.Match[str]]:
        """``ordinal_pattern.finditer(text)``, tried only where an ordinal word (or و and one) starts: the
        pattern's look-behind made the scan try every position of a text (substring searches are far
        cheaper), and a match can start nowhere else."""
        starts: set[int] = set()
        for word in self._ordinal_words:
            at = text.find(word)
            while at >= 0:
                starts.add(at)
                if at > 0 and text[at - 1] == "و":
                    starts.add(at - 1)
                at = text.find(word, at + 1)
        out: list[re.Match[str]] = []
        resume = 0
        for start in sorted(starts):
            if start >= resume and (m := self.ordinal_pattern.match(text, start)) is not None:
                out.append(m)
                resume = m.end()  # non-overlapping, as finditer (a match is never empty)
        return out

    def find(self, nt: NormalizedText) -> Sequence[Finding]:
        cache: dict[str, list[EntityMatch]] = {}

        def entity_matches() -> list[EntityMatch]:  # computed once, only when a rule needs it
            if "m" not in cache:
                cache["m"] = self.entities.matches(nt)
            return cache["m"]

        findings = self._lexicon(nt, entity_matches)
        findings += self._claims(nt)
        findings += self._issuers(nt, entity_matches)
        findings += self._headers(nt, entity_matches)
        findings += self._media_headers(nt, findings)
        findings += self._numbered(nt)
        findings += self._titles(nt)
        findings.sort(key=lambda f: (f.start, -f.end, f.label))
        return findings

    # ------------------------------------------------------------------ markers and media wings

    def _lexicon(self, nt: NormalizedText, entity_matches: Callable[[], list[EntityMatch]]) -> list[Finding]:
        findings = []
        hits = longest_non_overlapping(self.matcher.find(nt.text))
        media = [h for h in hits if h.entry.label == "MEDIA_WING"]
        groups: list[_Spans] = []  # the media wings' and names' spans, built on first need
        for hit in hits:
            entry = hit.entry
            attrs = {k: v for k, v in entry.attrs.items() if k not in ("rule", "requires")}
            if entry.attrs.get("requires") == "context":  # a generic phrase: needs a group in the sentence
                s_start, s_end = sentence_bounds(nt, hit.start, hit.end)
                if not groups:
                    names = [(m.start, m.end) for m in entity_matches()]
                    groups.append(_Spans([(m.start, m.end) for m in media] + names))
                if not groups[0].any_within(s_start, s_end):
                    continue
            findings.append(
                Finding(
                    label=entry.label,
                    start=hit.start,
                    end=hit.end,
                    rule=str(entry.attrs.get("rule", entry.id)),
                    score=entry.score,
                    attrs=attrs,
                )
            )
        return findings

    def _claims(self, nt: NormalizedText) -> list[Finding]:
        found = anchored_matches(self.claim_pattern, nt.text, self.claim_anchors)  # (starts with a look-behind)
        return [Finding("STATEMENT_MARKER", m.start(), m.end(), "structure.marker.claim", 0.4) for m in found]

    # ------------------------------------------------------------------ issuer

    def _issuers(self, nt: NormalizedText, get_matches: Callable[[], list[EntityMatch]]) -> list[Finding]:
        text = nt.text
        findings: list[Finding] = []
        intros = anchored_matches(self.issuer_pattern, text, self.issuer_anchors)
        if not intros:
            return findings
        entity_matches = get_matches()  # sorted by start and disjoint: ends are sorted too
        m_starts = [m.start for m in entity_matches]
        m_ends = [m.end for m in entity_matches]
        max_words = int(self.config.get("issuer_max_words", 8))
        for intro in intros:
            start = intro.end()
            limit = min(line_bounds(nt, start, start)[1], start + 200, len(text))
            end = start
            for count, token in enumerate(re.finditer(r"\w+|[^\w\s]", text[start:limit])):
                piece = token.group()
                if not piece[0].isalnum() and piece not in ISSUER_JOINERS:
                    break
                if (piece in self.issuer_stops and count > 0) or count >= max_words:
                    break
                end = start + token.end()
            # A designated name is never cut in half (names are disjoint: once one moved the end, no later
            # one starts before it; only names starting in [start, end) can qualify).
            for k in range(bisect_left(m_starts, start), len(entity_matches)):
                match = entity_matches[k]
                if match.start >= end:
                    break
                if end < match.end <= limit:
                    end = match.end
            if end <= start:
                continue
            k = bisect_right(m_ends, start)  # the first name ending after the start is inside iff it starts before end
            inside = entity_matches[k] if k < len(entity_matches) and entity_matches[k].start < end else None
            attrs: dict[str, Any] = {}
            if inside is not None:
                attrs["entity_id"] = inside.record.id
                attrs["entity_name"] = inside.record.name
            findings.append(Finding("ISSUER", start, end, "structure.issuer", 0.3, attrs=attrs))
        return findings

    @cached_property
    def header_words(self) -> tuple[str, ...]:
        words = {normalize_plain(str(w)) for w in self.config.get("header_words", [])}
        return tuple(sorted(words, key=len, reverse=True))

    @cached_property
    def header_patterns(self) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
        words = self.header_words
        if not words:
            return None
        alternation = "|".join(re.escape(w).replace("\\ ", r"\s+") for w in words)
        limit = int(self.config.get("header_max_chars", 60))
        after = re.compile(rf"\s*[-–—:،,]?\s*(?:{alternation})(?!\w)[^\n:.!?؟]{{0,{limit}}}:")
        before = re.compile(rf"(?:{alternation})\s+(?:ل|لل|of\s+(?:the\s+)?)?$")
        return after, before

    def _headers(self, nt: NormalizedText, get_matches: Callable[[], list[EntityMatch]]) -> list[Finding]:
        """A designated name that heads a statement is its issuer ("NAME – بيان رقم (14):")."""
        patterns = self.header_patterns
        text = nt.text
        if patterns is None or ":" not in text:
            return []
        after, before = patterns
        matches = get_matches()  # the entity recogniser's answer for this text, kept: no second look-up
        if not matches or not any(word in text for word in self.header_words):
            return []  # the common cases: no designated name, or no header word (19 substring searches)
        findings = []
        starts = [m.start for m in matches]
        for match in matches:
            if not self._heads_line(nt, match, matches, starts):
                continue  # "قصفت مواقع الحوثيين - بيان:": a name inside a sentence does not head it
            head = after.match(text, match.end)
            lead = before.search(text, max(0, match.start - 40), match.start) if head is None else None
            if head is None and not (lead and re.match(r"\s*:", text[match.end : match.end + 3])):
                continue
            if head is not None and text[match.end : head.end()].count(" ") > 8:
                continue
            findings.append(Finding("ISSUER", match.start, match.end, "structure.issuer.header", 0.3,
                                    attrs={"entity_id": match.record.id, "entity_name": match.record.name}))
        return findings

    def _media_headers(self, nt: NormalizedText, findings: Sequence[Finding]) -> list[Finding]:
        """A media wing that heads a line and is followed by ":" or "presents" issues the release: ISSUER,
        with the lists of the organisation it belongs to."""
        text = nt.text
        out = []
        for f in findings:
            if f.label != "MEDIA_WING" or not PRESENTS.match(text, f.end):
                continue
            line_start = line_bounds(nt, f.start, f.end)[0]
            if re.sub(r"[\s\-–—،,:()\[\]«»\"]+", "", text[line_start : f.start]):
                continue
            attrs: dict[str, Any] = {"via": "media_wing"}
            record = self.entities.records.get(str(f.attrs.get("entity_id", "")))
            if record is not None:
                lists, jurisdictions, _ = self.entities.lists_of(record)
                attrs.update(entity_id=record.id, entity_name=record.name, lists=lists, jurisdictions=jurisdictions)
            out.append(Finding("ISSUER", f.start, f.end, "structure.issuer.media_header", 0.3, attrs=attrs))
        return out

    @staticmethod
    def _heads_line(
        nt: NormalizedText, match: EntityMatch, matches: Sequence[EntityMatch], starts: Sequence[int] | None = None
    ) -> bool:
        """Only separators, an opening header ("الإعلام الحربي لـ") or other names stand between the start of
        the line (or sentence) and the name. ``starts``: the names' starts (sorted), when the caller has them."""
        text = nt.text
        line_start = line_bounds(nt, match.start, match.end)[0]
        low = max(line_start, match.start - 120)
        stops = list(re.finditer(r"[.!?؟]\s", text[low : match.start]))
        if stops:
            low += stops[-1].end()
        rest = text[low : match.start]
        if starts is None:
            starts = [m.start for m in matches]
        # Names are sorted by start: only those starting in [low, match.start) can lie in between.
        for k in range(bisect_left(starts, low), bisect_left(starts, match.start)):
            other = matches[k]
            if other is not match and low <= other.start and other.end <= match.start:
                rest = rest.replace(text[other.start : other.end], " ")
        rest = re.sub(r"[\s\-–—،,:()\[\]«»\"]+", " ", rest).strip()
        if not rest:
            return True
        if len(rest.split()) > 3:
            return False
        return bool(re.search(r"(?:ل|لل|of(?:\s+the)?)$", rest) or re.fullmatch(HEAD_LEAD, rest))

    # ------------------------------------------------------------------ numbered points

    def _end_of_item(self, nt: NormalizedText, o_marker_end: int) -> int:
        """Original offset where the list item that starts at ``o_marker_end`` ends (line end, trimmed)."""
        original = nt.original
        newline = original.find("\n", o_marker_end)
        end = len(original) if newline < 0 else newline
        while end > o_marker_end and original[end - 1].isspace():
            end -= 1
        return end

    def _numbered(self, nt: NormalizedText) -> list[Finding]:
        findings = []
        # "أولاً … ثانياً … ثالثاً" on normalised text.
        ordinals = [
            _Marker(self.config["ordinals"].index(m.group(1)) + 1, m.start(), m.end())
            for m in self.ordinal_matches(nt.text)
        ] if self._may_count_ordinals(nt.text) else []
        for run in _runs(ordinals):
            o_last_end = nt.to_original(run[-1].start, run[-1].end)[1]
            o_first_start = nt.to_original(run[0].start, run[0].end)[0]
            findings.append(
                self._points_finding(nt, o_first_start, self._end_of_item(nt, o_last_end), len(run), "ordinal")
            )
        # "1- … 2- … 3-" on the original text (line starts, or inline with a dash/parenthesis). ``\d``
        # matches Arabic-Indic and Persian digits as well and ``int`` reads them, so no translation is needed.
        original = nt.original
        seen: dict[int, _Marker] = {}
        for m in matches_at(LINE_NUMBER, original, _line_starts(original)):
            seen.setdefault(m.start(1), _Marker(int(m.group(1)), m.start(1), m.end()))
        for start, number, end in _inline_numbers(original):
            seen.setdefault(start, _Marker(number, start, end))
        numbers = [seen[k] for k in sorted(seen)]
        for run in _runs(numbers):
            findings.append(
                self._points_finding(nt, run[0].start, self._end_of_item(nt, run[-1].end), len(run), "digits")
            )
        return findings

    def _points_finding(self, nt: NormalizedText, o_start: int, o_end: int, count: int, style: str) -> Finding:
        start, end = nt.to_normalized(o_start, o_end)
        return Finding(
            "NUMBERED_POINTS", start, end, f"structure.points.{style}", 0.2, attrs={"points": count, "style": style}
        )

    # ------------------------------------------------------------------ titles

    def _titles(self, nt: NormalizedText) -> list[Finding]:
        original = nt.original
        lines = _original_lines(original)
        max_words = int(self.config.get("title_max_words", 12))
        max_chars = int(self.config.get("title_max_chars", 120))
        findings = []
        for index, (start, end) in enumerate(lines):
            line = original[start:end]
            lead = BULLET.match(line)  # anchored at the start: ``BULLET.sub("", line)`` is the rest of the line
            body = line[lead.end() :] if lead else line
            if index > 0 and body[:1] not in BEH:  # only the first line, or a line starting "بيان"
                continue
            words = normalize_plain(body).split()
            if not words or line.endswith(TITLE_END):
                continue
            rule = None
            if words[0] == "بيان" and len(words) <= max_words + 3:
                rule = "structure.title.statement_line"
            elif (
                index == 0
                and len(lines) > 1
                and len(words) <= max_words
                and len(line) <= max_chars
                and not LINE_NUMBER.match(line)  # \d also matches Arabic-Indic digits
            ):
                rule = "structure.title.first_line"
            if rule is None:
                continue
            n_start, n_end = nt.to_normalized(start, end)
            findings.append(Finding("TITLE", n_start, n_end, rule, 0.2, attrs={"line": index + 1}))
        return findings
