"""``iter_inputs``: files, directories and stdin in, a stream of ``Document``s and ``InputError``s out."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from basira.ingest.errors import E_EMPTY, E_NOT_FOUND, E_READ, E_TOO_LARGE, human_bytes, input_error
from basira.ingest.options import IngestOptions
from basira.ingest.registry import FALLBACK_FORMAT, Format, format_for_filename, get_format
from basira.ingest.source import (
    STDIN,
    STDIN_NAME,
    Source,
    file_source,
    once_source,
    spooled_source,
)
from basira.types import Document, InputError

SNIFF_BYTES = 1 << 16
# Told of every entry of a walked directory that is not read: (its name, why). Named inputs are never skipped.
OnSkip = Callable[[str, str], None]
SKIP_UNKNOWN = "unknown file type (--input-format reads every file as one format)"
SKIP_HIDDEN = "hidden"
SKIP_SPECIAL = "not a regular file (a socket, pipe or device)"
SKIP_LOOP = "a directory already walked (a symbolic link loop)"
_HTML_STARTS = ("<!doctype html", "<html", "<head", "<body", "<meta", "<title", "<!--", "<?xml")


def iter_inputs(
    paths: Sequence[str], options: IngestOptions = IngestOptions(), *, on_skip: OnSkip | None = None
) -> Iterator[Document | InputError]:
    """Read every input in order, one document at a time.

    ``paths`` holds files, directories (walked recursively in sorted order, hidden entries and unknown
    extensions skipped) and ``"-"`` for stdin. A failure of one input is yielded as an ``InputError`` and
    reading goes on; only a bad ``options.format`` raises (``ValueError``, a usage error). ``on_skip`` is
    called with the name of every entry of a directory that is not read and why (``SKIP_*``).
    """
    forced = get_format(options.format) if options.format else None
    if isinstance(paths, str | os.PathLike):
        paths = [os.fspath(paths)]  # one path, not a sequence of one-character paths
    for path in paths:
        path = os.fspath(path)
        if path == STDIN:
            yield from _read_stream(STDIN_NAME, sys.stdin.buffer, forced, options)
        else:
            yield from _read_path(path, forced, options, explicit=True, on_skip=on_skip or _ignore)


def _ignore(_name: str, _why: str) -> None:
    return None


def _read_path(
    path: str, forced: Format | None, options: IngestOptions, *, explicit: bool, on_skip: OnSkip
) -> Iterator[Document | InputError]:
    fmt = forced or format_for_filename(os.path.basename(path))
    if fmt is None and not explicit:
        on_skip(display_name(path), SKIP_UNKNOWN)  # unknown extension in a directory: skipped by design
        return
    name = display_name(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        yield input_error(E_NOT_FOUND, name)
        return
    except OSError as error:
        yield input_error(E_READ, name, reason=_why(error))
        return
    if stat.S_ISDIR(info.st_mode):
        yield from _read_directory(path, forced, options, seen=set(), on_skip=on_skip)
        return
    if not stat.S_ISREG(info.st_mode):
        if not explicit:
            on_skip(name, SKIP_SPECIAL)  # sockets, pipes and devices met in a walk could block or never end
            return
        # A pipe named on the command line (bash's <(...)) or a device: it can be read only once.
        try:
            stream = open(path, "rb")  # noqa: SIM115 - closed by the with below
        except OSError as error:
            yield input_error(E_READ, name, reason=_why(error))
            return
        with stream:
            yield from _read_stream(name, stream, fmt, options)
        return
    if info.st_size > options.max_file_bytes:
        yield input_error(
            E_TOO_LARGE,
            name,
            size=human_bytes(info.st_size),
            limit=human_bytes(options.max_file_bytes),
            action="not read",
        )
        return
    yield from _run(fmt or get_format(FALLBACK_FORMAT), file_source(name, path, info.st_size), options)


def display_name(path: str) -> str:
    """``path`` as a name to show and store: a file name that is not UTF-8 (``os.fsdecode`` leaves its bad
    bytes as lone surrogates, which no UTF-8 output or database can hold) gets them escaped as ``\\xff``."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        try:
            raw = os.fsencode(path)
        except UnicodeEncodeError:  # a surrogate that no file system byte stands for (a library caller's)
            raw = path.encode("utf-8", "surrogatepass")
        return raw.decode("utf-8", "backslashreplace")
    return path


def _why(error: OSError) -> str:
    return error.strerror or str(error) or type(error).__name__


def _read_directory(
    directory: str, forced: Format | None, options: IngestOptions, seen: set[tuple[int, int]], on_skip: OnSkip
) -> Iterator[Document | InputError]:
    try:
        info = os.stat(directory)
        if (info.st_dev, info.st_ino) in seen:
            on_skip(display_name(directory), SKIP_LOOP)
            return
        seen.add((info.st_dev, info.st_ino))
        with os.scandir(directory) as scan:
            entries = sorted((entry.name, entry.path) for entry in scan)
    except OSError as error:
        yield input_error(E_READ, display_name(directory), reason=_why(error))
        return
    for name, entry_path in entries:
        if name.startswith("."):
            on_skip(display_name(entry_path), SKIP_HIDDEN)  # one line for .git, not one per file in it
        elif os.path.isdir(entry_path):
            yield from _read_directory(entry_path, forced, options, seen, on_skip)
        else:
            yield from _read_path(entry_path, forced, options, explicit=False, on_skip=on_skip)


_BINARY_STARTS = (
    (b"%PDF-", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "image"),
    (b"\xff\xd8\xff", "image"),  # JPEG
    (b"II*\x00", "image"),  # TIFF, little-endian
    (b"MM\x00*", "image"),  # TIFF, big-endian
)


def sniff(head: bytes) -> str:
    """Format of a stream from its first bytes: PDF and images by their magic numbers, JSON Lines if the
    first non-blank character is ``{``, WARC, HTML if it starts like markup, else text."""
    for magic, name in _BINARY_STARTS:
        if head.startswith(magic):
            return name
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image"
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            start = head[len(bom) :].decode(codec, errors="ignore").lstrip()
            break
    else:
        start = head.decode("utf-8", errors="ignore").lstrip()
    if start.startswith("{"):
        return "jsonl"
    if start.startswith("WARC/"):
        return "warc"
    lowered = start[:1024].lower()
    if lowered.startswith(_HTML_STARTS) or "<html" in lowered:
        return "html"
    return FALLBACK_FORMAT


def _read_stream(
    name: str, stream: Any, fmt: Format | None, options: IngestOptions
) -> Iterator[Document | InputError]:
    """stdin or a pipe: sniff the format unless given, stream it to a streaming format, else spool it."""
    try:
        head: bytes = stream.read(SNIFF_BYTES)
    except OSError as error:
        yield input_error(E_READ, name, reason=_why(error))
        return
    if fmt is None:
        fmt = get_format(sniff(head))
    if not head:
        yield input_error(E_EMPTY, name, reason="0 bytes")
        return
    if fmt.streaming:
        yield from _run(fmt, once_source(name, stream, head), options)
        return
    try:
        source = spooled_source(name, stream, head, options.max_file_bytes)
    except OSError as error:
        yield input_error(E_READ, name, reason=_why(error))
        return
    if source is None:
        yield input_error(
            E_TOO_LARGE,
            name,
            size=f"more than {human_bytes(options.max_file_bytes)}",
            limit=human_bytes(options.max_file_bytes),
            action="not read further",
        )
        return
    yield from _run(fmt, source, options)


def _run(fmt: Format, source: Source, options: IngestOptions) -> Iterator[Document | InputError]:
    """Run one format over one source; whatever escapes it becomes this source's error, not the batch's."""
    produced = False
    try:
        for item in fmt.read(source, options):
            produced = True
            yield item
    except OSError as error:
        yield input_error(E_READ, source.name, reason=_why(error))
        return
    except Exception as error:  # hostile input must not stop the batch; the message says what broke
        yield input_error(
            E_READ, source.name, reason=f"the {fmt.name} reader failed: {type(error).__name__}: {error}"
        )
        return
    if not produced:
        yield input_error(E_EMPTY, source.name, reason=f"no {fmt.name} records found")
