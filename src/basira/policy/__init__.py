"""Policy engine: evidence → per-category decisions, exemptions, thresholds, statements of reasons."""

from basira.policy.engine import PolicyEngine, PolicyStage
from basira.policy.loader import DEFAULT_POLICY, bundled_policies, load_policy
from basira.policy.model import Policy

__all__ = ["DEFAULT_POLICY", "Policy", "PolicyEngine", "PolicyStage", "bundled_policies", "load_policy"]
