"""Images of text (PNG, JPEG, WebP, TIFF): read with OCR (``basira.ingest.ocr``), one document per file.

``Document.text`` is the OCR text and every offset refers to it. ``metadata["words"]`` holds each word's span
and box (``ocr.WORD_FIELDS``), so evidence carries the boxes of its words; a multi-page TIFF also gets
``page_starts``; ``Document.images`` holds a small picture of each page (``basira.ingest.preview``) for the
review UI to draw the boxes on. The header is checked before any pixel is decoded: an image of more than
``MAX_PIXELS`` pixels (a decompression bomb: a few KB that would take gigabytes) is refused, as are 0-byte
files and files that are none of the four types whatever their extension says.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from typing import Any

from basira.ingest.documents import emit
from basira.ingest.errors import E_EMPTY, E_IMAGE, E_IMAGE_PIXELS, E_OCR, input_error
from basira.ingest.ocr import WORD_FIELDS, OcrProblem, ocr_pages
from basira.ingest.options import IngestOptions
from basira.ingest.preview import MAX_PAGES, page_image_or_none
from basira.ingest.registry import Format, register
from basira.ingest.source import Source
from basira.types import Document, InputError, PageImage

IMAGE_TYPES = ("PNG", "JPEG", "WEBP", "TIFF")
# Pillow's own default (~89.5 million: a 9,500 x 9,500 scan, ~270 MB as RGB): refused above, not decoded.
MAX_PIXELS = 89_478_485
MAX_FRAMES = 500  # pages of one TIFF


class ImageProblem(Exception):
    def __init__(self, template: str, **fields: Any) -> None:
        super().__init__(template)
        self.template = template
        self.fields = fields


def open_image(stream: Any, max_pixels: int = MAX_PIXELS) -> Any:
    """The image in ``stream``, its header read and its size checked, no pixel decoded yet."""
    from PIL import Image, UnidentifiedImageError

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # refused below, with its size
        try:
            image = Image.open(stream, formats=list(IMAGE_TYPES))
        except Image.DecompressionBombError as error:  # twice Pillow's limit: refused by Pillow
            raise ImageProblem(E_IMAGE_PIXELS, size=_pixels_from(str(error)), limit=max_pixels) from error
        except UnidentifiedImageError as error:
            stream.seek(0)
            head = stream.read(8)
            reason = f"not a PNG, JPEG, WebP or TIFF image: it starts with {head!r}"
            raise ImageProblem(E_IMAGE, reason=reason) from error
        except (OSError, SyntaxError, ValueError) as error:  # a broken header
            raise ImageProblem(E_IMAGE, reason=f"{type(error).__name__}: {error}") from error
    width, height = image.size
    if width * height > max_pixels:
        raise ImageProblem(E_IMAGE_PIXELS, size=f"{width:,} × {height:,}", limit=max_pixels)
    if width < 1 or height < 1:
        raise ImageProblem(E_IMAGE, reason=f"an image of {width} × {height} pixels")
    return image


def _pixels_from(message: str) -> str:
    digits = [word for word in message.replace("(", " ").split() if word.isdigit()]
    return f"{int(digits[0]):,}" if digits else "too many"


def frames(image: Any, max_pixels: int = MAX_PIXELS) -> Iterator[Any]:
    """Each page of the image, decoded one at a time (a TIFF can hold several, each with its own size,
    checked like the first before it is decoded)."""
    count = min(getattr(image, "n_frames", 1), MAX_FRAMES)
    for index in range(count):
        if index:
            image.seek(index)
            width, height = image.size
            if width * height > max_pixels:
                raise ImageProblem(E_IMAGE_PIXELS, size=f"{width:,} × {height:,} (page {index + 1})", limit=max_pixels)
        image.load()
        yield image


@register
class ImageFormat(Format):
    name = "image"
    extensions = (".png", ".jpg", ".jpeg", ".webp", ".tif", ".tiff")

    def read(self, source: Source, options: IngestOptions) -> Iterator[Document | InputError]:
        with source.open() as stream:
            if not stream.read(1):
                yield input_error(E_EMPTY, source.name, reason="0 bytes")
                return
            stream.seek(0)
            try:
                image = open_image(stream)
                kind, size = image.format, image.size
                pages = min(getattr(image, "n_frames", 1), MAX_FRAMES)
                previews: list[PageImage] = []
                ocr = ocr_pages(_pictured(frames(image), previews), options.ocr_lang)  # one decoded page at a time
            except ImageProblem as problem:
                yield input_error(problem.template, source.name, **problem.fields)
                return
            except OcrProblem as problem:
                yield input_error(E_OCR, source.name, reason=str(problem))
                return
            except (OSError, SyntaxError, ValueError, EOFError) as error:  # pixels cut short or corrupt
                yield input_error(E_IMAGE, source.name, reason=f"{type(error).__name__}: {error}")
                return
        if not ocr.text.strip():
            yield input_error(E_EMPTY, source.name, reason="OCR found no text in the image")
            return
        metadata: dict[str, Any] = {
            "image": {"type": kind, "width": size[0], "height": size[1], "pages": pages},
            "ocr": {"engine": ocr.engine, "lang": ocr.lang},
            "word_fields": list(WORD_FIELDS),
            "words": [list(word) for word in ocr.words],
        }
        if pages > 1:
            metadata["page_starts"] = list(ocr.page_starts)
        yield from emit(
            [ocr.text], options=options, doc_id=source.basename, source=source.name, fmt=self.name,
            metadata=metadata, images=tuple(previews),
        )


def _pictured(pages: Iterator[Any], previews: list[PageImage]) -> Iterator[Any]:
    """The pages as they come, a picture of each of the first ``MAX_PAGES`` added to ``previews`` on the way."""
    for number, page in enumerate(pages, start=1):
        picture = page_image_or_none(page, number) if number <= MAX_PAGES else None
        if picture is not None:
            previews.append(picture)
        yield page
