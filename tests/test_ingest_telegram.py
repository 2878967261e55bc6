"""Issue 16: Telegram Desktop exports (result.json and messages*.html) written by the test, read one message
per document with entities flattened at exact offsets; bad exports give clear errors and lose nothing else.

Test texts are short, neutral, purpose-made news-like sentences.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from basira.cli import app
from basira.ingest import IngestOptions, Source, iter_inputs
from basira.ingest.formats.telegram import TelegramFormat, flatten_entities
from basira.types import Document, InputError

AR = "قالت وكالة الأنباء إن الحكومة أدانت هجوما تبناه تنظيم داعش."
EN = "The government condemned an attack claimed by ISIS."


def run(*paths: Path | str, **options: Any) -> list[Document | InputError]:
    return list(iter_inputs([str(p) for p in paths], IngestOptions(**options)))


def docs(results: list[Document | InputError]) -> list[Document]:
    return [r for r in results if isinstance(r, Document)]


def errors(results: list[Document | InputError]) -> list[InputError]:
    return [r for r in results if isinstance(r, InputError)]


def message(message_id: int, text: Any, **fields: Any) -> dict[str, Any]:
    entities = text if isinstance(text, list) else [{"type": "plain", "text": text}]
    entities = [{"type": "plain", "text": p} if isinstance(p, str) else p for p in entities]
    return {"id": message_id, "type": "message", "date": "2024-03-05T10:00:00", "date_unixtime": "1709632800",
            "from": "Daily News", "from_id": "channel777", "text": text, "text_entities": entities, **fields}


def channel(name: str = "Daily News", chat_id: int = 777, messages: list[Any] | None = None) -> dict[str, Any]:
    return {"name": name, "type": "public_channel", "id": chat_id, "messages": messages if messages is not None else [
        {"id": 1, "type": "service", "date": "2024-03-05T09:00:00", "actor": name, "action": "create_channel",
         "title": name, "text": "", "text_entities": []},
        message(2, ["قالت وكالة الأنباء ", {"type": "bold", "text": "إن الحكومة"}, " أدانت هجوما تبناه ",
                    {"type": "hashtag", "text": "#تنظيم_داعش"}, " ",
                    {"type": "text_link", "text": "التفاصيل", "href": "https://example.org/a"}],
                edited="2024-03-05T11:00:00", edited_unixtime="1709636400"),
        message(3, "", photo="photos/photo_1@05-03-2024_10-01-00.jpg", width=800, height=600),
        message(4, EN, forwarded_from="Evening Bulletin", reply_to_message_id=2,
                file="files/report.pdf", file_name="report.pdf", media_type="document", mime_type="application/pdf"),
    ]}


def write_json(path: Path, data: Any) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def test_result_json_one_document_per_text_message_with_entities_at_exact_offsets(tmp_path: Path) -> None:
    path = write_json(tmp_path / "export" / "result.json", channel())
    results = run(path)
    assert errors(results) == []
    first, second = docs(results)
    assert first.text == "قالت وكالة الأنباء إن الحكومة أدانت هجوما تبناه #تنظيم_داعش التفاصيل"
    assert (first.format, first.locator, first.id, first.lang) == (
        "telegram", "telegram:Daily News/2", "telegram:Daily News/2", "ar")
    spans = {e["type"]: first.text[e["start"]:e["end"]] for e in first.metadata["entities"]}
    assert spans == {"bold": "إن الحكومة", "hashtag": "#تنظيم_داعش", "text_link": "التفاصيل"}
    link = next(e for e in first.metadata["entities"] if e["type"] == "text_link")
    assert link["href"] == "https://example.org/a"
    meta = first.metadata
    assert (meta["channel"], meta["channel_id"], meta["channel_type"], meta["message_id"]) == (
        "Daily News", 777, "public_channel", 2)
    assert (meta["date"], meta["edited"], meta["from"]) == ("2024-03-05T10:00:00", "2024-03-05T11:00:00", "Daily News")
    assert second.text == EN and second.locator == "telegram:Daily News/4"
    assert (second.metadata["forwarded_from"], second.metadata["reply_to"]) == ("Evening Bulletin", 2)
    assert (second.metadata["media"], second.metadata["media_name"]) == ("files/report.pdf", "report.pdf")
    assert "edited" not in second.metadata


def test_text_given_as_a_string_or_a_list_when_text_entities_are_absent(tmp_path: Path) -> None:
    plain = {"id": 5, "type": "message", "text": EN}
    parts = {"id": 6, "type": "message", "text": ["see ", {"type": "mention", "text": "@daily"}, " now"]}
    path = write_json(tmp_path / "result.json", channel(messages=[plain, parts]))
    a, b = docs(run(path))
    assert a.text == EN and a.metadata["entities"] == []
    assert b.text == "see @daily now" and b.metadata["entities"] == [{"type": "mention", "start": 4, "end": 10}]


def test_full_account_export_reads_every_chat_with_its_own_name(tmp_path: Path) -> None:
    export = {
        "about": "Here is the data you requested.",
        "personal_information": {"user_id": 1, "first_name": "A", "last_name": "", "bio": ""},
        "contacts": {"about": "", "list": [{"first_name": "B", "date": "2024-01-01T00:00:00"}]},
        "chats": {"about": "", "list": [
            channel("Daily News", 777, [message(10, AR)]),
            channel("Weather Desk", 888, [message(10, EN), message(11, "Sunny in Amman today.")]),
        ]},
        "left_chats": {"about": "", "list": [channel("Old Channel", 999, [message(1, "Closed for the summer.")])]},
    }
    found = docs(run(write_json(tmp_path / "result.json", export)))
    assert [(d.locator, d.metadata["channel_id"]) for d in found] == [
        ("telegram:Daily News/10", 777), ("telegram:Weather Desk/10", 888), ("telegram:Weather Desk/11", 888),
        ("telegram:Old Channel/1", 999)]
    assert found[0].text == AR


def test_result_json_is_streamed_not_loaded_whole(tmp_path: Path) -> None:
    """The first message comes out when only the start of a large export has been read."""
    data = json.dumps(channel(messages=[message(i, f"Bulletin number {i}.") for i in range(1, 5_001)])).encode()
    stream = io.BytesIO(data)
    source = Source(name="big/result.json", opener=lambda: stream, size=len(data))
    items = TelegramFormat().read(source, IngestOptions())
    first = next(items)
    assert isinstance(first, Document) and first.text == "Bulletin number 1."
    assert stream.tell() < len(data) // 4, (stream.tell(), len(data))
    assert sum(1 for _ in items) == 4_999


def test_truncated_json_keeps_the_messages_before_and_names_the_last_one(tmp_path: Path) -> None:
    data = json.dumps(channel(messages=[message(i, f"Bulletin number {i}.") for i in range(1, 6)]))
    cut = data.index('"id": 4')  # inside message 4
    path = tmp_path / "cut" / "result.json"
    path.parent.mkdir()
    path.write_text(data[:cut], encoding="utf-8")
    results = run(path)
    assert [d.locator for d in docs(results)] == [f"telegram:Daily News/{i}" for i in (1, 2, 3)]
    [error] = errors(results)
    assert error.code == "E_TELEGRAM" and error.source == str(path)
    assert str(path) in error.message and "after telegram:Daily News/3" in error.message


def test_bad_exports_each_give_one_clear_error_and_the_good_one_is_still_read(tmp_path: Path) -> None:
    no_messages = write_json(tmp_path / "a" / "result.json", {"name": "Daily News", "type": "public_channel", "id": 1})
    not_json = tmp_path / "b" / "result.json"
    not_json.parent.mkdir()
    not_json.write_text("Daily News export\n", encoding="utf-8")
    array = tmp_path / "a2" / "result.json"
    array.parent.mkdir()
    array.write_text('[{"id": 1, "text": "not an export"}]', encoding="utf-8")
    empty = tmp_path / "c" / "result.json"
    empty.parent.mkdir()
    empty.write_bytes(b"")
    good = write_json(tmp_path / "d" / "result.json", channel(messages=[message(7, EN)]))
    results = run(tmp_path)
    assert [d.locator for d in docs(results)] == ["telegram:Daily News/7"]
    by_source = {e.source: e for e in errors(results)}
    assert set(by_source) == {str(no_messages), str(array), str(not_json), str(empty)}
    assert by_source[str(array)].code == "E_TELEGRAM" and '"messages"' in by_source[str(array)].message
    assert by_source[str(no_messages)].code == "E_TELEGRAM" and '"messages"' in by_source[str(no_messages)].message
    assert by_source[str(not_json)].code == "E_TELEGRAM" and "neither JSON nor HTML" in by_source[str(not_json)].message
    assert by_source[str(empty)].code == "E_EMPTY"
    assert all(source in error.message for source, error in by_source.items())
    assert good.exists()


def test_a_message_that_is_not_an_object_is_reported_and_the_rest_read(tmp_path: Path) -> None:
    path = write_json(tmp_path / "result.json", channel(messages=[message(1, EN), "oops", message(3, AR)]))
    results = run(path)
    assert [d.locator for d in docs(results)] == ["telegram:Daily News/1", "telegram:Daily News/3"]
    [error] = errors(results)
    assert error.code == "E_TELEGRAM" and "message 2 of Daily News is not an object" in error.message


# --- HTML export ---------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Exported Data</title>
<link href="css/style.css" rel="stylesheet"/><script src="js/script.js" type="text/javascript"></script></head>
<body onload="CheckLocation();">
<div class="page_wrap">
 <div class="page_header"><div class="content"><div class="text bold">Daily News</div></div></div>
 <div class="page_body chat_page">
  <div class="history">
   <div class="message service" id="message-1"><div class="body details">5 March 2024</div></div>
   <div class="message service" id="message1"><div class="body details">Channel «Daily News» created</div></div>
   <div class="message default clearfix" id="message2">
    <div class="pull_left userpic_wrap"><div class="userpic userpic2" style="width: 42px; height: 42px">
     <div class="initials" style="line-height: 42px">DN</div></div></div>
    <div class="body">
     <div class="pull_right date details" title="05.03.2024 10:00:00 UTC+03:00">10:00</div>
     <div class="from_name">Daily News </div>
     <div class="text">قالت وكالة الأنباء <strong>إن الحكومة</strong> أدانت هجوما تبناه \
<a href="" onclick="return ShowHashtag(&quot;تنظيم_داعش&quot;)">#تنظيم_داعش</a> \
<a href="https://example.org/a">التفاصيل</a></div>
    </div>
   </div>
   <div class="message default clearfix joined" id="message3">
    <div class="body">
     <div class="pull_right date details" title="05.03.2024 10:01:00 UTC+03:00">10:01</div>
     <div class="media_wrap clearfix"><a class="photo_wrap clearfix pull_left" \
href="photos/photo_1@05-03-2024_10-01-00.jpg"><img class="photo" src="photos/photo_1_thumb.jpg"/></a></div>
    </div>
   </div>
   <div class="message default clearfix joined" id="message4">
    <div class="body">
     <div class="pull_right date details" title="05.03.2024 10:02:00 UTC+03:00">10:02</div>
     <div class="reply_to details">In reply to <a href="#go_to_message2" onclick="return GoToMessage(2)">\
this message</a></div>
     <div class="forwarded body">
      <div class="from_name">Evening Bulletin<span class="date details" title="04.03.2024 20:00:00"> \
04.03.2024 20:00:00</span></div>
      <div class="text">The government <em>condemned</em> an attack<br>claimed by ISIS &amp; others.</div>
     </div>
    </div>
   </div>
  </div>
 </div>
</div>
</body></html>
"""


def test_html_export_one_document_per_message_with_entities_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "ChatExport_2024-03-05" / "messages.html"
    path.parent.mkdir()
    path.write_text(PAGE, encoding="utf-8")
    results = run(path)
    assert errors(results) == []
    first, second = docs(results)
    assert first.text == "قالت وكالة الأنباء إن الحكومة أدانت هجوما تبناه #تنظيم_داعش التفاصيل"
    assert (first.format, first.locator) == ("telegram", "telegram:Daily News/2")
    entities = first.metadata["entities"]
    assert {e["type"]: first.text[e["start"]:e["end"]] for e in entities} == {
        "bold": "إن الحكومة", "hashtag": "#تنظيم_داعش", "text_link": "التفاصيل"}
    assert first.metadata["from"] == "Daily News" and first.metadata["date"] == "05.03.2024 10:00:00 UTC+03:00"
    assert second.text == "The government condemned an attack\nclaimed by ISIS & others."
    assert second.locator == "telegram:Daily News/4"
    assert [(e["type"], second.text[e["start"]:e["end"]]) for e in second.metadata["entities"]] == [
        ("italic", "condemned")]
    meta = second.metadata
    assert (meta["from"], meta["forwarded_from"], meta["reply_to"]) == ("Daily News", "Evening Bulletin", 2)


def test_html_and_json_exports_of_one_channel_give_the_same_locators_and_texts(tmp_path: Path) -> None:
    html = tmp_path / "html" / "messages.html"
    html.parent.mkdir()
    html.write_text(PAGE, encoding="utf-8")
    js = write_json(tmp_path / "json" / "result.json", channel())
    from_html = {d.locator: (d.text.replace("\n", " ")) for d in docs(run(html))}
    from_json = {d.locator: d.text for d in docs(run(js))}
    assert from_html["telegram:Daily News/2"] == from_json["telegram:Daily News/2"]
    assert set(from_html) == set(from_json)


def test_a_messages_html_that_is_not_an_export_is_read_as_html(tmp_path: Path) -> None:
    path = tmp_path / "messages2.html"
    path.write_text(f"<html><head><title>Messages</title></head><body><p>{EN}</p></body></html>", encoding="utf-8")
    [doc] = docs(run(path))
    assert doc.format == "html" and EN in doc.text


# --- through `basira scan` -----------------------------------------------------------------------------


def scan(path: Path) -> list[dict[str, Any]]:
    result = CliRunner().invoke(app, ["scan", "--quiet", str(path)])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def test_both_exports_round_trip_through_basira_scan_with_exact_offsets(tmp_path: Path) -> None:
    html = tmp_path / "html" / "messages.html"
    html.parent.mkdir()
    html.write_text(PAGE, encoding="utf-8")
    js = write_json(tmp_path / "json" / "result.json", channel())
    for path in (js, html):
        texts = {d.locator: d.text for d in docs(run(path))}
        records = scan(path)
        assert [r["document"]["locator"] for r in records] == list(texts)
        found = [e for r in records for e in r["evidence"]]
        assert {e["text"] for e in found} >= {"ISIS"}, found
        for r in records:
            text = texts[r["document"]["locator"]]
            assert r["document"]["format"] == "telegram" and r["document"]["chars"] == len(text)
            for e in r["evidence"]:
                assert text[e["start"]:e["end"]] == e["text"]


def test_a_hostile_deeply_nested_messages_html_is_read_flat(tmp_path: Path) -> None:
    """No tree is built for it (lexbor takes minutes on such nesting, issue 13): the HTML reader reads it flat."""
    path = tmp_path / "messages.html"
    depth = 60_000
    path.write_text('<div class="history"><div class="message default" id="message1"><div class="body">'
                    + "<div>" * depth + EN + "</div>" * depth + "</div></div></div>", encoding="utf-8")
    [doc] = docs(run(path))
    assert doc.format == "html" and doc.metadata["extractor"] == "flat" and EN in doc.text


ENTITY_TYPES = ("plain", "bold", "italic", "link", "text_link", "hashtag", "mention", "code", "spoiler")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(ENTITY_TYPES), st.text(max_size=12)), max_size=12))
def test_flattened_entities_point_at_exactly_their_text(parts: list[tuple[str, str]]) -> None:
    text, entities = flatten_entities([{"type": kind, "text": t} for kind, t in parts])
    assert text == "".join(t for _, t in parts)
    expected = [(kind, t) for kind, t in parts if kind != "plain" and t]
    assert [(e["type"], text[e["start"]:e["end"]]) for e in entities] == expected
