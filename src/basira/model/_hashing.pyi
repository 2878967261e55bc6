"""Types of the compiled module built from ``_hashing.pyx`` (see there)."""

import numpy as np
import numpy.typing as npt

def indices(
    codes: npt.NDArray[np.uint32],
    is_space_table: npt.NDArray[np.uint8],
    is_word_table: npt.NDArray[np.uint8],
    char_min: int,
    char_max: int,
    word_max: int,
    mask: int,
) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.int32]]: ...
