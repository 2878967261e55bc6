"""PDF: the text layer (pypdfium2, Apache-2.0/BSD), one document per file (or per page with ``pdf_pages``).

Pages are joined by a form feed; ``metadata["page_starts"]`` holds the offset where each page starts, so
every evidence item gets its page (``basira.ingest.where``). Arabic that comes out in visual order, or as
presentation-form letters, is put back in logical order (``basira.ingest.visual_order``); the document's
text is then the restored text and ``metadata["extracted_map"]`` maps it back to the extracted one.

Pages without a text layer (scans) are OCR'd when ``ocr`` is set (rendered at 300 dpi, read by Tesseract,
their words' boxes in ``metadata["words"]`` in rendered pixels, a small picture of each in ``Document.images``
for the review UI); otherwise a PDF with no text at all is an ``E_PDF_NO_TEXT`` and one with some text lists
the pages it could not read in ``pages_without_text``.
Encrypted and broken PDFs are ``E_PDF_ENCRYPTED`` and ``E_PDF``.

Known limit: PDFium's text layer drops a line that repeats the line just above it at a short distance
(it takes it for text overprinted to fake bold); such a repeated line is missing from the document.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from basira.ingest.documents import emit
from basira.ingest.errors import E_EMPTY, E_OCR, E_PDF, E_PDF_ENCRYPTED, E_PDF_NO_TEXT, E_TOO_LARGE, input_error
from basira.ingest.ocr import WORD_FIELDS, OcrProblem, ocr_pages
from basira.ingest.options import IngestOptions
from basira.ingest.preview import MAX_PAGES, page_image_or_none
from basira.ingest.registry import Format, register
from basira.ingest.source import Source
from basira.ingest.visual_order import looks_reversed, restore
from basira.types import Document, InputError, PageImage

PDF_MAGIC = b"%PDF-"
HEAD_BYTES = 1024
OCR_DPI = 300
MAX_RENDER_PIXELS = 60_000_000  # a page is rendered smaller than 300 dpi rather than bigger than this
PASSWORD_ERROR = 4  # FPDF_ERR_PASSWORD
_SECURITY_ERROR = 5  # FPDF_ERR_SECURITY: an unsupported security handler


class PdfProblem(Exception):
    def __init__(self, template: str, **fields: Any) -> None:
        super().__init__(template)
        self.template = template
        self.fields = fields


def _open(stream: Any) -> Any:
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(stream)
    except pdfium.PdfiumError as error:
        code = getattr(error, "err_code", None)
        if code in (PASSWORD_ERROR, _SECURITY_ERROR):
            raise PdfProblem(E_PDF_ENCRYPTED) from error
        raise PdfProblem(E_PDF, reason=str(error)) from error


def page_text(page: Any) -> str:
    """One page's text layer, line breaks as ``\\n``."""
    textpage = page.get_textpage()
    try:
        text: str = textpage.get_text_range()
    finally:
        textpage.close()
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")


def render(page: Any, dpi: int = OCR_DPI) -> Any:
    """The page as a grey-scale image at ``dpi`` (lowered if the page is huge)."""
    width, height = page.get_size()  # points, 1/72 inch
    scale = dpi / 72
    if width * height * scale * scale > MAX_RENDER_PIXELS:
        scale = (MAX_RENDER_PIXELS / max(width * height, 1.0)) ** 0.5
    return page.render(scale=scale, grayscale=True).to_pil()


def _pages_label(numbers: list[int], total: int) -> str:
    if len(numbers) == total:
        return f"any of its {total:,} page{'s' if total != 1 else ''}"
    shown = ", ".join(str(n) for n in numbers[:10]) + (", …" if len(numbers) > 10 else "")
    return f"page{'s' if len(numbers) != 1 else ''} {shown}"


@register
class PdfFormat(Format):
    name = "pdf"
    extensions = (".pdf",)

    def read(self, source: Source, options: IngestOptions) -> Iterator[Document | InputError]:
        with source.open() as stream:
            head = stream.read(HEAD_BYTES)
            if not head:
                yield input_error(E_EMPTY, source.name, reason="0 bytes")
                return
            if PDF_MAGIC not in head:
                yield input_error(E_PDF, source.name, reason=f"not a PDF: it starts with {head[:8]!r}")
                return
            stream.seek(0)
            try:
                pdf = _open(stream)
            except PdfProblem as problem:
                yield input_error(problem.template, source.name, **problem.fields)
                return
            try:
                yield from self._document(pdf, source, options)
            finally:
                pdf.close()

    def _document(self, pdf: Any, source: Source, options: IngestOptions) -> Iterator[Document | InputError]:
        total = len(pdf)
        if total == 0:
            yield input_error(E_PDF, source.name, reason="no pages")
            return
        texts: list[str] = []
        length = 0
        for index in range(total):
            page = pdf[index]
            try:
                texts.append(page_text(page))
            finally:
                page.close()
            length += len(texts[-1]) + 1
            if options.oversize == "refuse" and length > options.max_chars:
                # Compressed content streams can hold far more text than the file's size suggests: stop here.
                yield input_error(
                    E_TOO_LARGE, source.name, size=f"more than {options.max_chars:,} characters in its first "
                    f"{index + 1:,} of {total:,} pages", limit=f"{options.max_chars:,} characters",
                    action="refused (oversize='split' reads it in parts)",
                )
                return
        empty = [n for n, text in enumerate(texts, start=1) if not text.strip()]
        if len(empty) == total and not options.ocr:
            yield input_error(E_PDF_NO_TEXT, source.name, pages=_pages_label(empty, total))
            return
        ocr_texts: dict[int, str] = {}
        ocr_words: tuple[tuple[int, ...], ...] = ()
        ocr_starts: tuple[int, ...] = ()
        ocr_meta: dict[str, Any] = {}
        previews: list[PageImage] = []
        if empty and options.ocr:
            try:
                ocr = ocr_pages(self._rendered(pdf, empty, previews), options.ocr_lang)
            except OcrProblem as problem:
                yield input_error(E_OCR, source.name, reason=str(problem))
                return
            for k, number in enumerate(empty):
                end = ocr.page_starts[k + 1] - 1 if k + 1 < len(empty) else len(ocr.text)
                ocr_texts[number] = ocr.text[ocr.page_starts[k] : end]
            ocr_words, ocr_starts = ocr.words, ocr.page_starts
            ocr_meta = {"engine": ocr.engine, "lang": ocr.lang, "dpi": OCR_DPI, "pages": empty}
        # Visual order is decided on the whole text layer (one page may hold too few words), undone page by page.
        reverse = looks_reversed("\f".join(texts))
        pages: list[str] = []
        runs: list[list[int]] = []  # restored text -> extracted text; OCR'd pages have no extracted text
        restored_any = False
        lines = forms = 0
        out = src = 0
        for number, extracted in enumerate(texts, start=1):
            restored = None if number in empty else restore(extracted, reverse)
            if number in ocr_texts:
                pages.append(ocr_texts[number])
            elif restored is None:
                pages.append(extracted)
                if extracted:
                    runs.append([out, src, len(extracted), 1])
            else:
                restored_any = True
                lines += restored.reversed_lines
                forms += restored.presentation_forms
                pages.append(restored.text)
                runs.extend([out + o, src + s, n, step] for o, s, n, step in restored.runs)
            out += len(pages[-1]) + 1
            src += len(extracted) + 1
            if number < total:
                runs.append([out - 1, src - 1, 1, 1])  # the form feed between pages
        words = self._page_words(pages, empty, ocr_words, ocr_starts) if ocr_meta else []
        text = "\f".join(pages)
        page_starts = [0]
        for page in pages[:-1]:
            page_starts.append(page_starts[-1] + len(page) + 1)
        info = self._info(pdf)
        metadata: dict[str, Any] = {"pages": total, "page_starts": page_starts, **info}
        still_empty = [n for n in empty if not pages[n - 1].strip()]
        if still_empty:
            metadata["pages_without_text"] = still_empty
        if restored_any:
            metadata["visual_order"] = {"reversed_lines": lines, "presentation_forms": forms}
            metadata["extracted_map"] = runs
        if ocr_meta:
            metadata["ocr"] = ocr_meta
            metadata["word_fields"] = list(WORD_FIELDS)
            metadata["words"] = words
        if not text.strip():
            yield input_error(E_EMPTY, source.name, reason="no text in the text layer nor by OCR")
            return
        title = info.get("pdf", {}).get("title") or None
        if options.pdf_pages:
            yield from self._pages(text, page_starts, metadata, title, source, options, tuple(previews))
            return
        yield from emit(
            [text], options=options, doc_id=source.basename, source=source.name, fmt=self.name, title=title,
            metadata=metadata, images=tuple(previews),
        )

    @staticmethod
    def _rendered(pdf: Any, numbers: list[int], previews: list[PageImage]) -> Iterator[Any]:
        """Each page of ``numbers`` rendered for OCR, a picture of the first ``MAX_PAGES`` kept in ``previews``."""
        for number in numbers:
            image = render(pdf[number - 1])
            picture = page_image_or_none(image, number) if len(previews) < MAX_PAGES else None
            if picture is not None:
                previews.append(picture)
            yield image

    @staticmethod
    def _page_words(
        texts: list[str], pages: list[int], ocr_words: tuple[tuple[int, ...], ...], ocr_starts: tuple[int, ...]
    ) -> list[list[int]]:
        """OCR words moved from offsets in the OCR text (OCR'd pages only) to offsets in the whole text,
        with the PDF's page number."""
        starts = [0]
        for page in texts[:-1]:
            starts.append(starts[-1] + len(page) + 1)
        moved: list[list[int]] = []
        for word in ocr_words:
            k = word[2] - 1
            shift = starts[pages[k] - 1] - ocr_starts[k]
            moved.append([word[0] + shift, word[1] + shift, pages[k], *word[3:]])
        return moved

    @staticmethod
    def _info(pdf: Any) -> dict[str, Any]:
        try:
            raw = pdf.get_metadata_dict(skip_empty=True)
        except Exception:  # a damaged info dictionary is no reason to lose the text
            return {}
        wanted = {"Title": "title", "Author": "author", "Producer": "producer", "Creator": "creator",
                  "CreationDate": "created"}  # fmt: skip
        info = {name: str(raw[key]).strip() for key, name in wanted.items() if str(raw.get(key) or "").strip()}
        return {"pdf": info} if info else {}

    def _pages(
        self, text: str, page_starts: list[int], metadata: dict[str, Any], title: str | None, source: Source,
        options: IngestOptions, images: tuple[PageImage, ...] = (),
    ) -> Iterator[Document | InputError]:
        """One document per page (``pdf_pages``): locator ``page N``; OCR words and the page's picture keep to
        their page."""
        ends = [start - 1 for start in page_starts[1:]] + [len(text)]
        shared = {k: v for k, v in metadata.items() if k not in ("page_starts", "words", "extracted_map")}
        for number, (start, end) in enumerate(zip(page_starts, ends, strict=True), start=1):
            if not text[start:end].strip():
                continue
            page_meta: dict[str, Any] = {**shared, "page": number, "page_offset": start}
            words = [[w[0] - start, w[1] - start, *w[2:]] for w in metadata.get("words", []) if w[2] == number]
            if words:
                page_meta["words"] = words
            yield from emit(
                [text[start:end]], options=options, doc_id=f"{source.basename}#page{number}", source=source.name,
                fmt=self.name, locator=f"page {number}", title=title, metadata=page_meta,
                images=tuple(image for image in images if image.page == number),
            )
