"""The normalisation chain: steps applied in order, their maps composed."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from basira.normalize.offsets import OffsetMap
from basira.normalize.steps import NormalizationStep, TranslateStep, default_steps
from basira.types import NormalizedText


def fuse_translations(steps: Sequence[NormalizationStep]) -> list[NormalizationStep]:
    """Merge runs of consecutive character-for-character steps into one table.

    Every ``TranslateStep`` is character-local, so applying them in turn to a text equals applying, to each
    character, the composition of the steps. One fused table costs two passes over the text instead of two
    per step; the keys of the original steps are still what a result records.
    """
    fused: list[NormalizationStep] = []
    run: list[TranslateStep] = []

    def flush() -> None:
        if len(run) == 1:
            fused.append(run[0])
        elif run:
            domain = {c for step in run for c in step.table}
            table = {}
            for char in domain:
                out = char
                for step in run:
                    out = step.apply_plain(out)
                if out != char:
                    table[char] = out
            fused.append(TranslateStep("+".join(step.name for step in run), table))
        run.clear()

    for step in steps:
        if isinstance(step, TranslateStep):
            run.append(step)
        else:
            flush()
            fused.append(step)
    flush()
    return fused


class Normalizer:
    def __init__(self, steps: Sequence[NormalizationStep]):
        self.keys = tuple(step.key for step in steps)
        self.steps = tuple(fuse_translations(steps))

    def normalize(self, text: str) -> NormalizedText:
        maps = []
        current = text
        for step in self.steps:
            current, step_map = step.apply(current)
            if step_map.edit_count:  # identity maps cost nothing to skip
                maps.append(step_map)
        return NormalizedText(text, current, OffsetMap(tuple(maps)), self.keys)

    def normalize_plain(self, text: str) -> str:
        """Normalised text only; for lexicon entries and other data."""
        for step in self.steps:
            text = step.apply_plain(text)
        return text


@lru_cache(maxsize=1)
def default_normalizer() -> Normalizer:
    return Normalizer(default_steps())


def normalize(text: str) -> NormalizedText:
    return default_normalizer().normalize(text)


def normalize_plain(text: str) -> str:
    return default_normalizer().normalize_plain(text)
