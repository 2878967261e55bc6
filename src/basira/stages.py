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
    """Known-content matching first (when banks are named), then the policy engine (which reads matches)."""
    stages: list[Stage] = []
    if banks:
        from basira.match import build_match_stage
        from basira.store import DEFAULT_URL

        stages.append(build_match_stage(bank_db or DEFAULT_URL, list(banks)))
    stages.append(PolicyStage(PolicyEngine(load_policy(policy), jurisdiction)))
    return stages
