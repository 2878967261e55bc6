"""The JSON Lines output of a scan: complete lines, flushed one by one, undone on a failed write."""

from __future__ import annotations

import contextlib
import os
import stat
from typing import IO


class OutputWriter:
    """Writes each serialised line (``basira.output.json_line``) and flushes it, so an interrupted scan
    keeps every finished line.

    With ``path`` (an output file basira opened, not stdout) that is a regular file, a failed write (disk
    full, file too large) is undone on ``close``: the file is cut back to the end of its last complete
    line, so that it stays valid JSON Lines for a strict reader. (A FIFO or a device is left alone.)
    """

    def __init__(self, stream: IO[bytes], name: str, path: str | None = None):
        self.stream = stream
        self.name = name
        self.path = path
        self.truncatable = path is not None and stat.S_ISREG(os.fstat(stream.fileno()).st_mode)
        self.complete_bytes = 0
        self.failed = False

    def write_lines(self, lines: bytes) -> None:
        """Write whole lines and flush; remember where the last complete line ends."""
        try:
            self.stream.write(lines)
            self.stream.flush()
        except OSError:
            self.failed = True
            raise
        if self.truncatable:
            self.complete_bytes = os.lseek(self.stream.fileno(), 0, os.SEEK_CUR)

    def close(self) -> None:
        """Close an output file (an error here was already reported by ``write_lines``), then undo a
        partial line."""
        if self.path is None:
            return
        with contextlib.suppress(OSError):
            self.stream.close()
        if self.failed and self.truncatable:
            with contextlib.suppress(OSError):  # truncating frees space, so it works on a full disk too
                os.truncate(self.path, self.complete_bytes)
