"""Violence signals: calls to violence, glorification, threats, recruitment, instruction, financing and
martyrdom vocabulary, each a span with a rule id, the grammatical person and (when one follows) a target.

Method
------
Everything is data (``data/violence.yaml``, ``data/violence_targets.yaml``); this module is the machinery.

* **Phrase classes** are short lists of trigger words and phrases ("ندعو", "تصعيد", "(ال)عملية", "المباركة").
  One clitic-aware ``LexiconMatcher`` (Aho–Corasick over normalised text, compact view for spaced-out
  letters) finds them all in one pass. A class may veto a hit by the word that follows or precedes it
  ("العملية الجراحية", "ضربة جزاء", "نجاح العملية").
* **Sequence rules** chain classes with a maximum number of words between them and never across a
  sentence end: ``[call_first, 6, escalate, 0, attack_noun]`` finds "ندعو ... إلى تصعيد ضرباتهم".
  Words between two items can veto the rule ("ندعو إلى *وقف* الهجمات").
* **Violent verbs** are listed once as their imperfect stem ("قتل", "ضرب", "ستهدف") plus the imperative's
  hamzat al-wasl. The clitics the matcher found around the stem tell the form: ا+stem+وا is a plural
  imperative (second person), ف/و+ل+ي/ت/ن a jussive command, سن/هن/حن/رحن a first-person future,
  a first-person present after a dialect future or intent word ("رح نضرب", "راح نذبح", "غادي نضربو",
  "بدنا نقتل") a threat, after an obligation word ("لازم نقتل") a call. Forms that are also past tense
  without diacritics (Forms II–X: "قاتلوا", "استهدفوا") only count at the start of a clause or after a
  vocative.
* **Targets** (``violence_targets.yaml``, with ``target_type``) are looked for within three words after a
  call, threat or glorification; the span is widened to cover the target and ``attrs.target`` records it.
* **English** patterns are regular expressions (``regex`` module, variable-length look-behind) in the same
  YAML; ``@targets_en@`` expands to the English target list.
* **Wallets** (IBAN, BTC, ETH, TRON/USDT, long digit groups) are reported only near a financing appeal.

The engine (``PhraseBook``) is shared with the context recogniser.
"""

from __future__ import annotations

import functools
import itertools
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import regex

from basira.normalize import normalize_plain
from basira.recognizers.base import Finding, Recognizer, original_span
from basira.recognizers.kernels import compiled as _compiled
from basira.recognizers.lexicon import (
    LexiconEntry,
    LexiconHit,
    LexiconMatcher,
    load_yaml_text,
    sort_by_start_longest_first,
)
from basira.recognizers.regex_factors import FactorGate
from basira.recognizers.registry import register
from basira.recognizers.words import WORD, whole_words_before, words_after, words_before
from basira.types import EvidenceKind, NormalizedText

DATA_DIR = Path(__file__).parent / "data"

SENTENCE_STOP = regex.compile(r"[.!?؟;؛\n]")
SENTENCE_STOP_BACKWARDS = regex.compile(r"(?r)[.!?؟;؛\n]")  # SENTENCE_STOP's matches, last first
CLAUSE_STOP = regex.compile(r"[.!?؟;؛\n،,:«»\"“”()\[\]{}–—…]")
SEPARATORS = regex.compile(r"[ .·•*_\-]")
ALTERNATIVES = regex.compile(r"\(([^()]*)\)|\{([^{}]*)\}")
ASCII_WORD = regex.compile(r"[a-z]{3}")
LOOKAROUND = 80  # characters scanned for neighbouring words



# --------------------------------------------------------------------------------------------- data helpers
def expand_terms(term: str) -> list[str]:
    """"(x)" is optional, "{a|b|}" one of (one level of nesting: "( {a|b})"); every spelling, whitespace
    collapsed, in order."""
    out: list[str] = []
    for raw in _expand_raw(term):
        spelled = " ".join(raw.split())
        if spelled and spelled not in out:
            out.append(spelled)
    return out


def _expand_raw(term: str) -> list[str]:
    parts: list[list[str]] = []
    pos = 0
    for m in ALTERNATIVES.finditer(term):
        parts.append([term[pos : m.start()]])
        if m.group(1) is not None:
            parts.append(["", *_expand_raw(m.group(1))])
        else:
            parts.append([x for alt in m.group(2).split("|") for x in _expand_raw(alt)])
        pos = m.end()
    parts.append([term[pos:]])
    return ["".join(combo) for combo in itertools.product(*parts)]


@lru_cache(maxsize=1 << 17)
def token_forms(token: str) -> frozenset[str]:
    """A word and the word without a leading conjunction and preposition/article (cached: a document asks
    about the same few thousand words again and again)."""
    forms = {token}
    bases = [token]
    if token[:1] in ("و", "ف") and len(token) > 3:
        bases.append(token[1:])
    for base in bases:
        forms.add(base)
        for prefix in ("بال", "كال", "لل", "ال", "ب", "ل", "ك"):
            if base.startswith(prefix) and len(base) - len(prefix) >= 2:
                forms.add(base[len(prefix) :])
                if prefix == "لل":
                    forms.add("ال" + base[2:])
    return frozenset(forms)


def next_words(text: str, pos: int, count: int) -> list[str]:
    """Up to ``count`` words after ``pos`` in the same sentence (within ``LOOKAROUND`` characters)."""
    limit = min(len(text), pos + LOOKAROUND)
    stop = SENTENCE_STOP.search(text, pos, limit)  # the first sentence end: no word after it counts
    return [text[start:end] for start, end in words_after(text, pos, stop.start() if stop else limit, count)]


def prev_words(text: str, pos: int, count: int) -> list[str]:
    """Up to ``count`` words before ``pos`` in the same sentence, nearest LAST."""
    start = max(0, pos - LOOKAROUND)
    stop = SENTENCE_STOP_BACKWARDS.search(text, start, pos)  # the last sentence end: no word before it counts
    return [text[s:e] for s, e in reversed(whole_words_before(text, stop.end() if stop else start, pos, count))]


def words_between(text: str, start: int, end: int) -> list[str]:
    return WORD.findall(text, start, end) if end > start else []


def words_within(text: str, start: int, end: int, limit: int) -> list[str] | None:
    """``words_between(text, start, end)`` if it has at most ``limit`` words, else None; reads no further
    than the word after the limit (a rule looking for its next item a few words on must not tokenise the
    whole gap to a candidate far away: that made sequence matching quadratic in the document's length)."""
    if end <= start:
        return []
    words = [m.group() for m in itertools.islice(WORD.finditer(text, start, end), limit + 1)]
    return words if len(words) <= limit else None


class Veto:
    """Veto phrases indexed by their first word (compared without clitics); "#num" = any number."""

    __slots__ = ("heads", "numbers")

    def __init__(self, phrases: Iterable[tuple[str, ...]] = ()):
        self.heads: dict[str, list[tuple[str, ...]]] = {}
        self.numbers = False
        for phrase in phrases:
            if phrase[0] == "#num":
                self.numbers = True
            else:
                self.heads.setdefault(phrase[0], []).append(phrase[1:])

    def __bool__(self) -> bool:
        return bool(self.heads) or self.numbers

    def starts(self, words: Sequence[str]) -> bool:
        """Do the words start with one of the phrases?"""
        if not words:
            return False
        if self.numbers and words[0].isdigit():
            return True
        for form in token_forms(words[0]):
            for tail in self.heads.get(form, ()):
                if tuple(words[1 : 1 + len(tail)]) == tail:
                    return True
        return False

    def anywhere(self, words: Sequence[str]) -> bool:
        return any(self.starts(words[i:]) for i in range(len(words)))

    def may_start(self, word: str) -> bool:
        """Whether a phrase may start at ``word`` (what ``starts`` asks of its first word)."""
        return (self.numbers and word.isdigit()) or not token_forms(word).isdisjoint(self.heads)


def vetoed_after(veto: Veto, text: str, pos: int, window: int = 1) -> bool:
    """Whether a phrase of ``veto`` starts at one of the first ``window`` words after ``pos`` in its sentence."""
    limit = min(len(text), pos + LOOKAROUND)
    if not any(veto.may_start(text[s:e]) for s, e in words_after(text, pos, limit, window)):
        return False  # most hits: no word there can start one (the sentence's end is not needed to tell)
    following = next_words(text, pos, 2 + window)
    return any(veto.starts(following[i:]) for i in range(window))


def vetoed_before(veto: Veto, text: str, pos: int) -> bool:
    """Whether a phrase of ``veto`` starts at the word before ``pos`` in its sentence."""
    nearest = words_before(text, max(0, pos - LOOKAROUND), pos, 1)
    if not nearest or not veto.may_start(text[nearest[0][0] : nearest[0][1]]):
        return False  # (the word before, if the sentence has one, is this one)
    return veto.starts(prev_words(text, pos, 1))


NO_VETO = Veto()


def clause_initial(text: str, pos: int) -> bool:
    """Nothing but spaces between ``pos`` and the start of the text or a clause mark."""
    i = pos - 1
    while i >= 0 and text[i] == " ":
        i -= 1
    return i < 0 or CLAUSE_STOP.match(text[i]) is not None


@lru_cache(maxsize=65536)
def _normalized_term(term: str) -> str:
    return normalize_plain(term)


def strip_separators(s: str) -> str:
    if not s or s.isalnum():  # the common case: no clitic, or one without separators (none is alphanumeric)
        return s
    return SEPARATORS.sub("", s)


# ----------------------------------------------------------------------------------------------- the engine
class Hit(NamedTuple):
    """A class member found in normalised text: the whole word(s) and the clitics around the term (a named
    tuple, as ``LexiconHit``: one per kept phrase hit, 33,711 on news-ar)."""

    cls: str
    start: int
    end: int
    entry: LexiconEntry
    prefix: str
    suffix: str


@dataclass(frozen=True, slots=True)
class SeqRule:
    id: str
    label: str
    score: float
    items: tuple[frozenset[str], ...]
    gaps: tuple[int, ...]
    attrs: Mapping[str, Any] = field(default_factory=dict)
    veto_between: Veto = NO_VETO
    veto_next: Veto = NO_VETO
    veto_prev: Veto = NO_VETO
    target: bool = False


@dataclass(frozen=True, slots=True)
class RuleMatch:
    rule: SeqRule
    hits: tuple[Hit, ...]

    @property
    def start(self) -> int:
        return self.hits[0].start

    @property
    def end(self) -> int:
        return self.hits[-1].end


class PhraseBook:
    """Phrase classes and sequence rules from one YAML mapping (see ``data/violence.yaml``)."""

    def __init__(self, data: Mapping[str, Any]):
        self.raw_sets: dict[str, list[str]] = {
            str(name): [str(w) for w in words or []] for name, words in (data.get("sets") or {}).items()
        }
        self._set_cache: dict[str, list[str]] = {}
        entries: list[LexiconEntry] = []
        for name, spec in (data.get("classes") or {}).items():
            entries.extend(self._class_entries(str(name), spec))
        rules: list[SeqRule] = []
        for row in data.get("rules") or []:
            rule_id = str(row["id"])
            if "seq" in row:
                items, gaps = self._parse_seq(row["seq"], rule_id)
            else:
                cls = f"={rule_id}"
                entries.extend(self._class_entries(cls, row))
                items, gaps = (frozenset([cls]),), ()
            rules.append(
                SeqRule(
                    id=rule_id,
                    label=str(row["label"]),
                    score=float(row.get("score", 0.8)),
                    items=items,
                    gaps=gaps,
                    attrs=dict(row.get("attrs") or {}),
                    veto_between=self.vetoes(row.get("veto_between")),
                    veto_next=self.vetoes(row.get("veto_next")) if "seq" in row else NO_VETO,
                    veto_prev=self.vetoes(row.get("veto_prev")) if "seq" in row else NO_VETO,
                    target=bool(row.get("target", False)),
                )
            )
        self.rules = tuple(rules)
        self.entries = entries

    def add(self, entries: Iterable[LexiconEntry]) -> None:
        """More class members (targets, verbs); only before the first match."""
        if "matcher" in self.__dict__:
            raise RuntimeError("PhraseBook.add after the automaton was built")
        self.entries.extend(entries)

    @cached_property
    def matcher(self) -> LexiconMatcher:
        known = {str(e.attrs["class"]) for e in self.entries}
        for rule in self.rules:
            for item in rule.items:
                missing = item - known
                if missing:
                    raise ValueError(f"E104: rule {rule.id} names unknown class(es) {sorted(missing)}")
        return LexiconMatcher(self.entries)

    # data -------------------------------------------------------------------------------------------
    def set_words(self, name: str) -> list[str]:
        if name not in self._set_cache:
            if name not in self.raw_sets:
                raise ValueError(f"E104: unknown word set @{name}")
            self._set_cache[name] = []  # a set that names itself expands to nothing more
            self._set_cache[name] = self.words(self.raw_sets[name])
        return self._set_cache[name]

    def words(self, spec: Iterable[str] | None) -> list[str]:
        """Words of a list, with "@set" references expanded and everything normalised."""
        out: list[str] = []
        for item in spec or []:
            for spelled in expand_terms(str(item)):
                parts = spelled.split(" ")
                choices = [self.set_words(p[1:]) if p.startswith("@") else [normalize_plain(p)] for p in parts]
                for combo in itertools.product(*choices):
                    word = " ".join(" ".join(combo).split())
                    if word:
                        out.append(word)
        return out

    def vetoes(self, spec: Iterable[str] | None) -> Veto:
        return Veto(tuple(w.split(" ")) for w in self.words(spec))

    def _class_entries(self, cls: str, spec: Mapping[str, Any]) -> list[LexiconEntry]:
        profile = str(spec.get("profile", "noun"))
        score = float(spec.get("score", 0.8))
        attrs = {
            **dict(spec.get("attrs") or {}),
            "class": cls,
            "veto_next": self.vetoes(spec.get("veto_next")),
            "veto_prev": self.vetoes(spec.get("veto_prev")),
            "veto_window": int(spec.get("veto_window", 1)),
        }
        entries = []
        for term in spec.get("terms") or []:
            for index, spelled in enumerate(expand_terms(str(term))):
                entries.append(LexiconEntry(f"{cls}:{spelled}:{index}", spelled, cls, score, profile, attrs))
        return entries

    @staticmethod
    def _parse_seq(seq: Sequence[Any], rule_id: str) -> tuple[tuple[frozenset[str], ...], tuple[int, ...]]:
        items: list[frozenset[str]] = []
        gaps: list[int] = []
        pending_gap = 0
        for element in seq:
            if isinstance(element, int):
                pending_gap = element
                continue
            if items:
                gaps.append(pending_gap)
            items.append(frozenset(str(element).split("|")))
            pending_gap = 0
        if not items:
            raise ValueError(f"E104: rule {rule_id} has an empty sequence")
        return tuple(items), tuple(gaps)

    # matching ---------------------------------------------------------------------------------------
    def hits(self, text: str, keep: Iterable[str] | None = None) -> dict[str, list[Hit]]:
        """Class hits by class name, sorted by start (longest first), after the classes' vetoes.

        With ``keep`` (the classes the caller reads itself), only those and the classes of rules that can
        match are returned: a rule needs a hit of every item, so a class all of whose rules miss an item in
        the automaton's raw hits cannot change any match, and its hits are not built or vetted.
        The loops run in C where the recognisers' compiled module is built, else ``reference_hits``.
        """
        if _compiled is None:
            return self.reference_hits(text, keep)
        wanted = None if keep is None else functools.partial(self._wanted, keep=keep)
        by_class: dict[str, list[Hit]] = _compiled.phrase_hits(
            text, self.matcher.find(text), self._entry_info, wanted, self._vetoed, Hit, self._hit
        )
        for hits in by_class.values():
            sort_by_start_longest_first(hits)
        return by_class

    def reference_hits(self, text: str, keep: Iterable[str] | None = None) -> dict[str, list[Hit]]:
        """``hits`` in Python: the reference the compiled loops are tested against, and their fallback."""
        info = self._entry_info
        raw_by_class: dict[str, list[LexiconHit]] = {}  # a class's raw hits, in the matcher's order
        for lh in self.matcher.find(text):
            cls = info[id(lh.entry)][0]
            found = raw_by_class.get(cls)
            if found is None:
                raw_by_class[cls] = [lh]
            else:
                found.append(lh)
        wanted = raw_by_class.keys() if keep is None else self._wanted(set(raw_by_class), keep)
        by_class: dict[str, list[Hit]] = {}
        for cls, raw in raw_by_class.items():  # classes never interact here: one at a time
            if cls not in wanted:
                continue
            hits: list[Hit] = []
            seen: set[tuple[int, int]] = set()
            for lh in raw:
                _, veto_next, veto_prev, window = info[id(lh.entry)]
                key = (lh.start, lh.end)  # a Hit's span is its lexicon hit's: made only once kept
                if key in seen:
                    continue
                if (veto_next is not None or veto_prev is not None) and self._vetoed(
                    text, lh, veto_next, veto_prev, window
                ):
                    continue
                seen.add(key)
                hits.append(self._hit(text, lh, cls))
            if hits:
                sort_by_start_longest_first(hits)
                by_class[cls] = hits
        return by_class

    @staticmethod
    def _vetoed(text: str, lh: LexiconHit, veto_next: Veto | None, veto_prev: Veto | None, window: int) -> bool:
        """Whether the words after (within ``window``) or before the hit veto it."""
        if veto_next is not None and vetoed_after(veto_next, text, lh.end, window):
            return True
        return veto_prev is not None and vetoed_before(veto_prev, text, lh.start)

    @cached_property
    def _entry_info(self) -> dict[int, tuple[str, Veto | None, Veto | None, int]]:
        """Per entry (by identity; the matcher keeps them alive): class, next and previous vetoes (None when
        empty) and the next-veto window."""
        info = {}
        for entry in self.matcher.entries:
            attrs = entry.attrs
            veto_next: Veto = attrs.get("veto_next") or NO_VETO
            veto_prev: Veto = attrs.get("veto_prev") or NO_VETO
            info[id(entry)] = (
                str(attrs["class"]),
                veto_next if veto_next else None,
                veto_prev if veto_prev else None,
                int(attrs.get("veto_window", 1)) if veto_next else 1,
            )
        return info

    def _wanted(self, present: set[str], keep: Iterable[str]) -> set[str]:
        """``keep`` and every class of the rules whose every item has a class in ``present``."""
        wanted = set(keep)
        by_first, rules = self._rules_by_first_class, self.rules
        positions: set[int] = set()
        for cls in present:
            found = by_first.get(cls)
            if found:
                positions.update(found)
        for position in positions:
            items = rules[position].items
            if not any(map(present.isdisjoint, items)):  # (map of a C method: no generator frame per rule)
                wanted.update(*items)
        return wanted

    @staticmethod
    def _hit(text: str, lh: LexiconHit, cls: str) -> Hit:
        """The hit of class ``cls`` (its entry's) that ``lh`` is."""
        prefix = strip_separators(text[lh.start : lh.term_start])
        suffix = strip_separators(text[lh.term_end : lh.end])
        if lh.term_start == lh.start and lh.term_end == lh.end and " " not in lh.entry.term:
            # A hit in the compact view (ق ت ا ل): the map widens the term to the whole spaced run.
            whole = strip_separators(text[lh.start : lh.end])
            if whole == lh.entry.term:
                return Hit(cls, lh.start, lh.end, lh.entry, "", "")
            term = _normalized_term(lh.entry.term)
            at = whole.find(term)
            if at > 0 or (at == 0 and len(term) < len(whole)):
                prefix, suffix = whole[:at], whole[at + len(term) :]
        return Hit(cls, lh.start, lh.end, lh.entry, prefix, suffix)

    @cached_property
    def _rules_by_first_class(self) -> dict[str, tuple[int, ...]]:
        """Rule positions by each class of their first item: a rule can only match where one is present."""
        index: dict[str, list[int]] = {}
        for position, rule in enumerate(self.rules):
            for cls in rule.items[0]:
                index.setdefault(cls, []).append(position)
        return {cls: tuple(positions) for cls, positions in index.items()}

    def match(self, text: str, hits: Mapping[str, list[Hit]]) -> list[RuleMatch]:
        out: list[RuleMatch] = []
        present = hits.keys()
        by_first = self._rules_by_first_class
        positions: set[int] = set()
        for cls in present:
            positions.update(by_first.get(cls, ()))
        for position in sorted(positions):  # rules in their order, those whose first class is in the text
            rule = self.rules[position]
            if any(map(present.isdisjoint, rule.items)):
                continue  # the common case: some class of the rule is not in the text at all
            candidates = []
            for item in rule.items:
                merged = list(itertools.chain.from_iterable(hits.get(c, ()) for c in item))
                sort_by_start_longest_first(merged)
                if not merged:
                    break
                candidates.append(merged)
            else:
                starts = [[h.start for h in c] for c in candidates]
                for first in candidates[0]:
                    chain = self._extend(text, rule, candidates, starts, [first])
                    if chain is None:
                        continue
                    found = RuleMatch(rule, tuple(chain))
                    if rule.veto_next and vetoed_after(rule.veto_next, text, found.end):
                        continue
                    if rule.veto_prev and vetoed_before(rule.veto_prev, text, found.start):
                        continue
                    out.append(found)
        return out

    def _extend(
        self,
        text: str,
        rule: SeqRule,
        candidates: list[list[Hit]],
        starts: list[list[int]],
        chain: list[Hit],
    ) -> list[Hit] | None:
        index = len(chain)
        if index == len(rule.items):
            return chain
        prev = chain[-1]
        max_gap = rule.gaps[index - 1]
        for j in range(bisect_left(starts[index], prev.end), len(candidates[index])):
            cand = candidates[index][j]
            between = words_within(text, prev.end, cand.start, max_gap)
            if between is None:
                break
            if SENTENCE_STOP.search(text, prev.end, cand.start):
                break
            if rule.veto_between and rule.veto_between.anywhere(between):
                continue
            done = self._extend(text, rule, candidates, starts, [*chain, cand])
            if done is not None:
                return done
        return None


def merge_overlapping(findings: Iterable[Finding]) -> list[Finding]:
    """Per label, overlapping findings become one span (their union); the strongest names the rule.

    "نبارك العملية" and "العملية المباركة" are one glorification: "نبارك العملية المباركة".
    """
    out: list[Finding] = []
    by_label: dict[str, list[Finding]] = {}
    for f in findings:
        by_label.setdefault(f.label, []).append(f)
    for group in by_label.values():
        group.sort(key=lambda f: (f.start, -f.end))
        cluster: list[Finding] = []
        cluster_end = 0  # max(c.end for c in cluster), kept as the cluster grows (recomputing it was quadratic)
        pending: list[Finding | None] = [*group, None]
        for item in pending:
            if item is not None and (not cluster or item.start < cluster_end):
                cluster.append(item)
                cluster_end = max(cluster_end, item.end)
                continue
            if len(cluster) == 1:  # the common case: nothing to merge
                only = cluster[0]
                out.append(Finding(only.label, only.start, only.end, only.rule, only.score, only.kind,
                                   dict(only.attrs), only.explanation))
            elif cluster:
                best = max(cluster, key=lambda c: (c.score, c.end - c.start))
                attrs = dict(best.attrs)
                for c in cluster:
                    for key, value in c.attrs.items():
                        attrs.setdefault(key, value)
                start = min(c.start for c in cluster)
                end = max(c.end for c in cluster)
                out.append(Finding(best.label, start, end, best.rule, best.score, best.kind, attrs, best.explanation))
            cluster = [item] if item is not None else []
            cluster_end = item.end if item is not None else 0
    return sorted(out, key=lambda f: (f.start, f.end, f.label))


def load_yaml(name: str) -> dict[str, Any]:
    data = load_yaml_text((DATA_DIR / name).read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise ValueError(f"E105: {name} is not a mapping")
    return data


# ------------------------------------------------------------------------------------------ the recogniser
@dataclass(frozen=True, slots=True)
class Verb:
    id: str
    imp: str  # the imperative's prefix: "ا" (Forms I, IV, VII, VIII, X) or "" (II, III)
    ambiguous: bool  # plural imperative == past plural once diacritics are gone
    needs_target: bool
    threat_needs_target: bool  # "سنقاتل بشراسة", "سنغزو الأسواق": a first-person form needs a human object
    imp_plural: frozenset[str]


IMP_PLURAL_SUFFIXES = frozenset(["وا", "و", "وه", "وها", "وهم", "وهن"])
IMP_SINGULAR_SUFFIXES = frozenset(["", "ه", "ها", "هم", "هن"])
SECOND_PERSON_OBJECT = ("كم", "ك", "كن")
JUSSIVE_PREFIXES = {"لي": "third_jussive", "لت": "third_jussive", "لن": "first"}

WALLETS = (
    ("iban", regex.compile(r"(?<![\w])[a-z]{2}\d{2}(?: ?[a-z0-9]{4}){3,7}(?: ?[a-z0-9]{1,4})?(?![\w])")),
    ("eth", regex.compile(r"(?<![\w])0x[0-9a-f]{40}(?![\w])")),
    ("btc", regex.compile(
        r"(?<![\w])(?=[a-z0-9]*\d)(?=[a-z0-9]*[a-z])(?:bc1[a-z0-9]{25,59}|[13][a-z0-9]{25,34})(?![\w])"
    )),
    ("tron", regex.compile(r"(?<![\w])(?=[a-z0-9]*\d)t[a-z0-9]{33}(?![\w])")),
    ("digits", regex.compile(r"(?<![\w])(?:\d{4}(?:[ -]?\d{4}){2,5}|\d{10,30})(?![\w])")),
)
WALLET_WINDOW = 300  # characters around a financing appeal
OBLIGATION_GAP = 6  # words between an obligation cue and the verb it governs
SINGULAR_WINDOW = 200  # characters: a singular address ("يا أخي", "إن كنت", "you, reading this") before a call
GO_WINDOW = 60  # characters: a singular "go" verb ("اذهب", "انطلق") before a call
SINGULAR_EN = regex.compile(
    r"\b(?:you(?:,|\s+there\b|\s+who\s+(?:read|are\s+reading)\b)|be\s+the\s+(?:one|answer|lion)\b"
    r"|(?:my\s+)?(?:dear\s+)?brother,|o\s+brother\b|lone\s+(?:lion|wolf)\b)"
)
# "-كم" on a noun or "عليكم/فيكم" near a first-person verb: the threat is addressed to "you" ("بنحرقها فوق
# روسكم", "سنحرق بيوتكم"); companions and datives ("معكم", "لكم") are not.
YOU_NOT = frozenset(["معكم", "لكم", "بكم", "عندكم", "وياكم", "الكم", "ولكم", "اليكم", "وبكم", "فلكم", "منكم"])


@register
class ViolenceRecognizer(Recognizer):
    name = "violence"
    version = 1
    kind = EvidenceKind.SIGNAL
    labels = (
        "CALL_TO_VIOLENCE",
        "GLORIFICATION",
        "THREAT",
        "RECRUITMENT",
        "INSTRUCTION",
        "FINANCING",
        "MARTYRDOM",
    )
    TARGET_LABELS = frozenset(["CALL_TO_VIOLENCE", "THREAT", "GLORIFICATION"])
    # The classes ``find`` reads itself (besides those of the sequence rules).
    CLASSES_READ = frozenset(["_target", "_verb", "obligation_cue", "address_single", "go_single"])

    def __init__(self, data_file: str = "violence.yaml", targets_file: str = "violence_targets.yaml"):
        self.data_file = data_file
        self.targets_file = targets_file

    # data -------------------------------------------------------------------------------------------
    @cached_property
    def data(self) -> dict[str, Any]:
        return load_yaml(self.data_file)

    @cached_property
    def targets(self) -> dict[str, Any]:
        return load_yaml(self.targets_file)

    @cached_property
    def book(self) -> PhraseBook:
        extra: list[LexiconEntry] = []
        for row in self.targets.get("entries") or []:
            attrs: dict[str, Any] = {
                "class": "_target", "target_id": str(row["id"]), "target_type": str(row["target_type"])
            }
            if row.get("slur"):
                attrs["slur"] = True
            for term in row.get("terms") or []:
                for spelled in expand_terms(str(term)):
                    extra.append(LexiconEntry(f"{row['id']}:{spelled}", spelled, "_target", 0.0,
                                              str(row.get("profile", "noun")), attrs))
        book = PhraseBook(self.data)
        book.add(extra)
        for row in self.data.get("verbs") or []:
            verb_attrs: dict[str, Any] = {
                "class": "_verb",
                "verb": Verb(
                    id=str(row["id"]),
                    imp=normalize_plain(str(row.get("imp", "ا"))),
                    ambiguous=bool(row.get("ambiguous", False)),
                    needs_target=bool(row.get("needs_target", False)),
                    threat_needs_target=bool(row.get("threat_needs_target", False)),
                    imp_plural=frozenset(row.get("imp_plural_suffixes") or IMP_PLURAL_SUFFIXES),
                ),
                "veto_next": book.vetoes(row.get("veto_next")),
                "veto_prev": NO_VETO,
            }
            book.add(
                LexiconEntry(f"verb.{row['id']}:{stem}", stem, "_verb", 0.0, "verb", verb_attrs)
                for stem in expand_terms(str(row["stem"]))
            )
        return book

    @cached_property
    def markers(self) -> dict[str, frozenset[str]]:
        spec = self.data.get("verb_context") or {}
        return {name: frozenset(self.book.words(words)) for name, words in spec.items()}

    @cached_property
    def target_modifiers(self) -> frozenset[str]:
        return frozenset(self.book.words(self.targets.get("modifiers")))

    @cached_property
    def english_targets(self) -> dict[str, tuple[str, str, bool]]:
        """English target word -> (target_type, target_id, slur)."""
        return {
            normalize_plain(spelled): (str(row["target_type"]), str(row["id"]), bool(row.get("slur")))
            for row in self.targets.get("entries") or []
            for term in row.get("terms") or []
            for spelled in expand_terms(str(term))
            if spelled.isascii()
        }

    @cached_property
    def patterns(self) -> list[tuple[dict[str, Any], regex.Pattern[str]]]:
        english = sorted(self.english_targets, key=len, reverse=True)
        alternation = "(?:" + "|".join(regex.escape(t).replace("\\ ", r"\s+") for t in english) + ")"
        out = []
        for row in self.data.get("patterns") or []:
            source = str(row["regex"]).replace("@targets_en@", alternation)
            out.append((dict(row), regex.compile(source)))
        return out

    def lexicon_matchers(self) -> Sequence[LexiconMatcher]:
        return (self.book.matcher,)

    # finding ----------------------------------------------------------------------------------------
    def find(self, nt: NormalizedText) -> Sequence[Finding]:
        text = nt.text
        hits = self.book.hits(text, keep=self.CLASSES_READ)
        targets = hits.get("_target", [])
        target_starts = [t.start for t in targets]
        findings: list[Finding] = []
        for m in self.book.match(text, hits):
            attrs = dict(m.rule.attrs)
            end = m.end
            if m.rule.label in self.TARGET_LABELS:
                end = self._attach_target(nt, end, targets, attrs, target_starts)
            findings.append(Finding(m.rule.label, m.start, end, m.rule.id, m.rule.score, attrs=attrs))
        findings.extend(
            self._verb_findings(nt, hits.get("_verb", []), targets, hits.get("obligation_cue", []), target_starts)
        )
        if ASCII_WORD.search(text):
            findings.extend(self._pattern_findings(nt))
        findings = merge_overlapping(findings)
        findings = self._singular_address(text, hits, findings)
        findings.extend(self._wallet_findings(text, [f for f in findings if f.label == "FINANCING"]))
        return merge_overlapping(findings)

    @staticmethod
    def _singular_address(text: str, hits: Mapping[str, list[Hit]], findings: list[Finding]) -> list[Finding]:
        """A call after an address to one person is solicitation (form ``imperative_singular``)."""
        cues = [(h.start, SINGULAR_WINDOW) for h in hits.get("address_single", ())]
        cues += [(h.start, GO_WINDOW) for h in hits.get("go_single", ()) if h.prefix in ("", "و", "ف")]
        if ASCII_WORD.search(text):
            cues += [(m.start(), SINGULAR_WINDOW) for m in SINGULAR_EN.finditer(text)]
        if not cues:
            return findings
        # Per window, the cue starts in order: is there one in [f.start - window, f.start)? (A scan of every
        # cue for every finding was quadratic.)
        by_window: dict[int, list[int]] = {}
        for start, window in cues:
            by_window.setdefault(window, []).append(start)
        for starts in by_window.values():
            starts.sort()

        def addressed(at: int) -> bool:
            for window, starts in by_window.items():
                k = bisect_left(starts, at - window)
                if k < len(starts) and starts[k] < at:
                    return True
            return False

        out = []
        for f in findings:
            if (
                f.label == "CALL_TO_VIOLENCE"
                and f.attrs.get("form") != "imperative_singular"
                and addressed(f.start)
            ):
                f = replace(f, attrs={**f.attrs, "form": "imperative_singular", "addressed": "singular"})
            out.append(f)
        return out

    @staticmethod
    def _you_near(text: str, hit: Hit) -> bool:
        words = prev_words(text, hit.start, 4) + next_words(text, hit.end, 3)
        return any(len(w) > 3 and w.endswith("كم") and w not in YOU_NOT for w in words)

    def _attach_target(
        self,
        nt: NormalizedText,
        end: int,
        targets: Sequence[Hit],
        attrs: dict[str, Any],
        starts: Sequence[int] | None = None,
    ) -> int:
        """Widen the span to a target that follows within three words; record it in ``attrs``. ``starts``:
        the targets' starts (computed once per document by the caller)."""
        text = nt.text
        if starts is None:
            starts = [t.start for t in targets]
        for j in range(bisect_left(starts, end), len(targets)):
            target = targets[j]
            if words_within(text, end, target.start, 3) is None or SENTENCE_STOP.search(text, end, target.start):
                break
            t_end = target.end
            for word_match in WORD.finditer(text, t_end, min(len(text), t_end + LOOKAROUND)):
                if text[t_end : word_match.start()].strip() or not (
                    token_forms(word_match.group()) & self.target_modifiers
                ):
                    break
                t_end = word_match.end()
            o_start, o_end = original_span(nt, target.start, t_end)
            attrs["target"] = nt.original[o_start:o_end]
            attrs["target_type"] = target.entry.attrs["target_type"]
            attrs["target_id"] = target.entry.attrs["target_id"]
            if target.entry.attrs.get("slur"):
                attrs["slur"] = True
            return t_end
        return end

    @staticmethod
    def _obligation_before(text: str, hit: Hit, cues: Sequence[Hit], cue_starts: Sequence[int]) -> Hit | None:
        """An obligation cue ("يجب", "على كل مسلم", "خاصنا") ending at most ``OBLIGATION_GAP`` words before the
        verb, in the same sentence."""
        # Cues are sorted by start: none from the first that starts after the verb on can end before it.
        for k in range(bisect_right(cue_starts, hit.start) - 1, -1, -1):
            cue = cues[k]
            if cue.end > hit.start:
                continue
            if words_within(text, cue.end, hit.start, OBLIGATION_GAP) is None:
                return None
            if SENTENCE_STOP.search(text, cue.end, hit.start):
                return None
            return cue
        return None

    def _verb_findings(
        self,
        nt: NormalizedText,
        verbs: Sequence[Hit],
        targets: Sequence[Hit],
        obligations: Sequence[Hit] = (),
        target_starts: Sequence[int] | None = None,
    ) -> list[Finding]:
        text = nt.text
        markers = self.markers
        future_prefixes = markers.get("future_prefixes", frozenset())
        object_future = markers.get("object_future_prefixes", frozenset())
        obligation_starts = [cue.start for cue in obligations]
        if target_starts is None:
            target_starts = [t.start for t in targets]
        out: list[Finding] = []
        for hit in verbs:
            verb: Verb = hit.entry.attrs["verb"]
            conj, rest = "", hit.prefix
            if rest[:1] in ("و", "ف") and rest not in future_prefixes:
                conj, rest = rest[:1], rest[1:]
            suffix = hit.suffix
            prev = ""
            prev_forms: frozenset[str] = frozenset()
            if rest in ("ن", "ا"):  # a separate future/intent/obligation word decides
                before = prev_words(text, hit.start, 2)
                prev = before[-1] if before else ""
                if prev == "ان" and len(before) == 2:
                    prev = before[0]
                prev_forms = token_forms(prev) if prev else frozenset()
            label = person = form = ""
            score = 0.0
            start = hit.start
            if rest in future_prefixes:
                label, person, form, score = "THREAT", "first", "future", 0.8
            elif rest in ("ن", "ا"):
                if prev_forms & markers.get("future", frozenset()):
                    label, person, form, score = "THREAT", "first", "future", 0.8
                elif prev_forms & markers.get("intent", frozenset()):
                    label, person, form, score = "THREAT", "first", "intent", 0.7
                elif rest == "ن" and prev_forms & markers.get("obligation", frozenset()):
                    label, person, form, score = "CALL_TO_VIOLENCE", "first", "obligation", 0.75
                elif rest == "ن" and suffix.endswith(SECOND_PERSON_OBJECT):
                    label, person, form, score = "THREAT", "first", "object_you", 0.75
                if form in ("future", "intent", "obligation"):
                    at = text.rfind(prev, 0, hit.start)  # the marker word is part of the phrase
                    start = at if at >= 0 else hit.start
            if not label and obligations and rest in ("ن", "ت", "ي"):
                # "على كل مسلم أن يستهدف", "لازم نطلع ... ونقتل", "خاصكم تضربوهم": a present after an obligation
                after_an = (prev_words(text, hit.start, 1) or [""])[-1] == "ان"
                plural_you = rest == "ت" and (suffix in IMP_PLURAL_SUFFIXES or suffix == "ون")  # Gulf "تذبحون"
                if rest == "ن" or after_an or plural_you:
                    cue = self._obligation_before(text, hit, obligations, obligation_starts)
                    if cue is not None:
                        person = "first" if rest == "ن" else ("second" if plural_you else "third")
                        label, form, score, start = "CALL_TO_VIOLENCE", "obligation", 0.75, cue.start
            if not label and rest in object_future and suffix.endswith(SECOND_PERSON_OBJECT):
                label, person, form, score = "THREAT", "first", "object_you", 0.75
            you_near = False
            if not label and rest in object_future and suffix in ("ه", "ها", "هم", "هن"):
                you_near = self._you_near(text, hit)  # "بنحرقها فوق روسكم"
                if you_near:
                    label, person, form, score = "THREAT", "first", "object_yours", 0.75
            if not label and rest in JUSSIVE_PREFIXES and conj:
                label, person, form, score = "CALL_TO_VIOLENCE", JUSSIVE_PREFIXES[rest], "jussive", 0.8
            if not label and rest == verb.imp:
                exhorted = clause_initial(text, hit.start) or bool(
                    {w for word in prev_words(text, hit.start, 4) for w in token_forms(word)}
                    & markers.get("vocative", frozenset())
                )
                if suffix in verb.imp_plural and (not (verb.ambiguous or verb.imp == "") or exhorted):
                    ambiguous = verb.ambiguous or verb.imp == ""
                    label, person, form = "CALL_TO_VIOLENCE", "second_imperative", "imperative"
                    score = 0.65 if ambiguous else 0.85
                elif suffix in IMP_SINGULAR_SUFFIXES and verb.imp == "ا" and not verb.ambiguous:
                    label, person, form, score = "CALL_TO_VIOLENCE", "second_imperative", "imperative_singular", 0.7
            if not label:
                continue  # (the verb's veto_next was applied when the hit was found)
            end = hit.end
            following = next_words(text, end, 1)
            if following and following[0] in markers.get("tail", frozenset()):
                end = text.index(following[0], end) + len(following[0])
            attrs: dict[str, Any] = {"person": person, "verb": verb.id, "form": form}
            new_end = self._attach_target(nt, end, targets, attrs, target_starts)
            has_target = "target" in attrs
            has_object = suffix.endswith(("هم", "هن", *SECOND_PERSON_OBJECT))
            if verb.needs_target and not (has_target or has_object):
                continue
            if (
                verb.threat_needs_target
                and person == "first"
                and not (has_target or has_object or you_near or self._you_near(text, hit))
            ):
                continue
            if form == "imperative_singular" and not (has_target or suffix in ("هم", "هن")):
                continue  # "اقتل الوقت": a singular imperative needs a human object
            if has_target:
                score = min(0.95, score + 0.1)
            rule = f"{'call' if label == 'CALL_TO_VIOLENCE' else 'threat'}.{form}.{verb.id}"
            out.append(Finding(label, start, new_end, rule, score, attrs=attrs))
        return out

    @cached_property
    def _pattern_gate(self) -> FactorGate:
        return FactorGate([pattern.pattern for _, pattern in self.patterns])

    def _pattern_findings(self, nt: NormalizedText) -> list[Finding]:
        out = []
        patterns = self.patterns
        for index in self._pattern_gate.candidates(nt.text):  # the others have none of their words here
            row, pattern = patterns[index]
            for m in pattern.finditer(nt.text):
                group = "s" if "s" in pattern.groupindex and m.group("s") is not None else 0
                start, end = m.span(group)
                attrs = dict(row.get("attrs") or {})
                if "t" in pattern.groupindex and m.group("t"):
                    o_start, o_end = original_span(nt, *m.span("t"))
                    attrs["target"] = nt.original[o_start:o_end]
                    known = self.english_targets.get(" ".join(m.group("t").split()))
                    if known:
                        attrs["target_type"], attrs["target_id"] = known[0], known[1]
                        if known[2]:
                            attrs["slur"] = True
                out.append(Finding(str(row["label"]), start, end, str(row["id"]), float(row.get("score", 0.8)),
                                   attrs=attrs))
        return out

    @staticmethod
    def _wallet_findings(text: str, appeals: Sequence[Finding]) -> list[Finding]:
        out = []
        covered: set[int] = set()  # every position inside a wallet already reported (wallets are short)
        for appeal in appeals:
            lo = max(0, appeal.start - WALLET_WINDOW)
            hi = min(len(text), appeal.end + WALLET_WINDOW)
            for kind, pattern in WALLETS:
                for m in pattern.finditer(text, lo, hi):
                    if m.start() in covered:
                        continue
                    covered.update(range(m.start(), m.end()))
                    out.append(Finding("FINANCING", m.start(), m.end(), f"financing.wallet.{kind}", 0.7,
                                       attrs={"wallet_type": kind, "appeal_rule": appeal.rule}))
        return out
