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
) -> list[Stage]:
    """Locating evidence on its page or image first, then known-content matching (when banks are named),
    then the policy engine (which reads matches)."""
    from basira.ingest.where import LocateStage

    stages: list[Stage] = [LocateStage()]  # pages and OCR boxes in evidence attrs, before anything reads them
    if banks:
        from basira.match import build_match_stage
        from basira.store import DEFAULT_URL

        stages.append(build_match_stage(bank_db or DEFAULT_URL, list(banks)))
    stages.append(PolicyStage(PolicyEngine(load_policy(policy), jurisdiction)))
    return stages
