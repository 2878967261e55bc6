"""Ingest: files, directories and stdin in; ``Document``s (and ``InputError``s for what cannot be read) out.

Formats (one module each in ``basira.ingest.formats``): text, html, jsonl (also .gz/.zst), csv/tsv, warc,
telegram (Telegram Desktop's result.json and messages*.html), pdf (text layer; OCR on request), image (OCR).
Where a span lies in its input (PDF page, OCR word boxes): ``basira.ingest.where``.
Error codes and message templates: ``basira.ingest.errors``.
"""

from basira.ingest.errors import CODES
from basira.ingest.options import IngestOptions
from basira.ingest.reader import iter_inputs, sniff
from basira.ingest.registry import Format, format_for_filename, get_format, register, registered
from basira.ingest.source import STDIN, STDIN_NAME, Source

__all__ = [
    "CODES",
    "STDIN",
    "STDIN_NAME",
    "Format",
    "IngestOptions",
    "Source",
    "format_for_filename",
    "get_format",
    "iter_inputs",
    "register",
    "registered",
    "sniff",
]
