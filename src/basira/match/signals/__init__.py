"""Signal types: how text becomes a storable, comparable, text-free signal."""

from basira.match.signals.base import ExampleCase, IndexHit, SignalIndex, SignalType, Similarity
from basira.match.signals.registry import get_signal_type, register, signal_types

__all__ = [
    "ExampleCase",
    "IndexHit",
    "SignalIndex",
    "SignalType",
    "Similarity",
    "get_signal_type",
    "register",
    "signal_types",
]
