"""Issue 16: PDFs generated here with fpdf2 and the Noto fonts the web UI ships (Arabic and English; shaped,
and unshaped as older tools write them, which comes out of the text layer in visual order), read with
pypdfium2: one document per file with a page table (or per page), pages on evidence through `basira scan`,
visual order undone with the way back kept, image-only pages OCR'd when asked, bad PDFs each a clear error.

Test texts are short, neutral, purpose-made news-like sentences.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
from fpdf import FPDF
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageDraw, ImageFont
from typer.testing import CliRunner

from basira.cli import app
from basira.ingest import IngestOptions, iter_inputs
from basira.ingest.visual_order import looks_reversed, restore
from basira.ingest.where import boxes_for_span, page_of, to_extracted
from basira.types import Document, InputError

FONTS = Path(__file__).resolve().parents[1] / "src" / "basira" / "web" / "static" / "fonts"
ARABIC_FONT = FONTS / "NotoNaskhArabic-Regular.ttf"
LATIN_FONT = FONTS / "NotoSans-Regular-Latin.ttf"
AR = "قالت وكالة الأنباء إن الحكومة أدانت هجوما تبناه تنظيم داعش"
AR2 = "افتتحت المكتبة العامة أبوابها صباح الأحد"
EN = "The government condemned an attack claimed by ISIS."


def make_pdf(path: Path, pages: list[list[tuple[str, str]]], *, shaped: bool = True, title: str | None = None) -> Path:
    """A PDF of ``pages``, each a list of ``(font, line)`` with font "ar" or "en"."""
    pdf = FPDF()
    pdf.add_font("ar", fname=str(ARABIC_FONT))
    pdf.add_font("en", fname=str(LATIN_FONT))
    if title:
        pdf.set_title(title)
    for lines in pages:
        pdf.add_page()
        for font, line in lines:
            pdf.set_font(font, size=16 if font == "ar" else 14)
            pdf.set_text_shaping(shaped and font == "ar")
            pdf.cell(text=line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def read(*paths: Path, **options: Any) -> list[Document | InputError]:
    return list(iter_inputs([str(p) for p in paths], IngestOptions(**options)))


def extracted_text(path: Path) -> str:
    """The text layer as pypdfium2 gives it, pages joined as the reader joins them."""
    pdf = pdfium.PdfDocument(str(path))
    try:
        return "\f".join(page.get_textpage().get_text_range().replace("\r\n", "\n") for page in pdf)
    finally:
        pdf.close()


def test_a_two_page_pdf_is_one_document_with_its_page_table(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "bulletin.pdf", [[("ar", AR), ("en", EN)], [("ar", AR2)]], title="Bulletin 7")
    [doc] = read(path)
    assert isinstance(doc, Document)
    assert doc.text == f"{AR}\n{EN}\f{AR2}"
    assert (doc.id, doc.format, doc.title, doc.locator, doc.lang) == ("bulletin.pdf", "pdf", "Bulletin 7", None, "ar")
    assert doc.metadata["pages"] == 2 and doc.metadata["page_starts"] == [0, len(AR) + 1 + len(EN) + 1]
    assert page_of(doc.metadata["page_starts"], doc.text.index("ISIS")) == 1
    assert page_of(doc.metadata["page_starts"], doc.text.index("المكتبة")) == 2
    assert "visual_order" not in doc.metadata and "extracted_map" not in doc.metadata


def test_per_page_documents_on_request(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "bulletin.pdf", [[("ar", AR)], [("en", EN)]])
    first, second = read(path, pdf_pages=True)
    assert isinstance(first, Document) and isinstance(second, Document)
    assert (first.text, first.locator, first.id, first.metadata["page"]) == (AR, "page 1", "bulletin.pdf#page1", 1)
    assert (second.text, second.locator, second.id, second.metadata["page"]) == (EN, "page 2", "bulletin.pdf#page2", 2)


def test_unshaped_arabic_comes_out_in_visual_order_and_is_put_back_with_the_way_back_kept(tmp_path: Path) -> None:
    line = f"{AR} يوم 5 مارس 2024"
    path = make_pdf(tmp_path / "old.pdf", [[("ar", line), ("en", EN)], [("ar", AR2)]], shaped=False)
    raw = extracted_text(path)
    assert AR not in raw and looks_reversed(raw)  # what a reader without the repair would get
    [doc] = read(path)
    assert isinstance(doc, Document)
    assert AR in doc.text and AR2 in doc.text and "2024" in doc.text and "5 مارس" in doc.text
    assert doc.text.endswith(f"\n{EN}\f{AR2}")
    assert doc.metadata["visual_order"]["reversed_lines"] == 2
    assert doc.metadata["page_starts"] == [0, doc.text.index("\f") + 1]
    # Every span maps back to the characters it came from in the extracted text.
    for word in ("تنظيم داعش", "المكتبة", "ISIS", "2024"):
        start = doc.text.index(word)
        a, b = to_extracted(doc.metadata, start, start + len(word))
        assert raw[a:b] in (word, word[::-1]), (word, raw[a:b])
    assert doc.lang == "ar"


def _presentation_forms(word: str) -> str:
    """``word`` shaped by hand into presentation-form letters, as a PDF with legacy fonts stores it."""
    forms: dict[tuple[str, str], str] = {}
    for code in range(0xFE70, 0xFF00):
        parts = unicodedata.decomposition(chr(code)).split()
        if len(parts) == 2 and parts[0] in ("<initial>", "<medial>", "<final>", "<isolated>"):
            forms[(chr(int(parts[1], 16)), parts[0][1:-1])] = chr(code)
    joins_left = {letter for letter, form in forms if form == "initial"}
    out = []
    for i, letter in enumerate(word):
        before = i > 0 and word[i - 1] in joins_left
        after = i + 1 < len(word) and letter in joins_left
        form = "medial" if before and after else "initial" if after else "final" if before else "isolated"
        out.append(forms.get((letter, form), letter))
    return "".join(out)


def test_presentation_forms_in_visual_order_are_restored_with_a_map_back() -> None:
    words = AR2.split()
    visual = " ".join(_presentation_forms(w) for w in words)[::-1] + " ﻻ"  # and a lam-alef ligature
    assert all("\ufe70" <= ch <= "\ufeff" or ch == " " for ch in visual)
    restored = restore(f"{visual}\nISIS 2024")
    assert restored is not None
    assert restored.text == f"لا {AR2}\nISIS 2024" and restored.presentation_forms == len(visual.replace(" ", ""))
    meta = {"extracted_map": [list(run) for run in restored.runs]}
    start = restored.text.index("المكتبة")
    a, b = to_extracted(meta, start, start + len("المكتبة"))
    assert unicodedata.normalize("NFKC", visual[a:b])[::-1] == "المكتبة"
    assert to_extracted(meta, 0, 2) == (len(visual) - 1, len(visual))  # two letters from one ligature
    assert restore(f"{AR}\n{EN}") is None  # logical text is left alone


def test_a_pdf_round_trips_through_basira_scan_with_pages_on_its_evidence(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "bulletin.pdf", [[("en", "Morning edition.")], [("ar", AR), ("en", EN)]])
    [doc] = read(path)
    assert isinstance(doc, Document)
    result = CliRunner().invoke(app, ["scan", "--quiet", str(path)])
    assert result.exit_code == 0, result.output
    [record] = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert record["document"]["chars"] == len(doc.text) and record["document"]["sha256"] == doc.sha256
    texts = {e["text"] for e in record["evidence"]}
    assert {"تنظيم داعش", "ISIS"} <= texts, record["evidence"]
    for e in record["evidence"]:
        assert doc.text[e["start"]:e["end"]] == e["text"]
        assert e["attrs"]["page"] == 2


def render_page(lines: list[tuple[str, str]]) -> Image.Image:
    """An A4 page scanned at 300 dpi: the lines drawn with Pillow, Arabic right-aligned."""
    fonts = {"ar": ImageFont.truetype(str(ARABIC_FONT), 50), "en": ImageFont.truetype(str(LATIN_FONT), 46)}
    image = Image.new("L", (2480, 3508), 255)
    draw = ImageDraw.Draw(image)
    for k, (font, line) in enumerate(lines):
        y = 300 + 110 * k
        if font == "ar":
            draw.text((2280, y), line, font=fonts["ar"], fill=0, anchor="ra", direction="rtl", language="ar")
        else:
            draw.text((200, y), line, font=fonts["en"], fill=0)
    return image


def scanned_pdf(path: Path, pages: list[Image.Image], text_page: str | None = None) -> Path:
    pdf = FPDF()
    for image in pages:
        pdf.add_page()
        pdf.image(image, x=0, y=0, w=210, h=297)
    if text_page:
        pdf.add_font("en", fname=str(LATIN_FONT))
        pdf.add_page()
        pdf.set_font("en", size=14)
        pdf.cell(text=text_page)
    pdf.output(str(path))
    return path


@pytest.fixture(scope="module")
def scanned(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return scanned_pdf(tmp_path_factory.mktemp("scan") / "scan.pdf", [render_page([("ar", AR), ("en", EN)])],
                       text_page="Morning edition.")


def test_an_image_only_page_is_ocr_d_when_asked_with_boxes_and_its_page(scanned: Path) -> None:
    without = read(scanned)
    [doc] = without
    assert isinstance(doc, Document) and doc.text == "\fMorning edition."
    assert doc.metadata["pages_without_text"] == [1]
    [ocr_doc] = read(scanned, ocr=True)
    assert isinstance(ocr_doc, Document)
    page_one, page_two = ocr_doc.text.split("\f")
    assert page_two == "Morning edition."
    assert " ".join(page_one.split()) == f"{AR} {EN}"
    assert ocr_doc.metadata["ocr"]["pages"] == [1] and "pages_without_text" not in ocr_doc.metadata
    start = ocr_doc.text.index("ISIS")
    [box] = boxes_for_span(ocr_doc.metadata, start, start + 4)
    assert box["page"] == 1 and 200 < box["left"] < 2000 and 300 + 110 - 30 < box["top"] < 300 + 110 + 60


def test_bad_pdfs_each_give_a_clear_error_naming_the_input_and_the_good_one_is_read(tmp_path: Path) -> None:
    good = make_pdf(tmp_path / "a_good.pdf", [[("en", EN)]])
    encrypted = FPDF()
    encrypted.add_page()
    encrypted.add_font("en", fname=str(LATIN_FONT))
    encrypted.set_font("en", size=14)
    encrypted.cell(text=EN)
    encrypted.set_encryption(owner_password="owner", user_password="reader")
    encrypted.output(str(tmp_path / "b_encrypted.pdf"))
    (tmp_path / "c_empty.pdf").write_bytes(b"")
    (tmp_path / "d_cut.pdf").write_bytes(good.read_bytes()[:400])
    (tmp_path / "e_not.pdf").write_bytes(b"<html><body>not a pdf</body></html>")
    scanned_pdf(tmp_path / "f_scan.pdf", [Image.new("L", (800, 1100), 255)])
    results = read(tmp_path)
    [doc] = [r for r in results if isinstance(r, Document)]
    assert doc.source == str(good) and doc.text == EN
    errors = {Path(r.source).name: r for r in results if isinstance(r, InputError)}
    assert {name: e.code for name, e in errors.items()} == {
        "b_encrypted.pdf": "E_PDF_ENCRYPTED", "c_empty.pdf": "E_EMPTY", "d_cut.pdf": "E_PDF", "e_not.pdf": "E_PDF",
        "f_scan.pdf": "E_PDF_NO_TEXT"}
    assert "needs a password" in errors["b_encrypted.pdf"].message
    assert "not a PDF: it starts with b'<html><b'" in errors["e_not.pdf"].message
    assert "any of its 1 page" in errors["f_scan.pdf"].message and "--ocr" in errors["f_scan.pdf"].message
    for name, error in errors.items():
        assert error.message.startswith(str(tmp_path / name) + ": "), error


def test_basira_scan_pdf_pages_and_ocr_flags(tmp_path: Path, scanned: Path) -> None:
    path = make_pdf(tmp_path / "bulletin.pdf", [[("en", "Morning edition.")], [("ar", AR), ("en", EN)]])
    result = CliRunner().invoke(app, ["scan", "--quiet", "--pdf-pages", str(path)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert [r["document"]["locator"] for r in records] == ["page 1", "page 2"]
    page_two = f"{AR}\n{EN}"
    for e in records[1]["evidence"]:
        assert page_two[e["start"]:e["end"]] == e["text"] and e["attrs"]["page"] == 2
    result = CliRunner().invoke(app, ["scan", "--quiet", "--ocr", str(scanned)])
    assert result.exit_code == 0, result.output
    [record] = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    isis = next(e for e in record["evidence"] if e["text"] == "ISIS")
    assert isis["attrs"]["page"] == 1 and len(isis["attrs"]["boxes"]) == 1
    bad = CliRunner().invoke(app, ["scan", "--quiet", "--ocr-lang", "ara;eng", str(path)])
    assert bad.exit_code == 2 and "ocr_lang" in bad.output


def test_a_pdf_on_stdin_is_sniffed_and_read(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "bulletin.pdf", [[("ar", AR), ("en", EN)]])
    result = CliRunner().invoke(app, ["scan", "--quiet", "-"], input=path.read_bytes())
    assert result.exit_code == 0, result.output
    [record] = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert record["document"]["format"] == "pdf" and record["document"]["source"] == "<stdin>"
    assert record["document"]["chars"] == len(f"{AR}\n{EN}")


@pytest.mark.parametrize(("head", "fmt"), [
    (b"%PDF-1.7\n", "pdf"), (b"\x89PNG\r\n\x1a\n\x00\x00", "image"), (b"\xff\xd8\xff\xe0\x00\x10JFIF", "image"),
    (b"II*\x00\x08\x00", "image"), (b"MM\x00*\x00\x08", "image"), (b"RIFF\x10\x00\x00\x00WEBPVP8 ", "image"),
    (b"RIFF\x10\x00\x00\x00WAVEfmt ", "text"),
])  # fmt: skip
def test_stdin_sniffing_knows_pdf_and_image_magic_numbers(head: bytes, fmt: str) -> None:
    from basira.ingest import sniff

    assert sniff(head) == fmt


def test_a_pdf_over_max_chars_is_refused_without_reading_on_or_split_on_request(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "long.pdf", [[("en", EN)] for _ in range(6)])
    [error] = read(path, max_chars=120)
    assert isinstance(error, InputError) and error.code == "E_TOO_LARGE"
    assert "first 3 of 6 pages" in error.message and str(path) in error.message
    parts = read(path, max_chars=120, oversize="split")
    assert all(isinstance(p, Document) for p in parts) and len(parts) == 3
    assert "".join(p.text for p in parts if isinstance(p, Document)) == "\f".join([EN] * 6)


ARABIC_WORDS = ("المكتبة", "العامة", "افتتحت", "صباح", "الأحد", "مدينة", "في", "الطقس", "مشمس", "اليوم")


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(st.sampled_from(ARABIC_WORDS), min_size=1, max_size=8), min_size=1, max_size=4))
def test_restoring_reversed_lines_gives_the_text_back_and_maps_every_character(lines: list[list[str]]) -> None:
    logical = "\n".join(" ".join(words) for words in lines)
    visual = "\n".join(" ".join(words)[::-1] for words in lines)
    restored = restore(visual, reverse=True)
    assert restored is not None and restored.text == logical
    meta = {"extracted_map": [list(run) for run in restored.runs]}
    for i, char in enumerate(restored.text):
        a, b = to_extracted(meta, i, i + 1)
        assert b == a + 1 and visual[a] == char
