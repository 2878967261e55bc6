"""Reading throughput of the issue 16 formats, on inputs made here: a Telegram Desktop export (messages/s, as
``result.json`` and as ``messages*.html`` pages), a PDF with Arabic and English text (pages/s of its text
layer) and 300-dpi page images (OCR pages/s, and the share of characters OCR recovers: 1 − character error
rate, against the text that was drawn).

Only reading is timed (``basira.ingest.iter_inputs``), not analysis. The message texts are the seeded
``posts`` corpus (``basira.bench.corpus``); PDF and image pages are drawn from ``LINES``, short neutral
news-like sentences, with the Noto fonts the web UI ships. Making the PDF needs fpdf2 and uharfbuzz (the
``dev`` extra): without them the PDF figure is skipped and says so.

Command line: ``python -m basira.bench.formats [--quick] [--out FILE]``.
"""

from __future__ import annotations

import argparse
import html
import json
import random
import resource
import tempfile
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from basira.bench.corpus import generate
from basira.ingest import IngestOptions, iter_inputs
from basira.types import Document, InputError

FONTS = Path(__file__).resolve().parent.parent / "web" / "static" / "fonts"
ARABIC_FONT = FONTS / "NotoNaskhArabic-Regular.ttf"
LATIN_FONT = FONTS / "NotoSans-Regular-Latin.ttf"
DPI = 300
SEED = 16
LINES = (
    "افتتحت المكتبة العامة في المدينة أبوابها صباح الأحد",
    "تتوقع هيئة الأرصاد أمطارا غزيرة على المناطق الشمالية",
    "قالت وكالة الأنباء إن الحكومة أدانت هجوما على نقطة تفتيش",
    "بدأ العام الدراسي الجديد في المدارس الحكومية والخاصة",
    "ارتفعت أسعار الخضار في السوق المركزي خلال الأسبوع الماضي",
    "فاز الفريق المحلي في مباراة كرة القدم مساء أمس",
    "The weather service expects rain in the north on Monday.",
    "The city library reopened after two years of repairs.",
)
SIZES = {
    True: {"messages": 2_000, "html_messages": 1_000, "pdf_pages": 10, "ocr_pages": 1},
    False: {"messages": 100_000, "html_messages": 20_000, "pdf_pages": 200, "ocr_pages": 6},
}
LINES_PER_PAGE = 24


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (insertions, deletions, substitutions of characters)."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def recovered(expected: str, got: str) -> float:
    """1 − character error rate, on the texts with their whitespace collapsed."""
    want, have = " ".join(expected.split()), " ".join(got.split())
    return 1 - edit_distance(want, have) / max(len(want), 1)


def _cpu_seconds() -> float:
    """CPU time of this process and its finished children (Tesseract runs as one)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


_LAST_CPU: dict[str, float] = {}


def _read(paths: Sequence[Path], **options: Any) -> tuple[list[Document], list[InputError], float]:
    """Read ``paths``: documents, errors and wall seconds (the CPU seconds are left in ``_LAST_CPU``)."""
    started, cpu = time.perf_counter(), _cpu_seconds()
    results = list(iter_inputs([str(p) for p in paths], IngestOptions(**options)))
    seconds = time.perf_counter() - started
    _LAST_CPU["seconds"] = _cpu_seconds() - cpu
    docs = [r for r in results if isinstance(r, Document)]
    return docs, [r for r in results if isinstance(r, InputError)], seconds


def _cpu(count: int) -> dict[str, float]:
    """CPU seconds of the last read and ``count`` per CPU second: a figure a busy machine depresses less."""
    cpu = _LAST_CPU.get("seconds", 0.0)
    return {"cpu_seconds": round(cpu, 3), "per_cpu_s": round(count / cpu, 3) if cpu > 0 else 0.0}


# --- Telegram ------------------------------------------------------------------------------------------


def _messages(count: int, seed: int) -> Iterator[dict[str, Any]]:
    texts = generate("posts", min(count, 2_000), seed=seed).texts
    for i in range(count):
        text = texts[i % len(texts)]
        head, _, tail = text.partition(" ")
        yield {
            "id": i + 1, "type": "message", "date": "2024-03-05T10:00:00", "date_unixtime": "1709632800",
            "from": "Bench Channel", "from_id": "channel1",
            "text": [{"type": "bold", "text": head}, " " + tail] if tail else text,
            "text_entities": [{"type": "bold", "text": head}, {"type": "plain", "text": " " + tail}] if tail
            else [{"type": "plain", "text": text}],
        }


def write_export(path: Path, count: int, seed: int = SEED) -> int:
    """A one-channel ``result.json`` of ``count`` messages, written message by message; its size in bytes."""
    with path.open("w", encoding="utf-8") as out:
        out.write('{\n "name": "Bench Channel",\n "type": "public_channel",\n "id": 1,\n "messages": [\n')
        for i, message in enumerate(_messages(count, seed)):
            out.write((",\n" if i else "") + "  " + json.dumps(message, ensure_ascii=False))
        out.write("\n ]\n}\n")
    return path.stat().st_size


def write_html_export(folder: Path, count: int, seed: int = SEED, per_page: int = 1_000) -> list[Path]:
    """Telegram Desktop's HTML layout: ``messages.html``, ``messages2.html``, … of ``per_page`` messages each."""
    pages: list[Path] = []
    messages = list(_messages(count, seed))
    for start in range(0, count, per_page):
        body = []
        for message in messages[start : start + per_page]:
            parts = message["text"] if isinstance(message["text"], list) else [message["text"]]
            text = "".join(
                f"<strong>{html.escape(p['text'])}</strong>" if isinstance(p, dict) else html.escape(p) for p in parts
            )
            body.append(
                f'<div class="message default clearfix" id="message{message["id"]}"><div class="body">'
                f'<div class="pull_right date details" title="05.03.2024 10:00:00 UTC+03:00">10:00</div>'
                f'<div class="from_name">Bench Channel</div><div class="text">{text}</div></div></div>'
            )
        name = "messages.html" if not start else f"messages{start // per_page + 1}.html"
        page = folder / name
        page.write_text(
            '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Exported Data</title></head><body>'
            '<div class="page_wrap"><div class="page_header"><div class="content"><div class="text bold">'
            'Bench Channel</div></div></div><div class="page_body chat_page"><div class="history">'
            + "\n".join(body) + "</div></div></div></body></html>",
            encoding="utf-8",
        )
        pages.append(page)
    return pages


def bench_telegram(folder: Path, messages: int, html_messages: int) -> dict[str, Any]:
    export = folder / "json" / "result.json"
    export.parent.mkdir(parents=True)
    size = write_export(export, messages)
    docs, errors, seconds = _read([export])
    json_cpu = _cpu(len(docs))
    html_folder = folder / "html"
    html_folder.mkdir()
    pages = write_html_export(html_folder, html_messages)
    html_docs, html_errors, html_seconds = _read([html_folder])
    html_cpu = _cpu(len(html_docs))
    return {
        "json": {
            "messages": len(docs), "errors": len(errors), "mb": round(size / 1e6, 2), "seconds": round(seconds, 3),
            "messages_per_s": round(len(docs) / seconds, 1), "mb_per_s": round(size / 1e6 / seconds, 2),
            "cpu_seconds": json_cpu["cpu_seconds"], "messages_per_cpu_s": json_cpu["per_cpu_s"],
        },
        "html": {
            "messages": len(html_docs), "errors": len(html_errors), "pages": len(pages),
            "seconds": round(html_seconds, 3), "messages_per_s": round(len(html_docs) / html_seconds, 1),
            "cpu_seconds": html_cpu["cpu_seconds"], "messages_per_cpu_s": html_cpu["per_cpu_s"],
        },
    }


# --- PDF -----------------------------------------------------------------------------------------------


def _page_lines(rng: random.Random) -> list[str]:
    """``LINES_PER_PAGE`` lines, no line twice in a row (PDFium drops a text that repeats the one just
    before it close by, taking it for a fake-bold overprint)."""
    lines: list[str] = []
    while len(lines) < LINES_PER_PAGE:
        line = rng.choice(LINES)
        if not lines or line != lines[-1]:
            lines.append(line)
    return lines


def write_pdf(path: Path, pages: int, seed: int = SEED) -> list[list[str]]:
    """A PDF of ``pages`` pages of ``LINES`` (Arabic shaped with HarfBuzz); the lines of each page."""
    from fpdf import FPDF

    rng = random.Random(seed)
    pdf = FPDF()
    pdf.add_font("ar", fname=str(ARABIC_FONT))
    pdf.add_font("en", fname=str(LATIN_FONT))
    drawn: list[list[str]] = []
    for _ in range(pages):
        pdf.add_page()
        lines = _page_lines(rng)
        for line in lines:
            arabic = not line.isascii()
            pdf.set_font("ar" if arabic else "en", size=12 if arabic else 11)
            pdf.set_text_shaping(arabic)
            pdf.cell(text=line, new_x="LMARGIN", new_y="NEXT", align="R" if arabic else "L", w=0, h=8)
        drawn.append(lines)
    pdf.output(str(path))
    return drawn


def bench_pdf(folder: Path, pages: int) -> dict[str, Any]:
    try:
        import fpdf  # noqa: F401
    except ImportError:
        return {"skipped": "fpdf2 is not installed (the dev extra makes the PDF)"}
    path = folder / "bench.pdf"
    drawn = write_pdf(path, pages)
    docs, errors, seconds = _read([path])
    cpu = _cpu(pages)
    got = Counter(docs[0].text.replace("\f", "\n").split("\n")) if docs else Counter()
    expected = Counter(line for lines in drawn for line in lines)
    return {
        "pages": pages, "errors": len(errors), "seconds": round(seconds, 3), "pages_per_s": round(pages / seconds, 1),
        "mb": round(path.stat().st_size / 1e6, 2),
        "cpu_seconds": cpu["cpu_seconds"], "pages_per_cpu_s": cpu["per_cpu_s"],
        "lines_recovered": round(sum((expected & got).values()) / sum(expected.values()), 4),
    }


# --- OCR -----------------------------------------------------------------------------------------------


def render_page(lines: Sequence[str]) -> Any:
    """An A4 page at 300 dpi with ``lines`` drawn in 12-point Noto (Arabic right-aligned)."""
    from PIL import Image, ImageDraw, ImageFont

    arabic = ImageFont.truetype(str(ARABIC_FONT), 50)
    latin = ImageFont.truetype(str(LATIN_FONT), 46)
    page = Image.new("L", (2480, 3508), 255)
    draw = ImageDraw.Draw(page)
    for k, line in enumerate(lines):
        y = 250 + 120 * k
        if line.isascii():
            draw.text((200, y), line, font=latin, fill=0)
        else:
            draw.text((2280, y), line, font=arabic, fill=0, anchor="ra", direction="rtl", language="ar")
    return page


def bench_ocr(folder: Path, pages: int, seed: int = SEED) -> dict[str, Any]:
    rng = random.Random(seed)
    paths: list[Path] = []
    expected: list[str] = []
    for number in range(1, pages + 1):
        lines = _page_lines(rng)
        path = folder / f"page{number:03d}.png"
        render_page(lines).save(path, dpi=(DPI, DPI))
        paths.append(path)
        expected.append("\n".join(lines))
    docs, errors, seconds = _read(paths)
    cpu = _cpu(pages)
    got = {d.source: d.text for d in docs}
    edits = chars = 0
    for path, want in zip(paths, expected, strict=True):
        text = " ".join(want.split())
        edits += edit_distance(text, " ".join(got.get(str(path), "").split()))
        chars += len(text)
    return {
        "pages": pages, "errors": len(errors), "seconds": round(seconds, 3), "pages_per_s": round(pages / seconds, 3),
        "characters": chars, "char_error_rate": round(edits / chars, 4), "recovered": round(1 - edits / chars, 4),
        "cpu_seconds": cpu["cpu_seconds"], "pages_per_cpu_s": cpu["per_cpu_s"],
        "dpi": DPI, "engine": docs[0].metadata["ocr"]["engine"] if docs else None,
    }


def bench_formats(quick: bool = False) -> dict[str, Any]:
    """Every figure, on inputs made in a temporary directory."""
    sizes = SIZES[quick]
    with tempfile.TemporaryDirectory(prefix="basira-bench-formats-") as tmp:
        root = Path(tmp)
        for name in ("telegram", "pdf", "ocr"):
            (root / name).mkdir()
        return {
            "quick": quick,
            "telegram": bench_telegram(root / "telegram", sizes["messages"], sizes["html_messages"]),
            "pdf": bench_pdf(root / "pdf", sizes["pdf_pages"]),
            "ocr": bench_ocr(root / "ocr", sizes["ocr_pages"]),
        }


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="small inputs (seconds, not minutes)")
    parser.add_argument("--out", type=Path, help="write the figures here as JSON (default: print them)")
    args = parser.parse_args(argv)
    figures = json.dumps(bench_formats(args.quick), ensure_ascii=False, indent=2)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(figures + "\n", encoding="utf-8")
    else:
        print(figures)


if __name__ == "__main__":
    main()
