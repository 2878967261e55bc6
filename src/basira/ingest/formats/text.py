"""Plain text: one file, one document (or parts of it). Also the format of files with unknown extensions."""

from __future__ import annotations

from collections.abc import Iterator

from basira.ingest.decode import DecodeProblem, detect, iter_decoded
from basira.ingest.documents import emit
from basira.ingest.errors import E_TOO_LARGE, human_bytes, input_error
from basira.ingest.options import IngestOptions
from basira.ingest.registry import Format, register
from basira.ingest.source import Source
from basira.types import Document, InputError

# No supported encoding spends more than 4 bytes on a character (a BOM adds at most 4 more).
MAX_BYTES_PER_CHAR = 4


@register
class TextFormat(Format):
    name = "text"
    extensions = (".txt", ".text")

    def read(self, source: Source, options: IngestOptions) -> Iterator[Document | InputError]:
        if (
            options.oversize == "refuse"
            and source.size is not None
            and (source.size - MAX_BYTES_PER_CHAR) // MAX_BYTES_PER_CHAR > options.max_chars
        ):
            # Certainly longer than max_chars in any encoding: refuse without reading a byte.
            yield input_error(
                E_TOO_LARGE,
                source.name,
                size=f"{human_bytes(source.size)}, so more than {options.max_chars:,} characters",
                limit=f"{options.max_chars:,} characters",
                action="not read (oversize='split' reads it in parts)",
            )
            return
        with source.open() as stream:
            try:
                encoding = detect(stream)
            except DecodeProblem as problem:
                yield input_error(problem.template, source.name, **problem.fields)
                return
            stream.seek(0)
            yield from emit(
                iter_decoded(stream, encoding),
                options=options,
                doc_id=source.basename,
                source=source.name,
                fmt=self.name,
                metadata={"encoding": encoding.label},
            )
