"""Types of the compiled module built from ``_compiled.pyx`` (see there)."""

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

def space_logit(
    index: npt.NDArray[np.int32],
    slots: npt.NDArray[np.uint16] | npt.NDArray[np.uint32],
    rows: npt.NDArray[np.float32],
    scratch: npt.NDArray[np.int32],
) -> float: ...

def script_counts(text: str) -> tuple[int, int]: ...
