"""Positive stance toward a designated entity or its leaders (label SUPPORT).

Three kinds of cue, all data (``data/support.yaml``):

* supporters' slogans and self-names ("باقية وتتمدد", "جنود الخلافة") fire alone;
* honorifics ("حفظه الله", "نصره الله") only right after a designated entity or leader name in the same
  sentence; "تقبله الله" also after a fighter/operation word (منفذ، الاستشهادي، الانغماسي، المجاهد);
  after an ordinary name they are ordinary piety and never fire;
* titles ("أمير المؤمنين", "الشيخ المجاهد") only with a designated name close by in the same sentence.

Entity names come from the entity recogniser (one shared instance; no data is duplicated here). The
evidence records which entity the stance refers to (``entity_id``) when one is in the sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from basira.normalize import normalize_plain
from basira.recognizers.base import Finding
from basira.recognizers.entities import EntityMatch, EntityRecognizer, EntityUser, neighbour_vetoed
from basira.recognizers.lexicon import LexiconHit, LexiconMatcher, longest_non_overlapping, read_lexicon_file
from basira.recognizers.registry import register
from basira.recognizers.structure import sentence_bounds
from basira.types import EvidenceKind, NormalizedText

DATA = Path(__file__).parent / "data" / "support.yaml"
LABEL = "SUPPORT"
FIGHTER = "FIGHTER_CONTEXT"
HONORIFIC_GAP_WORDS = 3  # words allowed between a name and its honorific, all nisbas ("الحسيني القرشي")
NISBA = re.compile(r"^ال\w+ي$")
FIGHTER_GAP_WORDS = 8
TITLE_GAP_WORDS = 6
_WORD = re.compile(r"\w+")


def _words_between(text: str, start: int, end: int) -> int:
    return len(_WORD.findall(text[start:end])) if end > start else 0


def _attached(text: str, name_end: int, cue_start: int) -> bool:
    """An honorific belongs to the name right before it: only nisbas, brackets or dashes may come between."""
    gap = text[name_end:cue_start]
    words = _WORD.findall(gap)
    if len(words) > HONORIFIC_GAP_WORDS or re.search(r"[^\w\s()\[\]«»\"\-–—،,]", gap):
        return False
    return all(NISBA.match(word) for word in words)


@dataclass(frozen=True, slots=True)
class _Starts:
    """The starts of a document's names and fighter words, in order (computed once per document)."""

    names: list[int]
    fighters: list[int]


@register
class SupportRecognizer(EntityUser):
    name = "support"
    version = 1
    kind = EvidenceKind.SIGNAL
    labels = (LABEL,)

    def __init__(self, entities: EntityRecognizer | None = None, data_file: Path = DATA):
        self._entities = entities
        self.data_file = data_file

    @cached_property
    def matcher(self) -> LexiconMatcher:
        return LexiconMatcher(read_lexicon_file(self.data_file))

    def lexicon_matchers(self) -> Sequence[LexiconMatcher]:
        return (self.matcher, self.entities.matcher)

    def find(self, nt: NormalizedText) -> Sequence[Finding]:
        hits = self.matcher.find(nt.text)
        cues = [h for h in hits if h.entry.label == LABEL and not self._vetoed(nt.text, h)]
        if not cues:
            return []
        fighters = [h for h in hits if h.entry.label == FIGHTER]
        entity_matches = self.entities.matches(nt)
        starts = _Starts([m.start for m in entity_matches], [f.start for f in fighters])
        findings = []
        for cue in longest_non_overlapping(cues):
            finding = self._finding(nt, cue, entity_matches, fighters, starts)
            if finding is not None:
                findings.append(finding)
        return findings

    @staticmethod
    def _vetoed(text: str, hit: LexiconHit) -> bool:
        attrs = hit.entry.attrs
        veto_prev = tuple(normalize_plain(w) for w in attrs.get("veto_prev", ()))
        veto_next = tuple(normalize_plain(w) for w in attrs.get("veto_next", ()))
        return neighbour_vetoed(text, hit.start, hit.end, veto_prev, veto_next)

    def _finding(
        self,
        nt: NormalizedText,
        cue: LexiconHit,
        entity_matches: Sequence[EntityMatch],
        fighters: Sequence[LexiconHit],
        starts: _Starts | None = None,
    ) -> Finding | None:
        text = nt.text
        attrs = cue.entry.attrs
        requires = str(attrs.get("requires", "none"))
        s_start, s_end = sentence_bounds(nt, cue.start, cue.end)
        if starts is None:
            starts = _Starts([m.start for m in entity_matches], [f.start for f in fighters])
        # Names and fighter words are sorted by start: only those starting inside the sentence can be in it.
        in_sentence = [
            m for m in entity_matches[bisect_left(starts.names, s_start) : bisect_right(starts.names, s_end)]
            if m.start >= s_start and m.end <= s_end
        ]
        before = [m for m in in_sentence if m.end <= cue.start and _attached(text, m.end, cue.start)]
        target: EntityMatch | None = None
        context: str | None = None
        if requires == "none":  # a slogan tied to one group keeps it; others take the nearest name
            if not attrs.get("entity_id"):
                target = min(in_sentence, key=lambda m: abs(m.start - cue.start), default=None)
        elif requires in ("entity_before", "entity_or_fighter"):
            target = max(before, key=lambda m: m.end, default=None)
            if target is None and requires == "entity_or_fighter":
                lo, hi = bisect_left(starts.fighters, s_start), bisect_right(starts.fighters, cue.start)
                near = [
                    f for f in fighters[lo:hi]
                    if s_start <= f.start and f.end <= cue.start
                    and _words_between(text, f.end, cue.start) <= FIGHTER_GAP_WORDS
                ]
                if not near:
                    return None
                context = text[near[-1].start : near[-1].end]
                target = max((m for m in in_sentence if m.end <= cue.start), key=lambda m: m.end, default=None)
            elif target is None:
                return None
        elif requires == "entity_near":
            near_entities = [
                m for m in in_sentence
                if _words_between(text, m.end, cue.start) <= TITLE_GAP_WORDS
                and _words_between(text, cue.end, m.start) <= TITLE_GAP_WORDS
            ]
            if not near_entities:
                return None
            target = min(near_entities, key=lambda m: abs(m.start - cue.start))
        else:
            return None
        out: dict[str, Any] = {"type": str(attrs.get("type", "slogan")), "requires": requires}
        if target is not None:
            out["entity_id"] = target.record.id
            out["entity_name"] = target.record.name
        elif attrs.get("entity_id"):
            out["entity_id"] = str(attrs["entity_id"])
        if context:
            out["fighter_context"] = context
        rule = str(attrs.get("rule", cue.entry.id))
        return Finding(
            label=LABEL,
            start=cue.start,
            end=cue.end,
            rule=rule,
            score=cue.entry.score,
            attrs=out,
            explanation=f"{out['type']} toward {out.get('entity_id', 'a group')}",
        )
