"""Lexicon matching that understands Arabic clitics, on normalised text, with pyahocorasick.

Arabic attaches conjunctions, prepositions and the article in front (و ف ب ل ك ال، وبال، فلل ...) and
pronouns and plural endings behind (ـهم ـها ـنا، ـون ـات ...). Instead of a stemmer (PyStemmer over-strips;
see the recogniser issue note) an entry matches where the automaton finds it AND what surrounds it inside
the same word is an allowed clitic sequence for the entry's affix profile. That keeps "كتائب" in
"وكتائب" and "بالكتائب" but not inside an unrelated longer word.

Spaced-out letters (ق ت ا ل، د.ا.ع.ش) are matched on a *compact view* whose offsets map back too.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path
from typing import Any, NamedTuple

import ahocorasick
import yaml

from basira.normalize import normalize_plain
from basira.normalize.offsets import StepMap, build_edits
from basira.recognizers.kernels import compiled as _compiled

# Prefix clitic sequences (already normalised: أ→ا). "" means the entry starts the word.
NOUN_PREFIXES = frozenset(
    ["", "و", "ف", "ب", "ل", "ك", "ال", "وال", "فال", "بال", "كال", "وبال", "فبال", "ولل", "فلل", "لل",
     "وب", "فب", "ول", "فل", "وك", "فك", "ا"]  # "ا" is the interrogative hamza after normalisation
)
# conjunction + particle (lam of command, future sa-, dialect bi-/ha-/rah-/3am-) + person marker.
VERB_PREFIXES = frozenset(
    conj + particle + person
    for conj in ("", "و", "ف")
    for particle in ("", "ل", "س", "ب", "ح", "ه", "رح", "ع", "عم", "ما")
    for person in ("", "ي", "ت", "ن", "ا")
)
NOUN_SUFFIXES = frozenset(
    ["", "ه", "ها", "هم", "هما", "هن", "ك", "كم", "كما", "كن", "نا", "ي", "ى", "ات", "ون", "ين", "ان", "تين",
     "تان", "ته", "تها", "تهم", "تنا", "تكم", "يه", "يها", "يهم", "ا"]
)
VERB_SUFFIXES = frozenset(
    ["", "ه", "ها", "هم", "هن", "ك", "كم", "كن", "نا", "ني", "وا", "و", "ون", "ين", "ن", "ت", "تم", "تن",
     "وه", "وها", "وهم", "وكم", "ونا", "ي", "ا", "ان", "وش", "ش"]  # ش: Egyptian/Levantine negation
)
PROFILES: Mapping[str, tuple[frozenset[str], frozenset[str]]] = {
    "noun": (NOUN_PREFIXES, NOUN_SUFFIXES),
    "verb": (VERB_PREFIXES, VERB_SUFFIXES),
    "name": (NOUN_PREFIXES, frozenset(["", "ه", "هم", "ي", "يه", "يين", "يون", "ها"])),
    "exact": (frozenset([""]), frozenset([""])),
}

SEPARATED_LETTERS = re.compile(r"(?<!\w)[^\W\d_](?:[ .·•*_\-]{1,2}[^\W\d_](?!\w)){2,}")
# What every SEPARATED_LETTERS match contains (a separator, then a one-letter word): a cheaper first test.
_SEPARATED_HINT = re.compile(r"[ .·•*_\-][^\W\d_](?!\w)")
# Two of them in a row, what every match contains too: at most two characters after the match starts, and
# never before the first hint (the letter after the hint's separator is followed by a non-word character in
# a match). Half the news articles have a one-letter word (the hint), few have two in a row.
_SEPARATED_PAIR = re.compile(r"[ .·•*_\-][^\W\d_][ .·•*_\-]{1,2}[^\W\d_](?!\w)")


@dataclass(frozen=True, slots=True)
class LexiconEntry:
    """One lexicon term. ``id`` is stable across releases: rules in evidence cite it."""

    id: str
    term: str
    label: str
    score: float = 0.8
    profile: str = "noun"
    attrs: Mapping[str, Any] = field(default_factory=dict)


class LexiconHit(NamedTuple):
    """An entry found in normalised text. A named tuple, not a frozen dataclass: a scan makes one per accepted
    automaton hit (69,250 on news-ar's 936 articles), and a tuple is made in 0.17 µs where the dataclass
    took 0.43 µs; immutable and typed alike."""

    entry: LexiconEntry
    start: int  # normalised offsets of the whole word(s), clitics included
    end: int
    term_start: int  # the entry itself, without clitics
    term_end: int


def _is_word_char(char: str) -> bool:
    return char.isalnum()


def compact_view(text: str) -> tuple[str, StepMap]:
    """Join letters separated by spaces or dots (ق ت ا ل → قتال); a map leads back."""
    pieces = [
        (m.start(), m.end(), re.sub(r"[ .·•*_\-]", "", m.group())) for m in SEPARATED_LETTERS.finditer(text)
    ]
    return build_edits(pieces, text)


_last_view: tuple[str, tuple[str, StepMap] | None] | None = None


def has_separated_letters(text: str) -> bool:
    """``SEPARATED_LETTERS.search(text) is not None``: one pass in C where the recognisers' compiled module is
    built (the 936 news-ar articles: 28 -> 10 ms), else ``reference_has_separated_letters``."""
    if _compiled is not None:
        return bool(_compiled.has_separated_letters(text))
    return reference_has_separated_letters(text)


def reference_has_separated_letters(text: str) -> bool:
    """``SEPARATED_LETTERS.search(text) is not None``, searched only from where its two hints allow (the
    look-behind still sees the characters before the start position): 99 -> 52 ms on the 936 news-ar
    articles."""
    hint = _SEPARATED_HINT.search(text)
    if hint is None:
        return False
    pair = _SEPARATED_PAIR.search(text, hint.start())
    return pair is not None and SEPARATED_LETTERS.search(text, max(0, pair.start() - 2)) is not None


def separated_view(text: str) -> tuple[str, StepMap] | None:
    """``compact_view(text)`` if ``text`` has spaced-out letters, else None.

    Every matcher of a document asks about the same text object, and the search costs as much as an
    automaton pass; the last answer is kept (by identity, one text only) so it runs once per document.
    """
    global _last_view
    last = _last_view
    if last is not None and last[0] is text:
        return last[1]
    result = compact_view(text) if has_separated_letters(text) else None
    _last_view = (text, result)
    return result


_YAML_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml_text(text: str) -> Any:
    """``yaml.safe_load(text)`` with libyaml's C parser when PyYAML has it: the same data (safe tags only),
    several times faster; the recognisers' YAML files are most of the analyser's start-up."""
    return yaml.load(text, Loader=_YAML_LOADER)  # nosec B506 - _YAML_LOADER is a Safe(C)Loader


class LexiconMatcher:
    """Find lexicon entries with clitics in normalised text."""

    def __init__(self, entries: Iterable[LexiconEntry]):
        self.entries = tuple(entries)
        self._automaton: Any = ahocorasick.Automaton()
        keys: dict[str, list[tuple[LexiconEntry, frozenset[str] | None]]] = {}
        for entry in self.entries:
            if entry.profile not in PROFILES:
                raise ValueError(f"E103: lexicon entry {entry.id} has unknown profile {entry.profile!r}")
            term = normalize_plain(entry.term).strip()
            if not term:
                continue
            keys.setdefault(term, []).append((entry, None))
            if term.startswith("ال") and len(term) > 3 and entry.profile != "exact":
                # li + al contracts: ل + الدوله → للدوله. The variant requires that prefix.
                keys.setdefault(term[1:], []).append((entry, frozenset(["ل", "ول", "فل"])))
        for key, values in keys.items():
            # Per key, everything a hit needs: its length, the longest prefix and suffix any of its entries
            # allows (a longer clitic run rules them all out without slicing) and, per entry, the allowed sets.
            checks = []
            for entry, required_prefixes in values:
                prefixes, suffixes = PROFILES[entry.profile]
                checks.append((entry, required_prefixes if required_prefixes is not None else prefixes, suffixes))
            max_prefix = max(len(p) for _, allowed, _ in checks for p in allowed)
            max_suffix = max(len(x) for _, _, suffixes in checks for x in suffixes)
            self._automaton.add_word(key, (len(key), max_prefix, max_suffix, tuple(checks)))
        self._empty = not keys
        if not self._empty:
            self._automaton.make_automaton()
        self._fused: tuple[FusedScan, int] | None = None  # set by ``fuse``: one pass serves several matchers

    def find(self, text: str, *, compact: bool = True) -> list[LexiconHit]:
        hits = self._find_in(text)
        separated = separated_view(text) if compact else None
        if separated is not None:
            view, step_map = separated
            seen = {(h.entry.id, h.start) for h in hits}
            for hit in self._find_in(view):
                start, end = step_map.map_span(hit.start, hit.end, forward=False)
                t_start, t_end = step_map.map_span(hit.term_start, hit.term_end, forward=False)
                if (hit.entry.id, start) not in seen:
                    hits.append(LexiconHit(hit.entry, start, end, t_start, t_end))
        sort_by_start_longest_first(hits)
        return hits

    def _find_in(self, text: str) -> list[LexiconHit]:
        if self._empty:
            return []
        fused = self._fused
        if fused is not None:
            return list(fused[0].hits(text)[fused[1]])
        hits: list[LexiconHit] = []
        _collect(self._automaton.iter(text), text, [hits])
        return hits


_START = attrgetter("start")
_END = attrgetter("end")


def sort_by_start_longest_first(spans: list[Any]) -> None:
    """Sort objects with ``start`` and ``end`` in place by start, the longest first at one start, equal spans
    in their order: ``sort(key=lambda h: (h.start, -h.end))`` as two stable sorts on C keys (about half
    the time: a scan sorts every lexicon hit of every document)."""
    spans.sort(key=_END, reverse=True)  # reverse keeps equal keys in their order
    spans.sort(key=_START)


def _collect(found: Iterable[tuple[int, Any]], text: str, sinks: list[list[LexiconHit]], fused: bool = False) -> None:
    """Check the clitics around each automaton hit; append accepted hits to ``sinks[matcher index]``: in C
    where the recognisers' compiled module is built (the scan of news-ar's 936 articles, 130k automaton hits:
    0.216 -> 0.167 s, of which 0.098 s is the automaton's own iteration), else ``reference_collect``."""
    if _compiled is not None:
        _compiled.collect_hits(found, text, sinks, fused, LexiconHit)
    else:
        reference_collect(found, text, sinks, fused)


def reference_collect(
    found: Iterable[tuple[int, Any]], text: str, sinks: list[list[LexiconHit]], fused: bool = False
) -> None:
    """``_collect`` in Python: the reference the compiled code is tested against, and its fallback.

    A payload is ``(key length, longest allowed prefix, longest allowed suffix, ((entry, prefixes,
    suffixes), ...))``; a fused automaton's payload is a tuple of ``(matcher index, payload)``.
    """
    length = len(text)
    hit = LexiconHit
    for last, value in found:
        term_end = last + 1
        for index, (key_length, max_prefix, max_suffix, checks) in value if fused else ((0, value),):
            term_start = term_end - key_length
            word_start = term_start
            stop = term_start - max_prefix
            while word_start > 0 and text[word_start - 1].isalnum():  # isalnum: a word character
                if word_start == stop:
                    break  # a longer prefix than any entry of this key allows
                word_start -= 1
            else:
                word_end = term_end
                stop = term_end + max_suffix
                while word_end < length and text[word_end].isalnum():
                    if word_end == stop:
                        break
                    word_end += 1
                else:
                    prefix = text[word_start:term_start]
                    suffix = text[term_end:word_end]
                    for entry, allowed, suffixes in checks:
                        if prefix in allowed and suffix in suffixes:
                            sinks[index].append(hit(entry, word_start, word_end, term_start, term_end))


class FusedScan:
    """One Aho-Corasick automaton over the keys of several matchers: a document is scanned once for all of
    them, and each matcher takes its own hits (the same hits, in the same order, as its own automaton
    finds: at one end position hits come longest key first in both).

    The automaton is the compiled ``KeyAutomaton`` where the recognisers' module is built (a dense table
    walked in C with the clitic check inline: news-ar's 936 articles, 130k automaton hits, 174 -> 74 ms),
    else pyahocorasick's with ``_collect``; both give the same hits in the same order.

    The last two texts' results are kept (by identity): each matcher asks about the document and, when it
    has spaced-out letters, about its compact view.
    """

    def __init__(self, matchers: Sequence[LexiconMatcher]):
        self.matchers = tuple(matchers)
        combined: dict[str, list[tuple[int, Any]]] = {}
        for index, matcher in enumerate(self.matchers):
            if not matcher._empty:
                for key, payload in matcher._automaton.items():
                    combined.setdefault(key, []).append((index, payload))
        self._empty = not combined
        self._payloads = [tuple(payloads) for payloads in combined.values()]
        self._compiled: Any = None  # the compiled automaton where built, else
        self._automaton: Any = None  # pyahocorasick's
        if self._empty:
            pass
        elif _compiled is not None:
            self._compiled = _compiled.KeyAutomaton(list(combined))
        else:
            self._automaton = ahocorasick.Automaton()
            for key, payloads in zip(combined, self._payloads, strict=True):
                self._automaton.add_word(key, payloads)
            self._automaton.make_automaton()
        self._last: tuple[tuple[str, list[list[LexiconHit]]], ...] = ()

    def claim(self) -> None:
        """Point this scan's matchers at it. Matchers can be shared by analysers (cached entity lists), and
        ``fuse`` points them at the last scan built: without this, an analyser built earlier ran its own pass
        for its other matchers and the newer analyser's pass for the shared ones (two passes per text)."""
        for index, matcher in enumerate(self.matchers):
            fused = matcher._fused
            if fused is None or fused[0] is not self:
                matcher._fused = (self, index)

    def hits(self, text: str) -> list[list[LexiconHit]]:
        """Accepted hits per matcher (in ``matchers`` order); do not modify the lists."""
        last = self._last
        for seen, result in last:
            if seen is text:
                return result
        result = self._scan(text)
        self._last = ((text, result), *last[:1])
        return result

    def _scan(self, text: str) -> list[list[LexiconHit]]:
        """One pass of the automaton over ``text``: each matcher's accepted hits."""
        result: list[list[LexiconHit]] = [[] for _ in self.matchers]
        if self._compiled is not None:
            self._compiled.scan_collect(text, self._payloads, result, True, LexiconHit)
        elif self._automaton is not None:
            _collect(self._automaton.iter(text), text, result, fused=True)
        return result


def fuse(matchers: Iterable[LexiconMatcher]) -> FusedScan | None:
    """Let ``matchers`` share one automaton pass per text (see ``FusedScan``); None if fewer than two."""
    unique = list({id(m): m for m in matchers}.values())
    if len(unique) < 2:
        return None
    scan = FusedScan(unique)
    scan.claim()
    return scan


def longest_non_overlapping(hits: Sequence[LexiconHit]) -> list[LexiconHit]:
    """Keep the longest hit where hits overlap (a multi-word name beats its parts)."""
    chosen: list[LexiconHit] = []
    # The chosen spans are disjoint, so sorted by start they are sorted by end too: a new span overlaps one
    # of them iff it overlaps the last one that starts before it ends (checking every chosen span for every
    # hit was quadratic: a post repeating a name took minutes).
    starts: list[int] = []
    ends: list[int] = []
    for hit in sorted(hits, key=lambda h: (-(h.end - h.start), h.start)):
        k = bisect_left(starts, hit.end)
        if k and ends[k - 1] > hit.start:
            continue
        starts.insert(k, hit.start)
        ends.insert(k, hit.end)
        chosen.append(hit)
    return sorted(chosen, key=lambda h: h.start)


def load_entries(rows: Iterable[Mapping[str, Any]], *, default_label: str = "") -> list[LexiconEntry]:
    """Entries from YAML/JSON rows: {id, terms: [...], label, score, profile, attrs}; one entry per term."""
    entries = []
    for row in rows:
        terms = row.get("terms") or [row["term"]]
        for index, term in enumerate(terms):
            entries.append(
                LexiconEntry(
                    id=str(row["id"]) if len(terms) == 1 else f"{row['id']}#{index}",
                    term=str(term),
                    label=str(row.get("label", default_label)),
                    score=float(row.get("score", 0.8)),
                    profile=str(row.get("profile", "noun")),
                    attrs={**dict(row.get("attrs", {})), "rule": str(row["id"])},
                )
            )
    return entries


def read_lexicon_file(path: str | Path) -> list[LexiconEntry]:
    """A YAML lexicon: ``{label: DEFAULT, profile: noun, entries: [{id, terms, label?, score?, ...}]}``."""
    data = load_yaml_text(Path(path).read_text(encoding="utf-8")) or {}
    defaults = {k: v for k, v in data.items() if k != "entries"}
    rows = [{**defaults, **row} for row in data.get("entries", [])]
    return load_entries(rows)
