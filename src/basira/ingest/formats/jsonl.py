"""JSON Lines: one object per line, read line by line (also gzip- or Zstandard-compressed).

A broken line is reported with its line number and reading goes on with the next one.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import IO, Any

from basira.ingest.documents import emit
from basira.ingest.errors import (
    E_BINARY,
    E_COMPRESSED,
    E_ENCODING,
    E_FIELD,
    E_JSON,
    E_TOO_LARGE,
    human_bytes,
    input_error,
)
from basira.ingest.options import IngestOptions
from basira.ingest.registry import Format, register
from basira.ingest.source import CompressedStreamError, Source, decompressed
from basira.types import Document, InputError

_MISSING = object()
# A JSON string spends at most 12 bytes on a character (an escaped surrogate pair); room for other fields.
MAX_BYTES_PER_CHAR = 12
OTHER_FIELDS_BYTES = 1 << 20
LINE_PIECE_BYTES = 1 << 20


def line_limit(options: IngestOptions) -> int:
    """Longest line kept (longer ones are skipped as ``E_TOO_LARGE``). When oversize texts are refused,
    a line this long would almost surely carry one, so it is not worth holding in memory."""
    if options.oversize == "refuse":
        return min(options.max_file_bytes, options.max_chars * MAX_BYTES_PER_CHAR + OTHER_FIELDS_BYTES)
    return options.max_file_bytes


def field_value(record: Mapping[str, Any], path: str) -> Any:
    """``record[path]``, else the nested value at a dotted path (``"post.body"``), else ``_MISSING``."""
    if path in record:
        return record[path]
    value: Any = record
    for key in path.split("."):
        if not isinstance(value, Mapping) or key not in value:
            return _MISSING
        value = value[key]
    return value


def record_id(value: Any) -> str | None:
    """An id field's value as a string; ``None`` when it is absent or not a string or integer."""
    if isinstance(value, str) and value:
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return None


def json_type(value: Any) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean", type(None): "null"}
    return names.get(type(value), "a number")


def _read_line(stream: IO[bytes], limit: int) -> tuple[bytes | None, str | None]:
    """The next line (``None`` at the end), or why it was skipped: ``"binary"`` (a NUL byte, which JSON
    never contains) or ``"too large"``. A skipped line is consumed without being kept in memory."""
    pieces: list[bytes] = []
    size = 0
    problem: str | None = None
    while piece := stream.readline(LINE_PIECE_BYTES):
        if problem is None:
            if b"\x00" in piece:
                problem, pieces = "binary", []
            elif size + len(piece) > limit:
                problem, pieces = "too large", []
            else:
                pieces.append(piece)
                size += len(piece)
        if piece.endswith(b"\n"):
            break
    if problem is not None:
        return None, problem
    return (b"".join(pieces) if pieces else None), None


@register
class JsonLinesFormat(Format):
    name = "jsonl"
    extensions = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz", ".jsonl.zst", ".ndjson.zst")
    streaming = True

    def read(self, source: Source, options: IngestOptions) -> Iterator[Document | InputError]:
        with source.open() as raw:
            stream, _ = decompressed(raw)
            yield from self._lines(stream, source, options)

    def _lines(self, stream: IO[bytes], source: Source, options: IngestOptions) -> Iterator[Document | InputError]:
        limit = line_limit(options)
        number = 0
        while True:
            number += 1
            locator = f"line {number}"
            try:
                line, problem = _read_line(stream, limit)
            except CompressedStreamError as error:
                yield input_error(E_COMPRESSED, source.name, locator, reason=str(error))
                return
            if problem == "binary":
                yield input_error(E_BINARY, source.name, locator)
                if number == 1:
                    return  # not JSON Lines at all: one error for the file, not one per line
                continue
            if problem == "too large":
                yield input_error(
                    E_TOO_LARGE,
                    source.name,
                    locator,
                    size=f"a line of more than {human_bytes(limit)}",
                    limit=human_bytes(limit),
                    action="line skipped",
                )
                continue
            if line is None:
                return
            if line.strip():
                yield from self._record(line, number, locator, source, options)

    def _record(
        self, line: bytes, number: int, locator: str, source: Source, options: IngestOptions
    ) -> Iterator[Document | InputError]:
        try:
            decoded = line.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as error:
            yield input_error(
                E_ENCODING, source.name, locator, reason=f"not UTF-8 at byte {error.start + 1} of the line"
            )
            return
        try:
            record = json.loads(decoded)
        except json.JSONDecodeError as error:
            # some messages end in "at" ("Unterminated string starting at"): no "at at column"
            reason = f"{error.msg.removesuffix(' at')} at column {error.colno}"
            yield input_error(E_JSON, source.name, locator, reason=reason)
            return
        except RecursionError:
            yield input_error(E_JSON, source.name, locator, reason="nested too deeply")
            return
        if not isinstance(record, dict):
            yield input_error(E_JSON, source.name, locator, reason=f"expected an object, got {json_type(record)}")
            return
        text = field_value(record, options.text_field)
        if text is _MISSING:
            yield input_error(E_FIELD, source.name, locator, field=options.text_field, problem="is missing")
            return
        if not isinstance(text, str):
            yield input_error(
                E_FIELD,
                source.name,
                locator,
                field=options.text_field,
                problem=f"is {json_type(text)}, not a string",
            )
            return
        doc_id = record_id(field_value(record, options.id_field)) if options.id_field else None
        yield from emit(
            [text],
            options=options,
            doc_id=doc_id or f"{source.basename}:{locator}",
            source=source.name,
            fmt=self.name,
            locator=locator,
        )
