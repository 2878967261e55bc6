"""The stages after evidence, assembled from what is configured."""

from __future__ import annotations

from basira.pipeline import Stage
from basira.policy import PolicyEngine, PolicyStage, load_policy


def default_stages(policy: str | None = None, jurisdiction: str | None = None) -> list[Stage]:
    """Known-content matching first (when banks are named), then the policy engine."""
    return [PolicyStage(PolicyEngine(load_policy(policy), jurisdiction))]
