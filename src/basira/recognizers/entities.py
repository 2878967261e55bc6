"""Designated entities (organisations and leaders) named in the text, with the lists that name them.

Names come from ``data/entities.yaml`` plus any operator CSV / FollowTheMoney files given as
``extra_files``. Arabic names match with the clitic-aware ``name`` profile on normalised text (so
وكتائب القسام، بالقسام، للدولة الإسلامية match, and spaced/dotted letters د.ا.ع.ش too); Latin names
match whole words, short capitalised abbreviations only as written (ISIS, not "Isis").

The recogniser reports every list membership; choosing which jurisdictions count is the policy's job.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from basira.recognizers.base import Finding, Recognizer
from basira.recognizers.entity_sources import (
    BUNDLED_FILE,
    EntityName,
    EntityRecord,
    EntityStore,
)
from basira.recognizers.lexicon import LexiconEntry, LexiconHit, LexiconMatcher, longest_non_overlapping
from basira.recognizers.registry import register
from basira.types import EvidenceKind, NormalizedText

LABEL = "DESIGNATED_ENTITY"
SCORE = 0.9
AMBIGUOUS_SCORE = 0.6
_WORD_BEFORE = re.compile(r"(\w+)(\s+)$")
_WORD_AFTER = re.compile(r"^(\s+)(\w+)")
_HYPHENS = re.compile(r"[-‐‑–]")
_APOSTROPHES = re.compile(r"['’ʼ‘`]")


def latin_variants(term: str) -> list[str]:
    """Spelling variants of a Latin name: hyphen as hyphen/space/nothing, apostrophe as '/’/nothing."""
    hyphen_options = ["-", " ", ""] if _HYPHENS.search(term) else [None]
    apostrophe_options = ["'", "’", ""] if _APOSTROPHES.search(term) else [None]
    variants = []
    for hyphen, apostrophe in itertools.product(hyphen_options, apostrophe_options):
        variant = term
        if hyphen is not None:
            variant = _HYPHENS.sub(hyphen, variant)
        if apostrophe is not None:
            variant = _APOSTROPHES.sub(apostrophe, variant)
        variant = re.sub(r"\s+", " ", variant).strip()
        if variant and variant not in variants:
            variants.append(variant)
    return variants


def _letters(text: str) -> str:
    return "".join(c for c in text if c.isalpha())


def _veto_word(word: str, vetoes: Sequence[str]) -> bool:
    for veto in vetoes:
        if veto.endswith("*"):
            if word.startswith(veto[:-1]):
                return True
        elif word == veto:
            return True
    return False


def neighbour_vetoed(
    text: str, start: int, end: int, veto_prev: Sequence[str] = (), veto_next: Sequence[str] = ()
) -> bool:
    """Whether the word right before ``start`` or right after ``end`` (space-separated) is a veto word."""
    if veto_next:
        after = _WORD_AFTER.match(text[end : end + 40])
        if after and _veto_word(after.group(2), veto_next):
            return True
    if veto_prev:
        before = _WORD_BEFORE.search(text[max(0, start - 40) : start])
        if before and _veto_word(before.group(1), veto_prev):
            return True
    return False


class _EntityIndex:
    """The names of an entity store and their automaton (the expensive part of an ``EntityRecognizer``)."""

    def __init__(self, store: EntityStore):
        self.store = store
        self.records = {r.id: r for r in store.records}
        self.names: dict[str, tuple[EntityRecord, EntityName]] = {}
        entries = []
        for record in store.records:
            for index, name in enumerate(record.names):
                key = f"{record.id}#{index}"
                self.names[key] = (record, name)
                terms = latin_variants(name.term) if name.latin else [name.term]
                for variant_index, term in enumerate(terms):
                    entries.append(
                        LexiconEntry(
                            id=f"{key}~{variant_index}",
                            term=term,
                            label=LABEL,
                            score=AMBIGUOUS_SCORE if name.ambiguous else SCORE,
                            profile="exact" if name.latin else "name",
                            attrs={"name_key": key},
                        )
                    )
        self.matcher = LexiconMatcher(entries)
        # The last document's matches: (document, the matcher that found them, matches).
        self.last: tuple[NormalizedText, LexiconMatcher, tuple[EntityMatch, ...]] | None = None


@lru_cache(maxsize=1)
def _bundled_index() -> _EntityIndex:
    return _EntityIndex(EntityStore.load((), BUNDLED_FILE))


@dataclass(frozen=True, slots=True)
class EntityMatch:
    """An entity name found in the normalised text (clitics included in ``start``/``end``)."""

    record: EntityRecord
    name: EntityName
    start: int
    end: int


@register
class EntityRecognizer(Recognizer):
    name = "entity"
    version = 1
    kind = EvidenceKind.ENTITY
    labels = (LABEL,)

    def __init__(self, extra_files: Sequence[str | Path] = (), data_file: str | Path = BUNDLED_FILE):
        if not extra_files and Path(data_file) == BUNDLED_FILE:
            index = _bundled_index()  # built once per process: every default instance shares it
        else:
            index = _EntityIndex(EntityStore.load(extra_files, data_file))
        self._index = index
        self.store = index.store
        self.records = index.records
        self._names = index.names
        self.matcher = index.matcher
        # (id(record), id(name)) -> (record, name, attrs, explanation); the record and name are kept so
        # their ids stay theirs.
        self._parts: dict[tuple[int, int], tuple[EntityRecord, EntityName, dict[str, Any], str]] = {}

    def lexicon_matchers(self) -> Sequence[LexiconMatcher]:
        return (self.matcher,)

    # ------------------------------------------------------------------ matching

    def matches(self, nt: NormalizedText) -> list[EntityMatch]:
        """Entity names in ``nt`` after the per-name restrictions; the longest wins where they overlap.

        The entity, structure and support recognisers all ask about the same document; the last answer is
        kept (by identity of ``nt``, on the shared index) so the names are looked up once per document.
        """
        last = self._index.last
        if last is not None and last[0] is nt and last[1] is self.matcher:
            return list(last[2])
        text = nt.text
        kept: list[LexiconHit] = [hit for hit in self.matcher.find(text) if self._keep(nt, hit)]
        out = []
        for hit in longest_non_overlapping(kept):
            record, name = self._names[str(hit.entry.attrs["name_key"])]
            out.append(EntityMatch(record, name, hit.start, hit.end))
        self._index.last = (nt, self.matcher, tuple(out))
        return out

    def _keep(self, nt: NormalizedText, hit: LexiconHit) -> bool:
        _, name = self._names[str(hit.entry.attrs["name_key"])]
        text = nt.text
        if name.case_sensitive:
            o_start, o_end = nt.to_original(hit.term_start, hit.term_end)
            if _letters(nt.original[o_start:o_end]) != _letters(hit.entry.term):
                return False
        if name.allow_prefixes is not None:
            prefix = re.sub(r"[\s.·•*_\-]", "", text[hit.start : hit.term_start])
            if prefix not in name.allow_prefixes:
                return False
        if name.allow_suffixes is not None:
            suffix = re.sub(r"[\s.·•*_\-]", "", text[hit.term_end : hit.end])
            if suffix not in name.allow_suffixes:
                return False
        return not neighbour_vetoed(text, hit.start, hit.end, name.veto_prev, name.veto_next)

    # ------------------------------------------------------------------ evidence

    def lists_of(self, record: EntityRecord) -> tuple[list[str], list[str], str | None]:
        """(list names, jurisdictions, inherited-from) — a record without lists inherits its parent's."""
        current: EntityRecord | None = record
        seen = set()
        while current is not None and current.id not in seen:
            seen.add(current.id)
            if current.active_lists:
                via = None if current is record else current.id
                return current.list_names, current.jurisdictions, via
            current = self.records.get(current.parent) if current.parent else None
        return [], [], None

    def attrs_for(self, record: EntityRecord, name: EntityName) -> dict[str, Any]:
        lists, jurisdictions, via = self.lists_of(record)
        attrs: dict[str, Any] = {
            "entity_id": record.id,
            "name": record.name,
            "lists": lists,
            "jurisdictions": jurisdictions,
            "name_form": name.form,
            "entity_kind": record.kind,
            "ambiguous": name.ambiguous,
            "matched_name": name.term,
        }
        if via:
            attrs["lists_via"] = via
        revoked = sorted({m.list for m in record.lists if not m.active})
        if revoked:
            attrs["revoked_lists"] = revoked
        if record.parent:
            attrs["parent"] = record.parent
            parent = self.records.get(record.parent)
            if parent is not None:
                attrs["parent_lists"] = self.lists_of(parent)[0]
        if record.leader_of:
            attrs["leader_of"] = record.leader_of
        return attrs

    def _finding_parts(self, record: EntityRecord, name: EntityName) -> tuple[dict[str, Any], str]:
        """``attrs_for`` and the explanation, computed once per (record, name) of this recogniser's index
        (a post repeating one name asked for the same lists thousands of times); each call gets fresh
        copies of the attributes and their lists."""
        key = (id(record), id(name))
        cached = self._parts.get(key)
        if cached is None or cached[0] is not record or cached[1] is not name:
            attrs = self.attrs_for(record, name)
            listed = ", ".join(attrs["lists"]) or "no active list"
            cached = (record, name, attrs, f"{record.name} ({listed})")
            self._parts[key] = cached
        return {k: list(v) if isinstance(v, list) else v for k, v in cached[2].items()}, cached[3]

    def find(self, nt: NormalizedText) -> Sequence[Finding]:
        findings = []
        for match in self.matches(nt):
            attrs, explanation = self._finding_parts(match.record, match.name)
            findings.append(
                Finding(
                    label=LABEL,
                    start=match.start,
                    end=match.end,
                    rule=f"entity.{match.record.id}",
                    score=AMBIGUOUS_SCORE if match.name.ambiguous else SCORE,
                    attrs=attrs,
                    explanation=explanation,
                )
            )
        return findings




class EntityUser(Recognizer):
    """For recognisers that look names up: the entity recogniser they were given, else the bundled one
    (built on first use, so constructing the recogniser stays cheap)."""

    _entities: EntityRecognizer | None

    @property
    def entities(self) -> EntityRecognizer:
        if self._entities is None:
            self._entities = bundled_entities()
        return self._entities


@lru_cache(maxsize=1)
def bundled_entities() -> EntityRecognizer:
    """One shared recogniser over the bundled data (the support and structure recognisers reuse it)."""
    return EntityRecognizer()
