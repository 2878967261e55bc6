"""How inputs are read: field names, size limits and what to do with oversize documents."""

from __future__ import annotations

from dataclasses import dataclass

from basira.ingest.errors import U_OPTION

OVERSIZE_POLICIES = ("refuse", "split")


@dataclass(frozen=True)
class IngestOptions:
    """Options for ``iter_inputs``; the defaults suit one-document files and JSON Lines dumps.

    ``oversize="refuse"`` reports a document longer than ``max_chars`` as ``E_TOO_LARGE``;
    ``"split"`` yields consecutive parts of at most ``max_chars`` characters, cut at whitespace, whose
    concatenation is the whole text (``metadata["part"]``, ``metadata["offset"]``).
    """

    text_field: str = "text"
    id_field: str | None = "id"
    max_chars: int = 5_000_000
    oversize: str = "refuse"
    format: str | None = None
    max_file_bytes: int = 2_000_000_000
    # PDF: OCR the pages that have no text layer (images are always OCR'd); one document per page.
    ocr: bool = False
    ocr_lang: str = "ara+eng"
    pdf_pages: bool = False

    def __post_init__(self) -> None:
        if self.oversize not in OVERSIZE_POLICIES:
            raise ValueError(
                U_OPTION.format(name="oversize", value=self.oversize, reason=f"one of {OVERSIZE_POLICIES}")
            )
        for name in ("max_chars", "max_file_bytes"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ValueError(U_OPTION.format(name=name, value=value, reason="a positive integer"))
        if not self.ocr_lang or not all(part.isascii() and part.replace("_", "").isalnum()
                                        for part in self.ocr_lang.split("+")):
            raise ValueError(U_OPTION.format(name="ocr_lang", value=self.ocr_lang, reason="Tesseract models: ara+eng"))
        if not self.text_field:
            raise ValueError(U_OPTION.format(name="text_field", value=self.text_field, reason="not empty"))
