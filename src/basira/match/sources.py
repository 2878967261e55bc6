"""Getting texts back for scan results: a scan's JSON Lines hold hashes and spans, not documents, so
``bank add`` and ``cluster`` re-read the original inputs (or the store, when it kept the text) and pair
them with scan records by the document's sha256 — a changed or missing input is reported, never guessed.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from basira.output import SCHEMA
from basira.types import Document, InputError

_CONTROL_OK = {"\n", "\t"}


def is_scan_jsonl(path: str) -> bool:
    """True when ``path`` is a JSON Lines file whose first record is a ``basira.scan/1`` result."""
    if path == "-" or not path.endswith(".jsonl"):
        return False
    try:
        with open(path, encoding="utf-8") as stream:
            for line in stream:
                if line.strip():
                    record = json.loads(line)
                    return isinstance(record, dict) and record.get("schema") == SCHEMA
    except (OSError, ValueError, UnicodeDecodeError):
        return False
    return False


def read_scan_records(path: str) -> Iterator[dict[str, Any]]:
    """The records of a scan JSONL file (blank lines skipped; a malformed line raises ``ValueError``)."""
    with open(path, encoding="utf-8") as stream:
        for number, line in enumerate(stream, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path} line {number}: not JSON ({exc.msg})") from None
            if not isinstance(record, dict) or record.get("schema") != SCHEMA:
                raise ValueError(f"{path} line {number}: not a {SCHEMA} record")
            yield record


def flagged_category(record: dict[str, Any]) -> str | None:
    """The strongest category a scan record flags (outcome other than not_violating), if any."""
    flagged = [c for c in record.get("categories") or [] if c.get("outcome") not in (None, "not_violating")]
    if not flagged:
        return None
    return str(max(flagged, key=lambda c: float(c.get("score") or 0.0))["id"])


def texts_from_inputs(
    paths: Sequence[str], wanted: set[str] | None = None, *, text_field: str = "text", id_field: str = "id",
    on_skip: Callable[[str, str], None] | None = None,
) -> tuple[dict[str, Document], list[InputError]]:
    """Read ``paths`` with basira's ingest; documents by sha256 (only ``wanted`` ones when given). ``on_skip``
    hears of every directory entry that is not read (``iter_inputs``)."""
    from basira.ingest import IngestOptions, iter_inputs

    found: dict[str, Document] = {}
    errors: list[InputError] = []
    options = IngestOptions(text_field=text_field, id_field=id_field)
    for item in iter_inputs(list(paths), options, on_skip=on_skip):
        if isinstance(item, InputError):
            errors.append(item)
        elif (wanted is None or item.sha256 in wanted) and item.sha256 not in found:
            found[item.sha256] = item
    return found, errors


def record_sources(records: Iterable[dict[str, Any]]) -> list[str]:
    """The distinct existing input files named by scan records, in first-seen order."""
    seen: dict[str, None] = {}
    for record in records:
        source = (record.get("document") or {}).get("source")
        if source and source != "-" and Path(source).exists():
            seen.setdefault(str(source), None)
    return list(seen)


def safe_display(text: str, limit: int | None = None) -> str:
    """Content is hostile: control characters (terminal escapes) become visible escapes; optional cut."""
    out = "".join(
        c if c in _CONTROL_OK or unicodedata.category(c) != "Cc" else f"\\x{ord(c):02x}" for c in text
    )
    if limit is not None and len(out) > limit:
        out = out[: limit - 1] + "…"
    return out
