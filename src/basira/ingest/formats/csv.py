"""CSV and TSV: a header row, then one document per data row (``record N``, counted from 1)."""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterator

from basira.ingest.decode import DecodeProblem, detect
from basira.ingest.documents import emit
from basira.ingest.errors import E_CSV, E_FIELD, input_error
from basira.ingest.formats.jsonl import record_id
from basira.ingest.options import IngestOptions
from basira.ingest.registry import Format, register
from basira.ingest.source import Source
from basira.types import Document, InputError

C_LONG_MAX = min(sys.maxsize, 2**31 - 1)  # csv.field_size_limit takes a C long (32 bits on Windows)


@register
class CsvFormat(Format):
    name = "csv"
    extensions = (".csv", ".tsv")

    def read(self, source: Source, options: IngestOptions) -> Iterator[Document | InputError]:
        # The csv module refuses fields over 128 KiB by default; long posts are normal here. The limit is
        # process-wide, so it is only ever raised.
        wanted = min(C_LONG_MAX, options.max_file_bytes)
        if csv.field_size_limit() < wanted:
            csv.field_size_limit(wanted)
        delimiter = "\t" if source.name.lower().endswith(".tsv") else ","
        with source.open() as stream:
            try:
                encoding = detect(stream)
            except DecodeProblem as problem:
                yield input_error(problem.template, source.name, **problem.fields)
                return
            stream.seek(0)
            text_stream = io.TextIOWrapper(stream, encoding=encoding.codec, newline="")
            rows = csv.reader(text_stream, delimiter=delimiter)
            try:
                header = [name.strip() for name in next(rows)]
            except (csv.Error, StopIteration) as error:
                yield input_error(E_CSV, source.name, reason=f"no readable header row: {error}")
                return
            if options.text_field not in header:
                yield input_error(
                    E_FIELD,
                    source.name,
                    field=options.text_field,
                    problem=f"is not a column (columns: {', '.join(header) or 'none'})",
                )
                return
            text_column = header.index(options.text_field)
            id_column = header.index(options.id_field) if options.id_field in header else None
            number = 0
            while True:
                try:
                    row = next(rows)
                except StopIteration:
                    return
                except csv.Error as error:
                    number += 1
                    yield input_error(E_CSV, source.name, f"record {number}", reason=str(error))
                    continue
                if not row or row == [""]:
                    continue  # blank line
                number += 1
                locator = f"record {number}"
                if len(row) <= text_column:
                    yield input_error(
                        E_FIELD, source.name, locator, field=options.text_field, problem="is missing"
                    )
                    continue
                doc_id = record_id(row[id_column]) if id_column is not None and id_column < len(row) else None
                yield from emit(
                    [row[text_column]],
                    options=options,
                    doc_id=doc_id or f"{source.basename}:{locator}",
                    source=source.name,
                    fmt=self.name,
                    locator=locator,
                    metadata={"encoding": encoding.label},
                )
