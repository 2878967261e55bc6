"""Issue 16: the pictures of scanned pages kept for the review UI (``Document.images``): small (at most
``MAX_SIDE`` pixels a side, at most ``max_bytes``), WebP, with the size of the page the OCR boxes refer to;
one per OCR'd page of an image or of an image-only PDF page, and each PDF page's own with ``pdf_pages``."""

from __future__ import annotations

import io
import random
from pathlib import Path

from PIL import Image
from typer.testing import CliRunner

from basira.cli import app
from basira.ingest.preview import MAX_BYTES, MAX_SIDE, page_image
from basira.store import Store
from basira.types import Document
from test_ingest_image import EN_LINES, encoded, render
from test_ingest_pdf import AR, EN, read, render_page, scanned_pdf


def decoded(data: bytes) -> Image.Image:
    picture = Image.open(io.BytesIO(data))
    picture.load()
    return picture


def test_a_scanned_image_keeps_a_small_webp_of_its_page_with_the_size_its_boxes_refer_to(tmp_path: Path) -> None:
    image, _ = render()
    path = tmp_path / "page.png"
    path.write_bytes(encoded(image, "PNG"))
    [doc] = read(path)
    assert isinstance(doc, Document)
    [picture] = doc.images
    assert (picture.page, picture.media_type) == (1, "image/webp")
    assert (picture.source_width, picture.source_height) == (doc.metadata["image"]["width"], 450) == (2400, 450)
    assert (picture.width, picture.height) == (MAX_SIDE, round(450 * MAX_SIDE / 2400))
    assert len(picture.data) <= MAX_BYTES
    shown = decoded(picture.data)
    assert shown.format == "WEBP" and shown.size == (picture.width, picture.height)


def test_a_picture_that_does_not_fit_is_made_worse_then_smaller_until_it_does() -> None:
    noise = random.Random(16).randbytes(1200 * 900 * 3)
    image = Image.frombytes("RGB", (1200, 900), noise)
    picture = page_image(image, 3, max_bytes=30_000)
    assert picture.page == 3 and len(picture.data) <= 30_000
    assert picture.width < 1200 and picture.height < 900
    assert (picture.source_width, picture.source_height) == (1200, 900)
    assert abs(picture.width / picture.height - 1200 / 900) < 0.01
    assert decoded(picture.data).size == (picture.width, picture.height)


def test_transparency_is_put_on_white() -> None:
    clear = Image.new("RGBA", (40, 20), (0, 0, 0, 0))
    picture = page_image(clear, 1)
    assert (picture.width, picture.height) == (40, 20)  # never made bigger
    assert decoded(picture.data).convert("L").getextrema()[0] > 240


def test_image_only_pdf_pages_keep_their_picture_and_each_page_document_its_own(tmp_path: Path) -> None:
    path = scanned_pdf(tmp_path / "two.pdf", [render_page([("ar", AR)]), render_page([("en", EN)])])
    [whole] = read(path, ocr=True)
    assert isinstance(whole, Document) and [p.page for p in whole.images] == [1, 2]
    for picture in whole.images:
        assert max(picture.width, picture.height) == MAX_SIDE
        assert max(picture.source_width, picture.source_height) > MAX_SIDE  # rendered at 300 dpi for OCR
        words = [w for w in whole.metadata["words"] if w[2] == picture.page]
        assert words and all(w[3] + w[5] <= picture.source_width and w[4] + w[6] <= picture.source_height
                             for w in words)
    first, second = read(path, ocr=True, pdf_pages=True)
    assert isinstance(first, Document) and isinstance(second, Document)
    assert [p.page for p in first.images] == [1] and [p.page for p in second.images] == [2]
    assert first.images[0].data == whole.images[0].data


def test_basira_scan_stores_the_picture_with_the_document_also_from_worker_processes(tmp_path: Path) -> None:
    """The pictures stay in the scanning process (workers get the text only) and reach the store from there."""
    image, _ = render((), EN_LINES)
    path = tmp_path / "page.webp"
    path.write_bytes(encoded(image, "WEBP", quality=90))
    url = f"sqlite:///{tmp_path / 'scan.db'}"
    result = CliRunner().invoke(app, ["scan", "--quiet", "--jobs", "2", "--db", url, str(path)])
    assert result.exit_code == 0, result.output
    with Store.open(url) as store:
        [analysis] = store.list_analyses()
        [picture] = store.document_images(analysis.document.id)
        stored = store.document_image(analysis.document.id, 1)
    assert (picture.page, picture.media_type, picture.source_width) == (1, "image/webp", 2400)
    assert stored is not None and decoded(stored.data).size == (picture.width, picture.height)
    assert (picture.width, picture.height) == (MAX_SIDE, round(230 * MAX_SIDE / 2400))
    hashes = f"sqlite:///{tmp_path / 'hashes.db'}"
    result = CliRunner().invoke(app, ["scan", "--quiet", "--db", hashes, "--retention", "hashes", str(path)])
    assert result.exit_code == 0, result.output
    with Store.open(hashes) as store:
        [analysis] = store.list_analyses()
        assert store.document_images(analysis.document.id) == []  # no text kept, no picture either
