"""A small picture of each OCR'd page, kept with the document for the review UI (``Document.images``).

The OCR boxes refer to the page as Tesseract read it, which is often a 300-dpi scan of tens of megapixels;
the review UI needs only enough to see the page and where the evidence is on it. So the page is scaled
down to at most ``MAX_SIDE`` pixels on its longest side and encoded as WebP, at lower quality and then
smaller until it fits in ``MAX_BYTES``. A document keeps the pictures of its first ``MAX_PAGES`` pages.
"""

from __future__ import annotations

import io
from typing import Any

from basira.types import PageImage

MAX_SIDE = 2048
MAX_BYTES = 1_000_000
MAX_PAGES = 20
MEDIA_TYPE = "image/webp"
QUALITIES = (80, 60, 40)
SHRINK = 0.7  # each further try is this much smaller on each side, once no quality fits


def _flattened(image: Any) -> Any:
    """RGB (or grey) with transparency put on white, as the page would be printed."""
    from PIL import Image

    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        white.alpha_composite(rgba)
        return white.convert("RGB")
    return image.convert("L" if image.mode in ("1", "L", "I", "I;16", "F") else "RGB")


def page_image(image: Any, page: int, max_side: int = MAX_SIDE, max_bytes: int = MAX_BYTES) -> PageImage:
    """The picture of ``page`` (1-based) kept for the review UI, from the image that was OCR'd."""
    from PIL import Image

    source_width, source_height = image.size
    flat = _flattened(image)
    side = min(max_side, max(source_width, source_height))
    while True:
        factor = side / max(source_width, source_height)
        size = (max(1, round(source_width * factor)), max(1, round(source_height * factor)))
        small = flat if size == flat.size else flat.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
        for quality in QUALITIES:
            out = io.BytesIO()
            small.save(out, "WEBP", quality=quality, method=4)
            if out.tell() <= max_bytes or side <= 64:
                return PageImage(page, MEDIA_TYPE, out.getvalue(), size[0], size[1], source_width, source_height)
        side = max(64, int(side * SHRINK))


def page_image_or_none(image: Any, page: int) -> PageImage | None:
    """``page_image``, or ``None`` when the picture cannot be made: the text read from the page matters more
    than its picture, so a failure here never loses the document."""
    try:
        return page_image(image, page)
    except (OSError, ValueError):
        return None
