"""The messages of a Telegram Desktop HTML export page (``messages.html``, ``messages2.html``, …).

Each ``div.message.default`` is one message: its text (``div.text``) is flattened to plain text, ``<br>`` a
line break, and each formatting tag (bold, links, hashtags, mentions, …) becomes an entity with exact
offsets into that text. Service messages (channel created, pinned, …) carry no text of their own and are
skipped. The registry hands these pages to the ``telegram`` format; this module only parses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

# Tag -> the entity type result.json uses for the same formatting.
_TAG_ENTITY = {
    "strong": "bold",
    "b": "bold",
    "em": "italic",
    "i": "italic",
    "u": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
}
_MESSAGE_ID = re.compile(r"message-?(\d+)$")
_GO_TO = re.compile(r"(?:go_to_message|GoToMessage\()(\d+)")


@dataclass(frozen=True, slots=True)
class HtmlMessage:
    """One message of a page: its id, flattened text, entities (offsets into ``text``) and metadata."""

    message_id: int
    text: str
    entities: tuple[dict[str, Any], ...]
    metadata: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class HtmlPage:
    channel: str | None
    messages: tuple[HtmlMessage, ...]


def is_export_page(tree: Any) -> bool:
    """Whether the page is laid out as a Telegram Desktop export (its ``div.history`` of messages)."""
    return tree.css_first("div.history") is not None and tree.css_first("div.message") is not None


def _classes(node: Any) -> list[str]:
    return (node.attributes.get("class") or "").split()


def _clean(text: str | None) -> str:
    return " ".join((text or "").split())


def _link_entity(node: Any, text: str) -> dict[str, Any]:
    href = node.attributes.get("href") or ""
    onclick = node.attributes.get("onclick") or ""
    if "ShowHashtag" in onclick or (text.startswith("#") and not href.startswith("http")):
        return {"type": "hashtag"}
    if "ShowCashtag" in onclick:
        return {"type": "cashtag"}
    if "ShowMentionName" in onclick or (text.startswith("@") and href.startswith("https://t.me/")):
        return {"type": "mention"}
    if "ShowBotCommand" in onclick:
        return {"type": "bot_command"}
    if href.startswith("mailto:"):
        return {"type": "email"}
    if href.startswith("tel:"):
        return {"type": "phone"}
    if href == text or href.rstrip("/") == text.rstrip("/"):
        return {"type": "link"}
    return {"type": "text_link", "href": href}


def flatten(node: Any) -> tuple[str, list[dict[str, Any]]]:
    """The plain text of ``node`` (``<br>`` a line break) and its formatting entities, trimmed at both ends
    with the entities' offsets moved to match."""
    pieces: list[str] = []
    entities: list[dict[str, Any]] = []
    position = 0
    # A stack of (node, None) to enter and (node, (start, entity)) to close: no recursion on hostile markup.
    stack: list[tuple[Any, tuple[int, dict[str, Any] | None] | None]] = [
        (child, None) for child in reversed(list(node.iter(include_text=True)))
    ]
    while stack:
        item, closing = stack.pop()
        if closing is not None:
            start, opened = closing
            if opened is not None and position > start:
                if opened["type"] == "?":
                    opened = _link_entity(item, "".join(pieces)[start:position])
                entities.append({**opened, "start": start, "end": position})
            continue
        tag = item.tag
        if tag == "-text":
            text = item.text(deep=False) or ""
            pieces.append(text)
            position += len(text)
            continue
        if tag == "br":
            pieces.append("\n")
            position += 1
            continue
        if tag.startswith("-"):  # comments
            continue
        entity: dict[str, Any] | None = None
        if tag == "a":
            entity = {"type": "?"}  # decided on closing, from the link's text
        elif tag in _TAG_ENTITY:
            entity = {"type": _TAG_ENTITY[tag]}
        elif tag == "span" and "spoiler" in _classes(item):
            entity = {"type": "spoiler"}
        stack.append((item, (position, entity)))
        stack.extend((child, None) for child in reversed(list(item.iter(include_text=True))))
    raw = "".join(pieces)
    text = raw.strip()
    shift = len(raw) - len(raw.lstrip())
    kept: list[dict[str, Any]] = []
    for entity in sorted(entities, key=lambda e: (e["start"], -e["end"])):
        start = min(max(entity["start"] - shift, 0), len(text))
        end = min(max(entity["end"] - shift, 0), len(text))
        if end > start:
            kept.append({**entity, "start": start, "end": end})
    return text, kept


def _message_metadata(body: Any, last_from: str | None) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    date = body.css_first("div.date")
    if date is not None:
        title = date.attributes.get("title") or ""
        stamp, _, edited = title.partition("Edited:")
        meta["date"] = _clean(stamp) or _clean(date.text())
        if edited.strip():
            meta["edited"] = _clean(edited)
    sender = None
    for child in body.iter():
        if child.tag == "div" and "from_name" in _classes(child):
            sender = _clean(child.text(deep=False)) or _clean(child.text())
            break
    meta["from"] = sender or last_from
    forwarded = body.css_first("div.forwarded div.from_name")
    if forwarded is not None:
        meta["forwarded_from"] = _clean(forwarded.text(deep=False)) or _clean(forwarded.text())
    reply = body.css_first("div.reply_to a")
    if reply is not None:
        target = _GO_TO.search((reply.attributes.get("href") or "") + (reply.attributes.get("onclick") or ""))
        if target:
            meta["reply_to"] = int(target.group(1))
    media = body.css_first("div.media_wrap a[href]")
    if media is not None:
        meta["media"] = media.attributes.get("href")
    return meta


def parse_page(markup: str) -> HtmlPage | None:
    """The messages of an export page; ``None`` when the page is not laid out as a Telegram export."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(markup)
    if not is_export_page(tree):
        return None
    header = tree.css_first("div.page_header div.text.bold") or tree.css_first("div.page_header div.text")
    channel = _clean(header.text()) if header is not None else None
    messages: list[HtmlMessage] = []
    last_from: str | None = None
    for node in tree.css("div.message"):
        classes = _classes(node)
        match = _MESSAGE_ID.match(node.attributes.get("id") or "")
        if "service" in classes or "default" not in classes or match is None:
            continue
        body = node.css_first("div.body")
        if body is None:
            continue
        meta = _message_metadata(body, last_from)
        last_from = meta.get("from")
        text_node = body.css_first("div.text")
        text, entities = flatten(text_node) if text_node is not None else ("", [])
        messages.append(HtmlMessage(int(match.group(1)), text, tuple(entities), meta))
    return HtmlPage(channel or None, tuple(messages))
