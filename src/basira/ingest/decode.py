"""Bytes to text: BOM, then strict UTF-8, then a declared charset, then Windows-1256 if plausibly Arabic.

Detection streams over the input once (twice when UTF-8 fails and Windows-1256 is weighed), so a large
file is never held in memory to decide how to read it. Decoding keeps the text exactly as decoded; only
a leading byte-order mark is dropped.
"""

from __future__ import annotations

import codecs
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from basira.ingest.errors import E_BINARY, E_EMPTY, E_ENCODING
from basira.normalize.charsets import ARABIC_LETTERS

CHUNK_BYTES = 1 << 20

# UTF-32 LE must be tried before UTF-16 LE: its BOM starts with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16"),
)

_ARABIC_LETTER = re.compile(f"[{ARABIC_LETTERS}]")
_ARABIC_RUN = re.compile(f"[{ARABIC_LETTERS}]+")
# Non-ASCII Latin letters: Windows-1256 keeps the French ones, so Latin-1 text "decodes" into them.
_LATIN_EXTENDED = re.compile("[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]")
_LATIN = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
# An Arabic letter touching a Latin one inside a word: what mis-decoded Latin text looks like.
_MIXED = re.compile(f"[{ARABIC_LETTERS}][{_LATIN}]|[{_LATIN}][{ARABIC_LETTERS}]")
# C0 controls other than tab, newlines, form feed and the old DOS end-of-file mark, plus DEL.
_CONTROL = re.compile("[\x01-\x08\x0e-\x19\x1b-\x1f\x7f]")


@dataclass(frozen=True, slots=True)
class Encoding:
    """How to decode (a Python codec) and what to record in ``metadata["encoding"]``."""

    codec: str
    label: str


class DecodeProblem(Exception):
    """Why bytes could not become text: an ``errors`` template and its fields."""

    def __init__(self, template: str, **fields: Any) -> None:
        super().__init__(template.format(**fields))
        self.template = template
        self.fields = fields


@dataclass(slots=True)
class _Cp1256Evidence:
    arabic_letters: int = 0
    arabic_words: int = 0
    latin_extended: int = 0
    mixed: int = 0
    controls: int = 0

    def add(self, text: str) -> None:
        self.arabic_letters += len(_ARABIC_LETTER.findall(text))
        self.arabic_words += len(_ARABIC_RUN.findall(text))
        self.latin_extended += len(_LATIN_EXTENDED.findall(text))
        self.mixed += len(_MIXED.findall(text))
        self.controls += len(_CONTROL.findall(text))

    def plausible(self) -> bool:
        """Mostly Arabic letters and ASCII: no control bytes, Arabic letters in words of their own."""
        return (
            self.controls == 0
            and self.arabic_letters > 0
            and self.latin_extended <= self.arabic_letters // 4
            and self.mixed <= max(1, self.arabic_words // 20)
        )


def _bom(head: bytes) -> Encoding | None:
    for bom, codec, label in _BOMS:
        if head.startswith(bom):
            return Encoding(codec, label)
    return None


def _declared(name: str | None) -> Encoding | None:
    """A charset named by the document (``<meta charset>``, HTTP header); UTF-16/32 declarations are
    ignored as browsers do, because an ASCII-compatible declaration cannot describe them."""
    if not name:
        return None
    try:
        info = codecs.lookup(name.strip().strip("\"'"))
    except LookupError:
        return None
    if info.name.startswith(("utf-16", "utf-32")):
        return None
    if not getattr(info, "_is_text_encoding", True):  # base64, hex, zlib, bz2 ...: bytes-to-bytes, not text
        return None
    label = "utf-8" if info.name == "utf-8" else info.name
    return Encoding(info.name, label)


def _decodes(stream: IO[bytes], codec: str) -> tuple[bool, bool]:
    """Stream the input through ``codec`` strictly: (decodes cleanly, has non-whitespace)."""
    decoder = codecs.getincrementaldecoder(codec)("strict")
    nonspace = False
    try:
        while chunk := stream.read(CHUNK_BYTES):
            text = decoder.decode(chunk)
            nonspace = nonspace or (text != "" and not text.isspace())
        text = decoder.decode(b"", final=True)
    except UnicodeError:  # UnicodeDecodeError, and the plain UnicodeError of codecs such as "undefined"
        return False, nonspace
    return True, nonspace or (text != "" and not text.isspace())


def detect(stream: IO[bytes], declared: str | None = None) -> Encoding:
    """Choose the encoding of a whole seekable stream, or raise ``DecodeProblem``.

    Reads the stream to its end (and seeks back to 0 when it needs a second look); the caller seeks to 0
    before decoding.
    """
    head = stream.read(4)
    stream.seek(0)
    bom = _bom(head)
    if bom is not None:
        ok, nonspace = _decodes(stream, bom.codec)
        if not ok:
            raise DecodeProblem(E_ENCODING, reason=f"invalid {bom.label} after a {bom.label} byte-order mark")
        if not nonspace:
            raise DecodeProblem(E_EMPTY, reason="no text, only whitespace")
        return bom

    # Strict UTF-8, watching for NUL bytes (binary) on the way.
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    utf8_ok, nonspace, any_bytes = True, False, False
    while chunk := stream.read(CHUNK_BYTES):
        any_bytes = True
        if b"\x00" in chunk:
            raise DecodeProblem(E_BINARY)
        if utf8_ok:
            try:
                text = decoder.decode(chunk)
            except UnicodeDecodeError:
                utf8_ok = False
            else:
                nonspace = nonspace or (text != "" and not text.isspace())
    if not any_bytes:
        raise DecodeProblem(E_EMPTY, reason="0 bytes")
    if utf8_ok:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            utf8_ok = False

    if utf8_ok:  # valid UTF-8 beats a declaration: legacy bytes are almost never valid UTF-8 by chance
        if not nonspace:
            raise DecodeProblem(E_EMPTY, reason="no text, only whitespace")
        return Encoding("utf-8", "utf-8")

    declared_encoding = _declared(declared)
    if declared_encoding is not None:
        stream.seek(0)
        ok, declared_nonspace = _decodes(stream, declared_encoding.codec)
        if ok:
            if not declared_nonspace:
                raise DecodeProblem(E_EMPTY, reason="no text, only whitespace")
            return declared_encoding

    stream.seek(0)
    evidence = _Cp1256Evidence()
    nonspace = False
    while chunk := stream.read(CHUNK_BYTES):
        text = chunk.decode("cp1256")  # every byte is defined in Windows-1256
        evidence.add(text)
        nonspace = nonspace or not text.isspace()
    if evidence.plausible():
        if not nonspace:
            raise DecodeProblem(E_EMPTY, reason="no text, only whitespace")
        return Encoding("cp1256", "cp1256")
    raise DecodeProblem(
        E_ENCODING,
        reason="neither valid UTF-8 nor plausible Windows-1256 Arabic (convert it to UTF-8 first)",
    )


def iter_decoded(stream: IO[bytes], encoding: Encoding, chunk_bytes: int = CHUNK_BYTES) -> Iterator[str]:
    """Decode a stream chunk by chunk (a leading BOM is dropped by the BOM-aware codecs)."""
    decoder = codecs.getincrementaldecoder(encoding.codec)("strict")
    while chunk := stream.read(chunk_bytes):
        text = decoder.decode(chunk)
        if text:
            yield text
    tail = decoder.decode(b"", final=True)
    if tail:
        yield tail


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, Encoding]:
    """Decode bytes already in memory (an HTML page, a WARC payload) by the same rules as ``detect``."""
    encoding = detect(io.BytesIO(data), declared)
    return data.decode(encoding.codec), encoding
