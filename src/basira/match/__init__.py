"""Known-content matching: signal types, banks of known content, the match stage, version clusters.

Public API::

    from basira.match import MatchStage, build_match_stage, compute_signals, get_signal_type

Names are loaded on first use, so importing a light submodule (``basira.match.banks``) stays light.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from basira._lazy import lazy_getattr

if TYPE_CHECKING:
    from basira.match.banks import (
        AddResult,
        Bank,
        BankEntry,
        BankSource,
        EntryLabels,
        MemoryBanks,
        NewEntry,
        compute_signals,
    )
    from basira.match.cluster import Cluster, cluster_texts, split_sentences, version_diff
    from basira.match.signals import ExampleCase, IndexHit, SignalType, Similarity, get_signal_type, signal_types
    from basira.match.stage import MatchStage, build_match_stage

_LAZY = {
    **dict.fromkeys(
        ["AddResult", "Bank", "BankEntry", "BankSource", "EntryLabels", "MemoryBanks", "NewEntry", "compute_signals"],
        "basira.match.banks",
    ),
    **dict.fromkeys(["Cluster", "cluster_texts", "split_sentences", "version_diff"], "basira.match.cluster"),
    **dict.fromkeys(
        ["ExampleCase", "IndexHit", "SignalType", "Similarity", "get_signal_type", "signal_types"],
        "basira.match.signals",
    ),
    **dict.fromkeys(["MatchStage", "build_match_stage"], "basira.match.stage"),
}

__all__ = [
    "AddResult",
    "Bank",
    "BankEntry",
    "BankSource",
    "Cluster",
    "EntryLabels",
    "ExampleCase",
    "IndexHit",
    "MatchStage",
    "MemoryBanks",
    "NewEntry",
    "SignalType",
    "Similarity",
    "build_match_stage",
    "cluster_texts",
    "compute_signals",
    "get_signal_type",
    "signal_types",
    "split_sentences",
    "version_diff",
]


__getattr__ = lazy_getattr(__name__, _LAZY, globals())
