"""A recogniser driven entirely by YAML lexicon files: subclass, point at the data, done."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import ClassVar

from basira.recognizers.base import Finding, Recognizer
from basira.recognizers.lexicon import LexiconHit, LexiconMatcher, longest_non_overlapping, read_lexicon_file
from basira.types import NormalizedText

DATA_DIR = Path(__file__).parent / "data"


class LexiconRecognizer(Recognizer):
    """Matches the entries of ``data_files`` (relative to recognizers/data) with clitics.

    Override ``finding_for`` to add attributes (targets, entities) or to veto a hit.
    """

    data_files: ClassVar[tuple[str, ...]]
    keep_overlaps: ClassVar[bool] = False

    @cached_property
    def matcher(self) -> LexiconMatcher:
        entries = [e for name in self.data_files for e in read_lexicon_file(DATA_DIR / name)]
        return LexiconMatcher(entries)

    def lexicon_matchers(self) -> Sequence[LexiconMatcher]:
        return (self.matcher,)

    def find(self, nt: NormalizedText) -> Sequence[Finding]:
        hits = self.matcher.find(nt.text)
        if not self.keep_overlaps:
            hits = longest_non_overlapping(hits)
        findings = []
        for hit in hits:
            finding = self.finding_for(nt, hit)
            if finding is not None:
                findings.append(finding)
        return findings

    def finding_for(self, nt: NormalizedText, hit: LexiconHit) -> Finding | None:
        entry = hit.entry
        attrs = {k: v for k, v in entry.attrs.items() if k != "rule"}
        return Finding(
            label=entry.label,
            start=hit.start,
            end=hit.end,
            rule=str(entry.attrs.get("rule", entry.id)),
            score=entry.score,
            attrs=attrs,
        )
