"""Gold items: any JSON Lines with ``text`` and ``label``; the other fields are optional."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

LABELS = ("violating", "not_violating")


@dataclass(frozen=True, slots=True)
class GoldSpan:
    start: int
    end: int
    label: str


@dataclass(frozen=True, slots=True)
class GoldItem:
    id: str
    text: str
    label: str
    categories: tuple[str, ...] = ()
    spans: tuple[GoldSpan, ...] = ()
    kind: str | None = None
    dialect: str | None = None
    note: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def positive(self) -> bool:
        return self.label == "violating"


class GoldError(ValueError):
    """A gold file that cannot be evaluated; the message names the file and line."""


def _item(row: dict[str, Any], where: str, index: int) -> GoldItem:
    if row.get("label") == "benign":  # labelled real posts say "benign" for not violating
        row = {**row, "label": "not_violating", "kind": row.get("kind") or row.get("category")}
    if not isinstance(row.get("text"), str) or row.get("label") not in LABELS:
        raise GoldError(f"{where}: needs a string 'text' and 'label' in {LABELS} (or 'benign')")
    text = row["text"]
    spans = []
    for span in row.get("spans") or ():
        start, end = int(span["start"]), int(span["end"])
        if not 0 <= start < end <= len(text):
            raise GoldError(f"{where}: span {start}-{end} outside the text")
        spans.append(GoldSpan(start, end, str(span.get("label", ""))))
    known = {"id", "text", "label", "categories", "spans", "kind", "dialect", "note"}
    return GoldItem(
        id=str(row.get("id") or f"item{index}"),
        text=text,
        label=row["label"],
        categories=tuple(row.get("categories") or ()),
        spans=tuple(spans),
        kind=row.get("kind"),
        dialect=row.get("dialect"),
        note=row.get("note"),
        extra={k: v for k, v in row.items() if k not in known},
    )


def load_gold(paths: Iterable[str | Path]) -> list[GoldItem]:
    items: list[GoldItem] = []
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            for line_no, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                where = f"{path}:{line_no}"
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise GoldError(f"{where}: not JSON ({exc.msg})") from None
                if not isinstance(row, dict):
                    raise GoldError(f"{where}: not a JSON object")
                items.append(_item(row, where, len(items)))
    if not items:
        raise GoldError("no gold items in " + ", ".join(str(p) for p in paths))
    return items


def gold_sha256(paths: Iterable[str | Path]) -> str:
    """A hash over the gold files' bytes, in the order given: floors are pinned to it."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(Path(path).read_bytes())
    return digest.hexdigest()
