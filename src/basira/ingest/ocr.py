"""Text from pictures of text, with Tesseract (Debian's ``tesseract-ocr`` with the ``ara`` and ``eng`` models,
driven through ``pytesseract``): for images, and for PDF pages that have no text layer when OCR is asked for.

The text is assembled from Tesseract's words in its reading order (right to left on Arabic lines): words
joined by a space, lines by a line break, paragraphs and blocks by an empty line. Every word keeps where
it is in the text and where it is on the page (``WORD_FIELDS``), so a span of the text can be drawn over
the image (``basira.ingest.where.boxes_for_span``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

DEFAULT_LANG = "ara+eng"
DEFAULT_DPI = 300
TIMEOUT_SECONDS = 300  # one page; Tesseract takes seconds on a clean page, minutes only on noise
# Below this confidence (0-100) a Latin reading inside an Arabic line is read again with the Arabic model.
DOUBTFUL_CONF = 40
REREAD_PAD = 12  # pixels around the stretch read again
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_BIDI_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
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


Word = tuple[str, tuple[int, int, int, int], int]  # text, (left, top, width, height), confidence


def _tesseract(image: Any, lang: str, config: str) -> dict[str, list[Any]]:
    import pytesseract

    try:
        data: dict[str, list[Any]] = pytesseract.image_to_data(
            image, lang=lang, config=config, output_type=pytesseract.Output.DICT, timeout=TIMEOUT_SECONDS
        )
    except pytesseract.TesseractNotFoundError as error:
        raise OcrProblem(_NOT_INSTALLED) from error
    except pytesseract.TesseractError as error:
        message = str(error.message).strip().splitlines()
        raise OcrProblem(f"tesseract: {message[-1] if message else error.status}") from error
    except RuntimeError as error:  # pytesseract's timeout
        raise OcrProblem(f"tesseract took more than {TIMEOUT_SECONDS} s on one page") from error
    return data


def _lines(data: dict[str, list[Any]], dx: int = 0, dy: int = 0) -> dict[tuple[int, int, int], list[Word]]:
    """Tesseract's words by (block, paragraph, line), in its reading order; boxes moved by (dx, dy)."""
    lines: dict[tuple[int, int, int], list[Word]] = {}
    for i, raw in enumerate(data["text"]):
        word = _BIDI_MARKS.sub("", str(raw)).strip()  # Tesseract marks direction with LRM/RLM: not text
        if data["level"][i] != 5 or not word:
            continue
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        box = (data["left"][i] + dx, data["top"][i] + dy, data["width"][i], data["height"][i])
        lines.setdefault(key, []).append((word, box, round(float(data["conf"][i]))))
    return lines


def _page_words(image: Any, lang: str, dpi: int) -> list[list[Word]]:
    """Tesseract's words of one page, by line, an empty line between paragraphs: [[(word, box, conf), …], …]."""
    lines = _lines(_tesseract(image, lang, f"--dpi {dpi}"))
    paragraphs: list[list[list[Word]]] = []
    last: tuple[int, int] | None = None
    for (block, par, _line), words in lines.items():  # dicts keep Tesseract's reading order
        if (block, par) != last:
            paragraphs.append([])
            last = (block, par)
        paragraphs[-1].append(_reread_doubtful(image, words, lang, dpi))
    return [line for paragraph in paragraphs for line in [*paragraph, []]][:-1] if paragraphs else []


def _reread_doubtful(image: Any, words: list[Word], lang: str, dpi: int) -> list[Word]:
    """In a line of mostly Arabic words, a run of Latin "words" read with little confidence is most often an
    Arabic word that the English model claimed (with ``ara+eng``): read that stretch again with the Arabic
    model alone, keep the new reading if it is Arabic and surer, and put the line back in right-to-left order."""
    if "ara" not in lang.split("+") or lang == "ara":
        return words
    arabic = [bool(_ARABIC.search(word)) for word, _, _ in words]
    if sum(arabic) * 2 < len(words):
        return words
    doubtful = [i for i, (word, _, conf) in enumerate(words) if conf < DOUBTFUL_CONF and not arabic[i]]
    if not doubtful:
        return words
    groups: list[list[int]] = [[doubtful[0]]]
    for i in doubtful[1:]:
        if i == groups[-1][-1] + 1:
            groups[-1].append(i)
        else:
            groups.append([i])
    replaced: dict[int, list[Word]] = {}
    for group in groups:
        boxes = [words[i][1] for i in group]
        left = max(0, min(b[0] for b in boxes) - REREAD_PAD)
        top = max(0, min(b[1] for b in boxes) - REREAD_PAD)
        right = min(image.width, max(b[0] + b[2] for b in boxes) + REREAD_PAD)
        bottom = min(image.height, max(b[1] + b[3] for b in boxes) + REREAD_PAD)
        data = _tesseract(image.crop((left, top, right, bottom)), "ara", f"--dpi {dpi} --psm 7")
        new = [word for line in _lines(data, left, top).values() for word in line]
        old_conf = max(words[i][2] for i in group)
        if new and all(_ARABIC.search(w) for w, _, _ in new) and min(c for _, _, c in new) > old_conf:
            replaced[group[0]] = new
            replaced.update({i: [] for i in group[1:]})
    if not replaced:
        return words
    kept = [w for i, word in enumerate(words) for w in (replaced.get(i, [word]))]
    return _right_to_left(kept)


def _right_to_left(words: list[Word]) -> list[Word]:
    """Words of a right-to-left line in reading order: by right edge from the right, each run of Latin
    words (an English name, a number) kept left to right."""
    ordered = sorted(words, key=lambda w: -(w[1][0] + w[1][2]))
    out: list[Word] = []
    run: list[Word] = []
    for word in ordered:
        if _ARABIC.search(word[0]):
            out.extend(reversed(run))
            run = []
            out.append(word)
        else:
            run.append(word)
    out.extend(reversed(run))
    return out


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
