"""WARC web archives: one document per ``response`` or ``resource`` record holding HTML or plain text.

Compression is undone here (not by warcio) so that a truncated gzip member raises instead of ending the
archive quietly; a record shorter than its Content-Length is reported too. Either way every record read
before the damage has already been yielded, then one ``E_WARC`` names the record where reading stopped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import IO, Any

from basira.ingest.decode import DecodeProblem, decode_bytes
from basira.ingest.documents import emit
from basira.ingest.errors import E_EMPTY, E_HTML, E_TOO_LARGE, E_WARC, human_bytes, input_error
from basira.ingest.formats.html import HtmlProblem, extract_html
from basira.ingest.options import IngestOptions
from basira.ingest.registry import Format, register
from basira.ingest.source import CompressedStreamError, Source, decompressed, read_head, unread
from basira.types import Document, InputError

TEXT_RECORD_TYPES = frozenset({"response", "resource"})
WARC_TYPES = frozenset(
    {"warcinfo", "response", "resource", "request", "metadata", "revisit", "conversion", "continuation"}
)
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
PLAIN_TYPES = frozenset({"text/plain"})
_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
DRAIN_BYTES = 1 << 16
ARCHIVE_STARTS = (b"WARC/", b"filedesc://")  # WARC, or the older ARC that warcio also reads
HEAD_BYTES = 64
# A record's payload is held in memory (HTML extraction takes ~30x its size), and a small compressed archive
# can inflate one record to gigabytes: past this many bytes the record is skipped as too large.
MAX_PAYLOAD_BYTES = 32 << 20


def payload_limit(options: IngestOptions) -> int:
    return min(options.max_file_bytes, MAX_PAYLOAD_BYTES)


# What is left after the last whole record is checked to be blank (the CRLFs between records); it is kept
# only up to this many bytes, and more than this left over is damage anyway.
TAIL_BYTES = 1 << 16


class ReadTail:
    """A byte stream that counts what was read from it and keeps the last ``TAIL_BYTES`` of it.

    warcio reads a header cut short by the end of the archive (a ``response`` record's HTTP headers then
    parse as empty) as the end of the archive (issue 6); this shows what it consumed after the last record.
    """

    def __init__(self, stream: IO[bytes]):
        self.stream = stream
        self.total = 0
        self._tail = bytearray()

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(size)
        self.total += len(data)
        self._tail += data
        if len(self._tail) > 2 * TAIL_BYTES:
            del self._tail[:-TAIL_BYTES]
        return data

    def readable(self) -> bool:
        return True

    def since(self, offset: int) -> bytes | None:
        """The bytes read after ``offset``; None when more than ``TAIL_BYTES`` were."""
        count = self.total - offset
        if count > min(len(self._tail), TAIL_BYTES):
            return None
        return bytes(self._tail[len(self._tail) - count:]) if count else b""


class Truncated(Exception):
    """A record ends before its declared Content-Length, or inside its header."""


def _content_type(record: Any) -> str:
    if record.rec_type == "response":
        headers = record.http_headers
        return (headers.get_header("Content-Type") if headers is not None else None) or ""
    return record.rec_headers.get_header("Content-Type") or ""


def _check_header(record: Any) -> None:
    """warcio hands over a record cut off inside its header as if it were whole: refuse it."""
    if not str(record.format).startswith("warc"):
        return  # ARC records have no such header
    if record.rec_type not in WARC_TYPES:
        raise Truncated(f"incomplete or invalid record header (WARC-Type {record.rec_type!r})")
    if not (record.rec_headers.get_header("Content-Length") or "").strip().isdigit():
        raise Truncated("incomplete or invalid record header (no Content-Length)")


def _drain(record: Any) -> None:
    """Read what is left of the record and check it was all there."""
    raw = record.raw_stream
    while raw.read(DRAIN_BYTES):
        pass
    if getattr(raw, "limit", 0) > 0:
        raise Truncated(f"{raw.limit:,} bytes missing from the end of the record")


@register
class WarcFormat(Format):
    name = "warc"
    extensions = (".warc", ".warc.gz")
    streaming = True

    def read(self, source: Source, options: IngestOptions) -> Iterator[Document | InputError]:
        from warcio.archiveiterator import ArchiveIterator

        with source.open() as raw:
            stream, _ = decompressed(raw, buffer=False)
            try:
                head = read_head(stream, HEAD_BYTES)
            except CompressedStreamError as error:
                yield input_error(E_WARC, source.name, "record 1", reason=_reason(error))
                return
            if not head:
                yield input_error(E_EMPTY, source.name, reason="0 bytes")
                return
            if not head.lstrip(b"\r\n").startswith(ARCHIVE_STARTS):
                reason = f"not a WARC archive: it starts with {head[:8]!r}"
                yield input_error(E_WARC, source.name, "record 1", reason=reason)
                return
            number = 0
            tap = ReadTail(unread(stream, head))
            try:
                archive = ArchiveIterator(tap, check_digests=False)
                records = iter(archive)
            except Exception as error:
                yield input_error(E_WARC, source.name, "record 1", reason=f"{type(error).__name__}: {error}")
                return
            record_end = 0  # where the last whole record ended, in bytes read from the archive
            while True:
                number += 1
                locator = f"record {number}"
                try:
                    record = next(records)
                except StopIteration:
                    left = tap.since(record_end)
                    if left is None or left.strip():
                        reason = "truncated: the archive ends inside this record's header"
                        yield input_error(E_WARC, source.name, locator, reason=reason)
                    return
                except Exception as error:  # warcio, gzip and zlib each have their own ways to fail
                    yield input_error(E_WARC, source.name, locator, reason=_reason(error))
                    return
                try:
                    _check_header(record)
                    results = list(self._record(record, locator, source, options))
                    _drain(record)
                except Exception as error:
                    yield input_error(E_WARC, source.name, locator, reason=_reason(error))
                    return
                record_end = tap.total - archive.reader.rem_length()  # warcio's own read-ahead is not past it
                yield from results

    def _record(
        self, record: Any, locator: str, source: Source, options: IngestOptions
    ) -> Iterator[Document | InputError]:
        if record.rec_type not in TEXT_RECORD_TYPES:
            return
        content_type = _content_type(record)
        media_type = content_type.split(";", 1)[0].strip().lower()
        if media_type not in HTML_TYPES and media_type not in PLAIN_TYPES:
            return
        limit = payload_limit(options)
        payload = record.content_stream().read(limit + 1)
        if len(payload) > limit:  # read no further: the caller drains the rest in small pieces
            yield input_error(
                E_TOO_LARGE, source.name, locator, size=f"a payload of more than {human_bytes(limit)}",
                limit=human_bytes(limit), action="record skipped",
            )
            return
        _drain(record)  # a short payload is damage, not a short page
        if not payload.strip():
            return  # an empty body (a redirect, a 204) is not a document
        charset_match = _CHARSET.search(content_type)
        charset = charset_match.group(1) if charset_match else None
        headers = record.rec_headers
        metadata: dict[str, Any] = {
            "url": headers.get_header("WARC-Target-URI"),
            "warc_date": headers.get_header("WARC-Date"),
            "warc_record_id": headers.get_header("WARC-Record-ID"),
            "warc_type": record.rec_type,
            "content_type": content_type,
        }
        if record.rec_type == "response" and record.http_headers is not None:
            status = record.http_headers.get_statuscode()
            metadata["http_status"] = int(status) if status and status.isdigit() else status
        title: str | None = None
        try:
            if media_type in HTML_TYPES:
                page = extract_html(payload, charset)
                text, title = page.text, page.title
                metadata.update(encoding=page.encoding.label, extractor=page.extractor)
            else:
                text, encoding = decode_bytes(payload, charset)
                metadata["encoding"] = encoding.label
        except DecodeProblem as problem:
            yield input_error(problem.template, source.name, locator, **problem.fields)
            return
        except HtmlProblem as problem:
            yield input_error(E_HTML, source.name, locator, reason=str(problem))
            return
        yield from emit(
            [text],
            options=options,
            doc_id=f"{source.basename}:{locator}",
            source=source.name,
            fmt=self.name,
            locator=locator,
            title=title,
            metadata=metadata,
        )


def _reason(error: BaseException) -> str:
    if isinstance(error, Truncated):
        return f"truncated: {error}"
    if isinstance(error, CompressedStreamError):
        return f"damaged compression: {error}"
    return f"{type(error).__name__}: {error}"
