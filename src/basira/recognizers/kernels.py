"""The recognisers' compiled module (``_compiled.pyx``, built by ``make install`` when a C compiler is there;
see setup.py), or None where it is not built: every user of it keeps a Python reference path that gives the
same results, and tests compare the two."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from types import ModuleType
from typing import Any

import numpy as np
import numpy.typing as npt

compiled: ModuleType | None
try:
    import basira.recognizers._compiled as compiled
except ImportError:  # pragma: no cover - depends on the install
    compiled = None

_BMP = 0x10000


def class_table(run: Any) -> tuple[npt.NDArray[np.uint8], Callable[[int], bool]]:
    """For ``run``, a compiled pattern matching runs of one character class (``[^\\W_]+``): the class as the
    kernels read it, a table over the BMP (1: in the class), read off the pattern itself, and a predicate for
    the characters past the BMP (asked of the pattern, remembered)."""
    table = np.zeros(_BMP, dtype=np.uint8)
    for m in run.finditer("".join(map(chr, range(_BMP)))):
        table[m.start() : m.end()] = 1

    @lru_cache(maxsize=4096)
    def astral(code: int) -> bool:
        return run.fullmatch(chr(code)) is not None

    return table, astral
