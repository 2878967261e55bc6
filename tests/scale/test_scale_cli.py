"""The Dask engine's command line: sizes, usage errors (exit 2) before any cluster starts."""

from __future__ import annotations

from pathlib import Path

import pytest

from basira.scale.cli import EXIT_USAGE, dask_scan, parse_size


@pytest.mark.parametrize(
    ("text", "size"),
    [("1000", 1000), ("64MB", 64_000_000), ("32MiB", 32 << 20), ("1.5 GB", 1_500_000_000), ("10k", 10_000)],
)
def test_parse_size(text: str, size: int) -> None:
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["", "abc", "12 parsecs", "0", "-5MB"])
def test_parse_size_refuses_nonsense(text: str) -> None:
    with pytest.raises(ValueError):
        parse_size(text)


@pytest.mark.parametrize(
    "kwargs",
    [{"output_format": "xml"}, {"partition_size": "lots"}, {"oversize": "squeeze"}, {"workers": 0}],
)
def test_usage_errors_exit_2(tmp_path: Path, kwargs: dict[str, object]) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text('{"text": "مرحبا"}\n', encoding="utf-8")
    assert dask_scan([str(source)], tmp_path / "out", quiet=True, **kwargs) == EXIT_USAGE  # type: ignore[arg-type]


def test_standard_input_is_a_usage_error(tmp_path: Path) -> None:
    assert dask_scan(["-"], tmp_path / "out", quiet=True) == EXIT_USAGE
