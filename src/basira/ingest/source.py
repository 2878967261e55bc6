"""Where bytes come from: a file that can be reopened, or a stream read once (stdin, a pipe).

A ``Source`` is what a format reads. ``open()`` returns a buffered binary stream; for files and spooled
streams it is seekable and can be opened again, which lets text detection look twice without holding
the input in memory.
"""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, Any, cast

STDIN = "-"
STDIN_NAME = "<stdin>"
SPOOL_MEMORY_BYTES = 16 << 20

GZIP_MAGIC = b"\x1f\x8b"
ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"


@dataclass(frozen=True)
class Source:
    """One input: ``name`` is what ``Document.source`` and error messages show."""

    name: str
    opener: Callable[[], IO[bytes]]
    size: int | None = None

    @property
    def basename(self) -> str:
        return os.path.basename(self.name.rstrip("/\\")) or self.name

    def open(self) -> IO[bytes]:
        return self.opener()


def file_source(name: str, path: str, size: int | None) -> Source:
    """A regular file, opened afresh each time."""
    return Source(name=name, opener=lambda: open(path, "rb"), size=size)


class CompressedStreamError(Exception):
    """A gzip or Zstandard stream is corrupt or cut short.

    Deliberately not an ``EOFError``: warcio takes that for a clean end of the archive.
    """


class _ReadAdapter(io.RawIOBase):
    """Raw stream over anything with ``read(n)``: a prefix already consumed, then the rest.

    Exceptions of the ``translate`` types become ``CompressedStreamError`` naming ``compression``.
    """

    def __init__(
        self,
        stream: Any,
        prefix: bytes = b"",
        translate: tuple[type[BaseException], ...] = (),
        compression: str = "",
    ) -> None:
        super().__init__()
        self._stream = stream
        self._prefix = prefix
        self._read = getattr(stream, "read1", None) or stream.read
        self._translate = translate
        self.compression = compression

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        if self._prefix:
            n = min(len(view), len(self._prefix))
            view[:n] = self._prefix[:n]
            self._prefix = self._prefix[n:]
            return n
        try:
            data = self._read(len(view))
        except self._translate as error:
            raise CompressedStreamError(f"{self.compression}: {type(error).__name__}: {error}") from error
        view[: len(data)] = data
        return len(data)


def buffered(stream: Any, prefix: bytes = b"") -> io.BufferedReader:
    """A ``BufferedReader`` (``readline``, ``peek``) over any readable object."""
    return io.BufferedReader(_ReadAdapter(stream, prefix))


def read_head(stream: IO[bytes], size: int) -> bytes:
    """The first ``size`` bytes (fewer at the end), even from a raw stream that returns short reads."""
    head = b""
    while len(head) < size and (data := stream.read(size - len(head))):
        head += data
    return head


def unread(stream: IO[bytes], head: bytes) -> IO[bytes]:
    """``stream`` with ``head`` put back in front; unbuffered, so a reader gets data up to any failure."""
    return cast(IO[bytes], _ReadAdapter(stream, head))


def once_source(name: str, stream: Any, prefix: bytes = b"") -> Source:
    """A stream that can be read only once (stdin for a streaming format such as JSON Lines)."""
    used = False

    def opener() -> IO[bytes]:
        nonlocal used
        if used:
            raise OSError(f"{name} was already read")
        used = True
        return buffered(stream, prefix)

    return Source(name=name, opener=opener, size=None)


class _SpoolView(io.RawIOBase):
    """A seekable, independently positioned view of a spool file; closing it leaves the spool open."""

    def __init__(self, spool: IO[bytes], size: int) -> None:
        super().__init__()
        self._spool = spool
        self._size = size
        self._pos = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._pos, io.SEEK_END: self._size}[whence]
        self._pos = max(0, base + offset)
        return self._pos

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        self._spool.seek(self._pos)
        data = self._spool.read(len(view))
        view[: len(data)] = data
        self._pos += len(data)
        return len(data)


def spooled_source(name: str, stream: Any, prefix: bytes, max_bytes: int) -> Source | None:
    """Copy a one-shot stream into a spool (memory, then a temporary file) so it can be read twice.

    Returns ``None`` when the stream holds more than ``max_bytes``; it is then not read further.
    """
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_MEMORY_BYTES)  # noqa: SIM115 - lives with the Source
    size = len(prefix)
    spool.write(prefix)
    read = getattr(stream, "read1", None) or stream.read
    while size <= max_bytes:
        data = read(1 << 20)
        if not data:
            break
        spool.write(data)
        size += len(data)
    if size > max_bytes:
        spool.close()
        return None
    return Source(name=name, opener=lambda: io.BufferedReader(_SpoolView(spool, size)), size=size)


def decompressed(raw: IO[bytes], *, buffer: bool = True) -> tuple[IO[bytes], str | None]:
    """Undo gzip or Zstandard compression, recognised by magic bytes: (stream, compression or None).

    Reading a damaged compressed stream raises ``CompressedStreamError``. With ``buffer=False`` a
    compressed stream is returned unbuffered, so that each ``read`` hands over whatever was decompressed
    before the damage (a buffered ``read(n)`` would drop it when the error comes mid-way).
    """
    stream = raw if isinstance(raw, io.BufferedReader) else buffered(raw)
    head = stream.peek(4)[:4]
    adapter: _ReadAdapter
    if head.startswith(GZIP_MAGIC):
        import gzip
        import zlib

        errors: tuple[type[BaseException], ...] = (EOFError, OSError, zlib.error)
        adapter = _ReadAdapter(gzip.GzipFile(fileobj=stream, mode="rb"), translate=errors, compression="gzip")
    elif head.startswith(ZSTD_MAGIC):
        import zstandard

        reader = zstandard.ZstdDecompressor().stream_reader(stream, read_across_frames=True)
        adapter = _ReadAdapter(reader, translate=(zstandard.ZstdError, OSError), compression="zstd")
    else:
        return stream, None
    out = io.BufferedReader(adapter) if buffer else adapter
    return cast(IO[bytes], out), adapter.compression
