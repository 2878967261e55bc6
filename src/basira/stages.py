"""The stages after evidence, assembled from what is installed and configured."""

from __future__ import annotations

from basira.pipeline import Stage


def default_stages(policy: str | None = None, jurisdiction: str | None = None) -> list[Stage]:
    """Known-content matching and the policy engine join here as they are built."""
    return []
