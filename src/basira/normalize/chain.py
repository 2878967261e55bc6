"""The normalisation chain: steps applied in order, their maps composed."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from basira.normalize.offsets import OffsetMap
from basira.normalize.steps import NormalizationStep, default_steps
from basira.types import NormalizedText


class Normalizer:
    def __init__(self, steps: Sequence[NormalizationStep]):
        self.steps = tuple(steps)
        self.keys = tuple(step.key for step in self.steps)

    def normalize(self, text: str) -> NormalizedText:
        maps = []
        current = text
        for step in self.steps:
            current, step_map = step.apply(current)
            if step_map.edits:  # identity maps cost nothing to skip
                maps.append(step_map)
        return NormalizedText(text, current, OffsetMap(tuple(maps)), self.keys)

    def normalize_plain(self, text: str) -> str:
        """Normalised text only; for lexicon entries and other data."""
        for step in self.steps:
            text = step.apply(text)[0]
        return text


@lru_cache(maxsize=1)
def default_normalizer() -> Normalizer:
    return Normalizer(default_steps())


def normalize(text: str) -> NormalizedText:
    return default_normalizer().normalize(text)


def normalize_plain(text: str) -> str:
    return default_normalizer().normalize_plain(text)
