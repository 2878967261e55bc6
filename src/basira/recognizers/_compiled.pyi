"""Types of the compiled module built from ``_compiled.pyx`` (see there)."""

import numpy as np
import numpy.typing as npt

def quran_segments(
    text: str,
    vocab: dict[str, str],
    pairs: npt.NDArray[np.uint64],
    letter_ranges: npt.NDArray[np.uint32],
    high: int,
    low: int,
    radix: int,
    min_words: int,
) -> tuple[list[tuple[int, str]], int]: ...
