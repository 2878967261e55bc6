"""Reading one shard into ``Document``s and ``InputError``s, exactly as ``basira scan`` would read it.

A byte range of a JSON Lines file goes through the ingest JSON Lines format record by record, with the
file's real line numbers, so ids, locators and errors are the ones a single-process scan produces.
Parquet rows go through the ingest ``emit`` (emptiness, size limit, splitting). Whole files go through
``basira.ingest.iter_inputs``. A reader never raises for bad content; ``progress`` reports bytes read.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

from basira.ingest import IngestOptions, iter_inputs
from basira.ingest.documents import emit
from basira.ingest.errors import E_EMPTY, E_FIELD, E_READ, E_TOO_LARGE, human_bytes, input_error
from basira.ingest.formats.jsonl import JsonLinesFormat, line_limit, record_id
from basira.ingest.source import file_source
from basira.scale.shards import KIND_FILES, KIND_JSONL, KIND_PARQUET, Shard
from basira.types import Document, InputError

PARQUET_BATCH_ROWS = 1024


class ShardReader:
    """Iterate a shard's items; ``position`` is how many of the shard's ``weight`` bytes are done."""

    def __init__(self, shard: Shard, options: IngestOptions):
        self.shard = shard
        self.options = options
        self.position = 0

    def __iter__(self) -> Iterator[Document | InputError]:
        shard = self.shard
        source = shard.files[0].path if shard.files else "?"
        try:
            if shard.kind == KIND_JSONL:
                yield from self._jsonl()
            elif shard.kind == KIND_PARQUET:
                yield from self._parquet()
            elif shard.kind == KIND_FILES:
                yield from self._files()
            else:
                raise ValueError(f"unknown shard kind {shard.kind!r}")
        except Exception as error:  # an unreadable input is an error line, never a failed shard
            yield input_error(E_READ, source, reason=f"{type(error).__name__}: {error}")
        self.position = shard.weight

    def _jsonl(self) -> Iterator[Document | InputError]:
        shard, options = self.shard, self.options
        path = shard.files[0].path
        source = file_source(path, path, shard.files[0].size)
        fmt = JsonLinesFormat()
        limit = line_limit(options)
        number = shard.first - 1
        with open(path, "rb") as stream:
            stream.seek(shard.start)
            pos = shard.start
            while pos < shard.end:
                line = stream.readline(min(limit + 1, shard.end - pos))
                if not line:
                    break
                pos += len(line)
                if len(line) > limit and not line.endswith(b"\n"):
                    while pos < shard.end and (rest := stream.readline(min(1 << 20, shard.end - pos))):
                        pos += len(rest)
                        if rest.endswith(b"\n"):
                            break
                self.position = pos - shard.start
                number += 1
                locator = f"line {number}"
                if len(line) > limit:
                    yield input_error(
                        E_TOO_LARGE, path, locator, size=f"a line of more than {human_bytes(limit)}",
                        limit=human_bytes(limit), action="skipped",
                    )
                    continue
                if line.strip():
                    yield from fmt._record(line, number, locator, source, options)

    def _parquet(self) -> Iterator[Document | InputError]:
        import pyarrow.parquet as pq

        shard, options = self.shard, self.options
        path = shard.files[0].path
        basename = os.path.basename(path)
        parquet = pq.ParquetFile(path)
        names = set(parquet.schema_arrow.names)
        if options.text_field not in names:
            yield input_error(
                E_FIELD, path, field=options.text_field,
                problem=f"is not a column (columns: {', '.join(sorted(names)) or 'none'})",
            )
            return
        columns = [options.text_field]
        if options.id_field and options.id_field in names and options.id_field != options.text_field:
            columns.append(options.id_field)
        groups = list(range(shard.start, shard.end))
        if shard.start == 0 and parquet.metadata.num_rows == 0:
            yield input_error(E_EMPTY, path, reason="no parquet rows found")
            return
        total_rows = sum(parquet.metadata.row_group(g).num_rows for g in groups) or 1
        row = shard.first
        for batch in parquet.iter_batches(batch_size=PARQUET_BATCH_ROWS, row_groups=groups, columns=columns):
            data: dict[str, list[Any]] = batch.to_pydict()
            texts = data[options.text_field]
            ids = data.get(options.id_field or "", [None] * len(texts))
            for text, raw_id in zip(texts, ids, strict=True):
                row += 1
                locator = f"row {row}"
                if not isinstance(text, str):
                    problem = "is null" if text is None else f"is {type(text).__name__}, not a string"
                    yield input_error(E_FIELD, path, locator, field=options.text_field, problem=problem)
                    continue
                yield from emit(
                    [text], options=options, doc_id=record_id(raw_id) or f"{basename}:{locator}",
                    source=path, fmt="parquet", locator=locator,
                )
            self.position = int(shard.weight * (row - shard.first) / total_rows)

    def _files(self) -> Iterator[Document | InputError]:
        for fp in self.shard.files:
            yield from iter_inputs([fp.path], self.options)
            self.position += max(0, fp.size)
