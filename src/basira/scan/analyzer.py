"""Which analyser a scan runs, as a value a worker process can rebuild (``AnalyzerSpec``)."""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from basira.pipeline import Analyzer
from basira.types import Document


def settle_heap() -> None:
    """For a process that goes on to analyse many documents (a scan, its spawned workers, a server): collect,
    then move everything alive (the analyser's lexicons, automata, policy) into the collector's permanent
    generation. Otherwise every full collection walks those objects again: ``basira scan --jobs 1`` of the
    news-ar bench corpus took 5.2-5.5 s of user CPU before, 5.0-5.3 s after (output identical); the bench
    process, which holds two analysers and the corpus, runs 15 % faster with the collector off. Not for a
    library caller's process: it decides about its own heap (see ``settled_heap``)."""
    gc.collect()
    gc.freeze()


@contextmanager
def settled_heap() -> Iterator[None]:
    """``settle_heap`` for the length of a scan, then back: a process that runs several scans (a test suite,
    a notebook) must not keep their analysers in the permanent generation, where cycles are never freed."""
    settle_heap()
    try:
        yield
    finally:
        gc.unfreeze()


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
