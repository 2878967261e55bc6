"""Arabic-first normalisation that never loses the way back to the original text."""

from basira.normalize.chain import Normalizer, default_normalizer, normalize, normalize_plain
from basira.normalize.offsets import OffsetMap, StepMap

__all__ = ["Normalizer", "OffsetMap", "StepMap", "default_normalizer", "normalize", "normalize_plain"]
