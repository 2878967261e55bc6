"""The issue 16 reading benchmark (``basira.bench.formats``) on small inputs: every figure is there and
positive, nothing is lost on the way, and OCR recovers at least 95 % of the characters of a clean 300-dpi
page. No timing is asserted: figures depend on the machine."""

from __future__ import annotations

import json
from pathlib import Path

from basira.bench.formats import bench_ocr, bench_pdf, bench_telegram, recovered, write_export
from basira.ingest import IngestOptions, iter_inputs
from basira.types import Document


def test_recovered_is_one_minus_the_character_error_rate() -> None:
    assert recovered("abcd efgh", "abcd  efgh") == 1.0
    assert recovered("abcdefghij", "abcdefghiX") == 0.9
    assert recovered("abcdefghij", "") == 0.0


def test_telegram_figures_count_every_message_of_both_exports(tmp_path: Path) -> None:
    figures = bench_telegram(tmp_path, messages=300, html_messages=1_200)
    assert figures["json"]["messages"] == 300 and figures["json"]["errors"] == 0
    assert figures["html"]["messages"] == 1_200 and figures["html"]["pages"] == 2 and figures["html"]["errors"] == 0
    assert figures["json"]["messages_per_s"] > 0 and figures["html"]["messages_per_s"] > 0
    assert figures["json"]["mb_per_s"] > 0
    assert figures["json"]["messages_per_cpu_s"] > 0 and figures["html"]["messages_per_cpu_s"] > 0


def test_the_generated_export_reads_back_with_its_bold_entity(tmp_path: Path) -> None:
    path = tmp_path / "result.json"
    assert write_export(path, 3) == path.stat().st_size
    assert json.loads(path.read_text(encoding="utf-8"))["messages"][2]["id"] == 3
    docs = [d for d in iter_inputs([str(path)], IngestOptions()) if isinstance(d, Document)]
    assert [d.locator for d in docs] == ["telegram:Bench Channel/1", "telegram:Bench Channel/2",
                                         "telegram:Bench Channel/3"]
    for doc in docs:
        [bold] = doc.metadata["entities"]
        assert bold["type"] == "bold" and bold["start"] == 0 and doc.text[bold["end"]] == " "


def test_pdf_and_ocr_figures(tmp_path: Path) -> None:
    pdf = bench_pdf(tmp_path, pages=3)
    assert pdf["pages"] == 3 and pdf["errors"] == 0 and pdf["pages_per_s"] > 0 and pdf["lines_recovered"] == 1.0
    ocr = bench_ocr(tmp_path, pages=1)
    assert ocr["errors"] == 0 and ocr["pages_per_s"] > 0 and ocr["characters"] > 1_000
    assert ocr["pages_per_cpu_s"] > 0 and pdf["pages_per_cpu_s"] > 0  # Tesseract's CPU counted (a child)
    assert ocr["recovered"] >= 0.95, ocr
    assert ocr["char_error_rate"] == round(1 - ocr["recovered"], 4)

