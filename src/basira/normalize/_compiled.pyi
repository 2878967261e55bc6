"""Types of the compiled module built from ``_compiled.pyx`` (see there)."""

from array import array

import numpy as np
import numpy.typing as npt

def whitespace_edits(text: str) -> tuple[str, array[int], array[int], array[int], array[int]] | None: ...
def triple_letter_at(text: str, ranges: npt.NDArray[np.uint32]) -> int: ...
def translate(
    text: str,
    kinds: npt.NDArray[np.uint8],
    singles: npt.NDArray[np.uint32],
    expansions: dict[int, str],
    astral: dict[int, tuple[int, int | None]],
) -> tuple[str, array[int], array[int], array[int], array[int]] | tuple[str, None, None, None, None] | None: ...
def script_counts(text: str, limit: int, classes: npt.NDArray[np.uint8]) -> tuple[int, int, int]: ...
