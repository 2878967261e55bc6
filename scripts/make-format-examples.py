"""Writes the purpose-made Telegram export, PDF and image in examples/ (issue 16), so they can be remade.

Needs the dev extra (fpdf2, uharfbuzz) and Pillow with its text layout (libraqm, libfribidi). The texts are
short, neutral, news-like sentences. Run: .venv/bin/python scripts/make-format-examples.py
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from fpdf import FPDF
from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
FONTS = ROOT / "src" / "basira" / "web" / "static" / "fonts"
ARABIC_FONT = FONTS / "NotoNaskhArabic-Regular.ttf"
LATIN_FONT = FONTS / "NotoSans-Regular-Latin.ttf"

LIBRARY = "افتتحت المكتبة العامة في المدينة أبوابها صباح الأحد بعد أعمال ترميم استمرت عامين."
CONDEMNED = "قالت وكالة الأنباء إن الحكومة أدانت هجوما تبناه تنظيم داعش على نقطة تفتيش."
WEATHER = "The weather service expects rain in the north on Monday."
CONDEMNED_EN = "The government condemned an attack claimed by ISIS on a checkpoint."


def telegram() -> None:
    export = {
        "name": "City Desk",
        "type": "public_channel",
        "id": 1000000001,
        "messages": [
            {"id": 1, "type": "service", "date": "2024-03-03T08:00:00", "date_unixtime": "1709452800",
             "actor": "City Desk", "actor_id": "channel1000000001", "action": "create_channel",
             "title": "City Desk", "text": "", "text_entities": []},
            {"id": 2, "type": "message", "date": "2024-03-03T09:15:00", "date_unixtime": "1709457300",
             "from": "City Desk", "from_id": "channel1000000001",
             "text": [{"type": "bold", "text": "المكتبة العامة"}, ": " + LIBRARY + " ",
                      {"type": "hashtag", "text": "#ثقافة"}],
             "text_entities": [{"type": "bold", "text": "المكتبة العامة"},
                               {"type": "plain", "text": ": " + LIBRARY + " "},
                               {"type": "hashtag", "text": "#ثقافة"}]},
            {"id": 3, "type": "message", "date": "2024-03-04T12:30:00", "date_unixtime": "1709555400",
             "edited": "2024-03-04T12:41:00", "edited_unixtime": "1709556060",
             "from": "City Desk", "from_id": "channel1000000001", "forwarded_from": "Evening Bulletin",
             "text": CONDEMNED, "text_entities": [{"type": "plain", "text": CONDEMNED}]},
            {"id": 4, "type": "message", "date": "2024-03-04T13:00:00", "date_unixtime": "1709557200",
             "from": "City Desk", "from_id": "channel1000000001", "photo": "photos/photo_1@04-03-2024_13-00-00.jpg",
             "width": 1280, "height": 720, "text": "", "text_entities": []},
            {"id": 5, "type": "message", "date": "2024-03-04T13:05:00", "date_unixtime": "1709557500",
             "from": "City Desk", "from_id": "channel1000000001", "reply_to_message_id": 3,
             "text": WEATHER, "text_entities": [{"type": "plain", "text": WEATHER}]},
        ],
    }
    out = EXAMPLES / "telegram" / "result.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(export, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def pdf() -> None:
    document = FPDF()
    document.set_title("City Desk weekly")
    document.set_creation_date(dt.datetime(2024, 3, 4, tzinfo=dt.UTC))  # the same bytes each run
    document.add_font("ar", fname=str(ARABIC_FONT))
    document.add_font("en", fname=str(LATIN_FONT))
    document.set_text_shaping(True)
    for lines in ([("en", "City Desk weekly, page 1"), ("ar", LIBRARY)],
                  [("en", "City Desk weekly, page 2"), ("ar", CONDEMNED), ("en", CONDEMNED_EN)]):
        document.add_page()
        for font, line in lines:
            document.set_font(font, size=13 if font == "ar" else 12)
            document.multi_cell(w=0, text=line, align="R" if font == "ar" else "L", new_x="LMARGIN", new_y="NEXT")
    document.output(str(EXAMPLES / "weekly.pdf"))


def image() -> None:
    arabic = ImageFont.truetype(str(ARABIC_FONT), 50)
    latin = ImageFont.truetype(str(LATIN_FONT), 46)
    canvas = Image.new("L", (2000, 330), 255)
    draw = ImageDraw.Draw(canvas)
    draw.text((1920, 50), "أدانت الحكومة هجوما تبناه تنظيم داعش.", font=arabic, fill=0, anchor="ra",
              direction="rtl", language="ar")
    draw.text((80, 190), "The government condemned an attack claimed by ISIS.", font=latin, fill=0)
    canvas.save(EXAMPLES / "notice.png", dpi=(300, 300), optimize=True)


if __name__ == "__main__":
    telegram()
    pdf()
    image()
