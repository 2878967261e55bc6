"""Which analyser a scan runs, as a value a worker process can rebuild (``AnalyzerSpec``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from basira.pipeline import Analyzer
from basira.types import Document


def build_analyzer(
    policy: str | None, jurisdiction: str | None, banks: Sequence[str] = (), db: str | None = None,
    model: str | None = "default",
) -> Analyzer:
    """The default analyser: all recognisers, the classifier (``model``: default, a file, or none), known-content
    matching when banks are named, the policy."""
    from basira.stages import default_stages

    return Analyzer(stages=default_stages(policy=policy, jurisdiction=jurisdiction, banks=banks, bank_db=db,
                                          model=model))


@dataclass(frozen=True, slots=True)
class AnalyzerSpec:
    """Everything ``build_analyzer`` needs; pickled to worker processes, which build (or inherit) their own."""

    policy: str | None = None
    jurisdiction: str | None = None
    banks: tuple[str, ...] = ()
    db: str | None = None
    model: str | None = "default"

    def build(self, *, warm: bool = False) -> Analyzer:
        """Build; ``warm`` analyses one short text so that lazily compiled automata are ready before timing."""
        analyzer = build_analyzer(self.policy, self.jurisdiction, self.banks, self.db, self.model)
        if warm:
            analyzer.analyze(Document(id="warm-up", source="basira.scan", text="بصيرة basira", format="text"))
        return analyzer
