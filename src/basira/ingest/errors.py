"""Every ingest error code and its message template, in one place.

A constant's name is the code that ends up in ``InputError.code``; its value is the message template.
``input_error(E_BINARY, source, locator)`` builds the ``InputError``; the message always names the input
(and the line or record), so a reader of stderr knows which file to look at.
"""

from __future__ import annotations

from typing import Any

from basira.types import InputError

E_NOT_FOUND = "no such file or directory"
E_READ = "cannot be read ({reason})"
E_TOO_LARGE = "too large: {size}, over the limit of {limit} — {action}"
E_BINARY = "binary content (NUL bytes) — not text"
E_ENCODING = "cannot decode: {reason}"
E_EMPTY = "empty: {reason}"
E_JSON = "invalid JSON Lines record ({reason})"
E_FIELD = "field {field!r} {problem}"
E_CSV = "malformed CSV ({reason})"
E_HTML = "no text could be extracted from HTML ({reason})"
E_WARC = "corrupt or truncated WARC ({reason})"
E_COMPRESSED = "corrupt or truncated compressed stream ({reason})"
E_TELEGRAM = "not a readable Telegram Desktop export ({reason})"
E_PDF = "cannot read PDF ({reason})"
E_PDF_ENCRYPTED = "encrypted PDF: it needs a password — not read"
E_PDF_NO_TEXT = "no text layer on {pages} — an image-only PDF? (--ocr reads it with Tesseract)"
E_IMAGE = "cannot read image ({reason})"
E_IMAGE_PIXELS = "image of {size} pixels, over the limit of {limit:,} pixels (a decompression bomb?) — not read"
E_OCR = "OCR failed ({reason})"

MAX_FIELD_CHARS = 300

# Usage errors are raised (ValueError), not yielded: they concern the call, not one input.
U_FORMAT = "unknown input format {name!r}; known formats: {known}"
U_OPTION = "invalid ingest option {name}={value!r}: {reason}"

CODES: dict[str, str] = {name: value for name, value in dict(globals()).items() if name.startswith("E_")}
_CODE_OF_TEMPLATE: dict[str, str] = {template: code for code, template in CODES.items()}
if len(_CODE_OF_TEMPLATE) != len(CODES):  # pragma: no cover - a template typo, caught at import
    raise RuntimeError("two ingest error codes share one message template")


def where(source: str, locator: str | None = None) -> str:
    """How a message names its input: ``data/posts.jsonl, line 12``."""
    return source if locator is None else f"{source}, {locator}"


def input_error(template: str, source: str, locator: str | None = None, **fields: Any) -> InputError:
    """Build the ``InputError`` for one of the templates above (passed as ``errors.E_...``)."""
    code = _CODE_OF_TEMPLATE[template]
    fields = {name: _shorten(value) for name, value in fields.items()}
    return InputError(
        source=source,
        code=code,
        message=f"{where(source, locator)}: {template.format(**fields)}",
        locator=locator,
    )


def _shorten(value: Any) -> Any:
    """Messages quote parser errors, which may quote the (hostile, huge) input: keep them short."""
    if isinstance(value, str) and len(value) > MAX_FIELD_CHARS:
        return value[: MAX_FIELD_CHARS - 1] + "…"
    return value


def human_bytes(size: int) -> str:
    """``2_000_000_000`` -> ``'1.9 GiB (2,000,000,000 bytes)'``: readable first, exact second."""
    for unit, scale in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if size >= scale:
            return f"{size / scale:.1f} {unit} ({size:,} bytes)"
    return f"{size:,} bytes"
