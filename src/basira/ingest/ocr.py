"""Text from pictures of text, with Tesseract (Debian's ``tesseract-ocr`` with the ``ara`` and ``eng`` models,
driven through ``pytesseract``): for images, and for PDF pages that have no text layer when OCR is asked for.

The text is assembled from Tesseract's words in its reading order (right to left on Arabic lines): words
joined by a space, lines by a line break, paragraphs and blocks by an empty line. Every word keeps where
it is in the text and where it is on the page (``WORD_FIELDS``), so a span of the text can be drawn over
the image (``basira.ingest.where.boxes_for_span``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

DEFAULT_LANG = "ara+eng"
DEFAULT_DPI = 300
TIMEOUT_SECONDS = 300  # one page; Tesseract takes seconds on a clean page, minutes only on noise
# What each word of ``metadata["words"]`` holds, in this order (pixels, top-left origin; conf 0–100).
WORD_FIELDS = ("start", "end", "page", "left", "top", "width", "height", "conf")


class OcrProblem(Exception):
    """Tesseract is missing, failed or timed out: the message says which, for an ``E_OCR``."""


@dataclass(frozen=True, slots=True)
class OcrText:
    """The text of one or more pages, the offset where each page starts and every word's place."""

    text: str
    page_starts: tuple[int, ...]
    words: tuple[tuple[int, ...], ...]
    engine: str
    lang: str


def engine_version() -> str:
    import pytesseract

    try:
        return f"tesseract {pytesseract.get_tesseract_version()}"
    except pytesseract.TesseractNotFoundError as error:
        raise OcrProblem(_NOT_INSTALLED) from error


_NOT_INSTALLED = (
    "tesseract is not installed: Debian's tesseract-ocr, tesseract-ocr-ara and tesseract-ocr-eng "
    "(scripts/install-ocr-deps.sh installs them)"
)


def prepare(image: Any) -> Any:
    """A grey-scale copy fit for Tesseract: transparency flattened onto white (transparent pixels are
    black underneath in many PNGs, which would hide dark text)."""
    from PIL import Image

    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        white.alpha_composite(rgba)
        return white.convert("L")
    return image.convert("L")


def _page_words(image: Any, lang: str, dpi: int) -> list[list[tuple[str, tuple[int, int, int, int], int]]]:
    """Tesseract's words of one page, grouped by paragraph and line: [[(word, box, conf), …] per line]…"""
    import pytesseract

    try:
        data = pytesseract.image_to_data(
            image, lang=lang, config=f"--dpi {dpi}", output_type=pytesseract.Output.DICT, timeout=TIMEOUT_SECONDS
        )
    except pytesseract.TesseractNotFoundError as error:
        raise OcrProblem(_NOT_INSTALLED) from error
    except pytesseract.TesseractError as error:
        message = str(error.message).strip().splitlines()
        raise OcrProblem(f"tesseract: {message[-1] if message else error.status}") from error
    except RuntimeError as error:  # pytesseract's timeout
        raise OcrProblem(f"tesseract took more than {TIMEOUT_SECONDS} s on one page") from error
    lines: dict[tuple[int, int, int], list[tuple[str, tuple[int, int, int, int], int]]] = {}
    for i, word in enumerate(data["text"]):
        if data["level"][i] != 5 or not str(word).strip():
            continue
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        box = (data["left"][i], data["top"][i], data["width"][i], data["height"][i])
        lines.setdefault(key, []).append((str(word).strip(), box, round(float(data["conf"][i]))))
    paragraphs: list[list[list[tuple[str, tuple[int, int, int, int], int]]]] = []
    last: tuple[int, int] | None = None
    for (block, par, _line), words in lines.items():  # dicts keep Tesseract's reading order
        if (block, par) != last:
            paragraphs.append([])
            last = (block, par)
        paragraphs[-1].append(words)
    return [line for paragraph in paragraphs for line in [*paragraph, []]][:-1] if paragraphs else []


def ocr_pages(images: Iterable[Any], lang: str = DEFAULT_LANG, dpi: int | None = None) -> OcrText:
    """OCR each image (one per page) and put the pages together, separated by a form feed.

    ``dpi``: the scan's resolution when the image does not say (Tesseract guesses badly without it).
    """
    engine = engine_version()
    pieces: list[str] = []
    words: list[tuple[int, ...]] = []
    page_starts: list[int] = []
    position = 0
    for number, image in enumerate(images, start=1):
        if number > 1:
            pieces.append("\f")
            position += 1
        page_starts.append(position)
        resolution = dpi or _image_dpi(image) or DEFAULT_DPI
        first_line = True
        for line in _page_words(prepare(image), lang, resolution):
            if not first_line:
                pieces.append("\n")
                position += 1
            first_line = False
            for k, (word, box, conf) in enumerate(line):
                if k:
                    pieces.append(" ")
                    position += 1
                words.append((position, position + len(word), number, *box, conf))
                pieces.append(word)
                position += len(word)
    return OcrText("".join(pieces), tuple(page_starts), tuple(words), engine, lang)


def _image_dpi(image: Any) -> int | None:
    dpi = image.info.get("dpi")
    try:
        value = round(float(dpi[0])) if dpi else 0
    except (TypeError, ValueError, IndexError):
        return None
    return value if 70 <= value <= 2400 else None  # 72 (a screen's default) is usually a guess, but harmless
