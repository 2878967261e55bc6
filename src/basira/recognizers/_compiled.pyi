"""Types of the compiled module built from ``_compiled.pyx`` (see there)."""

from collections.abc import Callable, Iterable
from typing import Any

import numpy as np
import numpy.typing as npt

def collect_hits(
    found: Iterable[tuple[int, Any]], text: str, sinks: list[list[Any]], fused: bool, hit: Callable[..., Any]
) -> None: ...

def has_separated_letters(text: str) -> bool: ...
def url_candidate_at(text: str) -> int: ...
def phrase_hits(
    text: str,
    raw: list[Any],
    info: dict[int, tuple[str, Any, Any, int]],
    wanted: Callable[[set[str]], Any] | None,
    vetoed: Callable[[str, Any, Any, Any, int], bool],
    hit: Callable[..., Any],
    slow_hit: Callable[[str, Any, str], Any],
) -> dict[str, list[Any]]: ...
def digit_run_starts(text: str) -> list[int]: ...

class CharClass:
    def __init__(self, table: npt.NDArray[np.uint8], astral: Callable[[int], bool]) -> None: ...
    def spans_before(self, text: str, lo: int, end: int, count: int) -> list[tuple[int, int]]: ...
    def spans_after(self, text: str, start: int, limit: int, count: int) -> list[tuple[int, int]]: ...
    def count_after(self, text: str, start: int, limit: int, count: int) -> int: ...
    def flags_before(
        self, text: str, lo: int, end: int, count: int, near: int, flags: dict[str, int],
        classify: Callable[[str], int], kept: int,
    ) -> tuple[int, int]: ...
    def flags_after(
        self, text: str, start: int, limit: int, count: int, flags: dict[str, int], classify: Callable[[str], int],
        kept: int,
    ) -> int: ...

def vocab_table(
    vocab: dict[str, str], high: int, low: int, radix: int
) -> tuple[npt.NDArray[np.uint32], npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.int64]]: ...
def quran_segments(
    text: str,
    table: tuple[npt.NDArray[np.uint32], npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.int64]],
    pairs: npt.NDArray[np.uint64],
    letter_ranges: npt.NDArray[np.uint32],
    high: int,
    low: int,
    radix: int,
    min_words: int,
) -> tuple[list[tuple[int, str]], int]: ...

class KeyAutomaton:
    n_states: int
    n_classes: int
    n_keys: int
    def __init__(self, keys: list[str]) -> None: ...
    def iter(self, text: str) -> list[tuple[int, int]]: ...
    def scan_collect(
        self, text: str, payloads: list[Any], sinks: list[list[Any]], fused: bool, hit: Callable[..., Any]
    ) -> None: ...
