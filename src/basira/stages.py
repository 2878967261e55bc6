"""The stages after evidence, assembled from what is configured."""

from __future__ import annotations

from collections.abc import Sequence

from basira.pipeline import Stage
from basira.policy import PolicyEngine, PolicyStage, load_policy


def default_stages(
    policy: str | None = None,
    jurisdiction: str | None = None,
    banks: Sequence[str] = (),
    bank_db: str | None = None,
    model: str | None = "default",
) -> list[Stage]:
    """The trained classifier first (``model``: ``default``, a model file, or ``none``), then locating
    evidence on its page or image, then known-content matching (when banks are named), then the policy
    engine (which reads the classifier's evidence and the matches)."""
    from basira.ingest.where import LocateStage
    from basira.model.stage import build_model_stage

    stages: list[Stage] = []
    model_stage = build_model_stage(model)
    if model_stage is not None:
        stages.append(model_stage)
    stages.append(LocateStage())  # pages and OCR boxes in evidence attrs, before anything reads them
    if banks:
        from basira.match import build_match_stage
        from basira.store import DEFAULT_URL

        stages.append(build_match_stage(bank_db or DEFAULT_URL, list(banks)))
    stages.append(PolicyStage(PolicyEngine(load_policy(policy), jurisdiction)))
    return stages
