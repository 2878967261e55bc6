"""Telegram Desktop exports: ``result.json`` (one chat, or a whole account's ``chats`` → ``list``) and the
HTML pages (``messages.html``, ``messages2.html``, …). One document per message that has text.

The text is the message's text entities (bold, links, hashtags, mentions, …) flattened to plain text; the
entities are kept in ``metadata["entities"]`` with offsets into it. Metadata also carries the channel's name
(and id and type, in JSON), the message id, date, edit date, forwarded-from, reply-to, sender and media file.
Locator and id: ``telegram:<channel name>/<message id>``, the same for both kinds of export.

``result.json`` is streamed (``ijson``): a message is built, yielded and forgotten, so an export of a million
messages is never held whole. A cut-off or broken file yields every message before the damage, then one
``E_TELEGRAM`` naming the last message read. Messages without text (a photo with no caption, service
messages) give no document: their media files are read by the image format when the export folder is
scanned. An HTML page named like an export page that is not laid out as one is read as ordinary HTML.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import IO, Any

from basira.ingest.decode import DecodeProblem, decode_bytes
from basira.ingest.documents import emit
from basira.ingest.errors import E_EMPTY, E_TELEGRAM, input_error
from basira.ingest.formats.html import HtmlFormat, meta_charset, too_deep
from basira.ingest.formats.telegram_html import parse_page
from basira.ingest.options import IngestOptions
from basira.ingest.registry import Format, register
from basira.ingest.source import Source
from basira.types import Document, InputError

# Where chats sit in result.json: a one-chat export is the chat itself; a full export lists them.
CHAT_PREFIXES = ("", "chats.list.item", "left_chats.list.item")
MESSAGE_PREFIXES = {f"{prefix}.messages.item".lstrip("."): prefix for prefix in CHAT_PREFIXES}
_CHAT_FIELDS = {
    f"{prefix}.{key}".lstrip("."): (prefix, key) for prefix in CHAT_PREFIXES for key in ("name", "id", "type")
}
_MESSAGE = "message"  # the one prefix every chat's messages get on their way to the object builder
# result.json keys copied into metadata as they are, under these names.
_COPIED = {
    "date": "date",
    "date_unixtime": "date_unixtime",
    "edited": "edited",
    "edited_unixtime": "edited_unixtime",
    "from": "from",
    "from_id": "from_id",
    "forwarded_from": "forwarded_from",
    "saved_from": "saved_from",
    "reply_to_message_id": "reply_to",
    "author": "author",
    "media_type": "media_type",
    "mime_type": "mime_type",
}
MEDIA_KEYS = ("photo", "file", "thumbnail")
HEAD_BYTES = 4096


def locator_of(channel: str, message_id: object) -> str:
    return f"telegram:{channel}/{message_id}"


def flatten_entities(parts: Any) -> tuple[str, list[dict[str, Any]]]:
    """result.json's ``text_entities`` (or ``text``: a string, or a list of strings and entity objects) as
    plain text and the entities that are not plain, with offsets into that text."""
    if isinstance(parts, str):
        return parts, []
    if not isinstance(parts, list):
        return "", []
    pieces: list[str] = []
    entities: list[dict[str, Any]] = []
    position = 0
    for part in parts:
        if isinstance(part, str):
            text, kind, extra = part, "plain", {}
        elif isinstance(part, Mapping) and isinstance(part.get("text"), str):
            text, kind = part["text"], str(part.get("type") or "plain")
            extra = {k: part[k] for k in ("href", "user_id", "language") if k in part}
        else:
            continue
        if text and kind != "plain":
            entities.append({"type": kind, "start": position, "end": position + len(text), **extra})
        pieces.append(text)
        position += len(text)
    return "".join(pieces), entities


def _json_metadata(message: Mapping[str, Any], chat: Mapping[str, Any]) -> dict[str, Any]:
    meta: dict[str, Any] = {"channel": chat.get("name")}
    if chat.get("id") is not None:
        meta["channel_id"] = chat["id"]
    if chat.get("type") is not None:
        meta["channel_type"] = chat["type"]
    meta["message_id"] = message.get("id")
    for key, name in _COPIED.items():
        if message.get(key) is not None:
            meta[name] = message[key]
    for key in MEDIA_KEYS:
        if isinstance(message.get(key), str):
            meta["media"] = message[key]
            if isinstance(message.get("file_name"), str):
                meta["media_name"] = message["file_name"]
            break
    return meta


def _channel_label(chat: Mapping[str, Any], source: Source) -> str:
    name = chat.get("name")
    if isinstance(name, str) and name.strip():
        return " ".join(name.split())
    if chat.get("id") is not None:
        return str(chat["id"])
    return source.basename


@register
class TelegramFormat(Format):
    name = "telegram"
    extensions = ()
    filenames = ("result.json", "messages*.html")

    def read(self, source: Source, options: IngestOptions) -> Iterator[Document | InputError]:
        with source.open() as stream:
            head = stream.read(HEAD_BYTES)
            start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
            if not head:
                yield input_error(E_EMPTY, source.name, reason="0 bytes")
                return
            if start in (b"{", b"["):  # a top-level array is JSON too, just not an export (said below)
                stream.seek(0)
                yield from self._json(stream, source, options)
                return
            if start == b"<":
                stream.seek(0)
                data = stream.read()
            else:
                yield input_error(E_TELEGRAM, source.name, reason=f"neither JSON nor HTML: it starts with {head[:8]!r}")
                return
        yield from self._html(data, source, options)

    # --- result.json -----------------------------------------------------------------------------------

    def _json(self, stream: IO[bytes], source: Source, options: IngestOptions) -> Iterator[Document | InputError]:
        import ijson

        chats: dict[str, dict[str, Any]] = {prefix: {} for prefix in CHAT_PREFIXES}
        saw_messages = False
        chat_prefix = ""

        def observed(events: Iterator[tuple[str, str, Any]]) -> Iterator[tuple[str, str, Any]]:
            """The parser's events, passed on to ijson's (C) object builder with every chat's messages under
            one prefix, noting on the way the chat each message belongs to."""
            nonlocal saw_messages, chat_prefix
            for prefix, event, value in events:
                if prefix in MESSAGE_PREFIXES:  # a message starts or ends (its own keys too)
                    chat_prefix = MESSAGE_PREFIXES[prefix]
                    yield _MESSAGE, event, value
                    continue
                if event == "start_array" and prefix.endswith("messages") and f"{prefix}.item" in MESSAGE_PREFIXES:
                    saw_messages = True
                elif event == "start_map" and prefix in chats:
                    chats[prefix] = {}
                elif prefix in _CHAT_FIELDS and event in ("string", "number"):
                    owner, key = _CHAT_FIELDS[prefix]
                    chats[owner][key] = value
                yield prefix, event, value

        last: str | None = None  # locator of the last message read, for the message on damage
        number = 0
        try:
            for message in ijson.items(observed(ijson.parse(stream, use_float=True)), _MESSAGE):
                number += 1
                chat = chats[chat_prefix]
                yield from self._message(message, chat, number, source, options)
                if isinstance(message, Mapping) and message.get("id") is not None:
                    last = locator_of(_channel_label(chat, source), message["id"])
        except ijson.JSONError as error:
            after = f"after {last}" if last else "before the first message"
            detail = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
            reason = f"truncated or invalid JSON {after}: {detail}"
            yield input_error(E_TELEGRAM, source.name, reason=reason)
            return
        if not saw_messages:
            reason = 'no "messages" list: not a chat export, nor a full export with "chats" → "list"'
            yield input_error(E_TELEGRAM, source.name, reason=reason)

    def _message(
        self, message: Any, chat: Mapping[str, Any], number: int, source: Source, options: IngestOptions
    ) -> Iterator[Document | InputError]:
        channel = _channel_label(chat, source)
        if not isinstance(message, Mapping):
            reason = f"message {number:,} of {channel} is not an object"
            yield input_error(E_TELEGRAM, source.name, reason=reason)
            return
        if message.get("type", "message") != "message":
            return  # service messages: channel created, message pinned, …
        message_id = message.get("id")
        if not isinstance(message_id, int | str) or isinstance(message_id, bool):
            message_id = f"#{number}"
        entities_field = message.get("text_entities")
        text, entities = flatten_entities(entities_field if isinstance(entities_field, list) else message.get("text"))
        if not text.strip():
            return  # media without a caption
        locator = locator_of(channel, message_id)
        metadata = _json_metadata(message, chat)
        metadata["entities"] = entities
        yield from emit(
            [text], options=options, doc_id=locator, source=source.name, fmt=self.name, locator=locator,
            metadata=metadata,
        )

    # --- messages.html ---------------------------------------------------------------------------------

    def _html(self, data: bytes, source: Source, options: IngestOptions) -> Iterator[Document | InputError]:
        try:
            markup, _encoding = decode_bytes(data, meta_charset(data))
        except DecodeProblem as problem:
            yield input_error(problem.template, source.name, **problem.fields)
            return
        # Markup nested deeper than any export page is hostile (lexbor's cost grows with the square of the
        # depth, issue 13): the HTML reader reads it flat. So is a messages.html that is some other page.
        page = None if too_deep(markup) else parse_page(markup)
        if page is None:
            yield from HtmlFormat().read(source, options)
            return
        channel = page.channel or source.basename
        for message in page.messages:
            if not message.text.strip():
                continue
            locator = locator_of(channel, message.message_id)
            metadata: dict[str, Any] = {"channel": page.channel, "message_id": message.message_id}
            metadata.update(message.metadata)
            metadata["entities"] = list(message.entities)
            yield from emit(
                [message.text], options=options, doc_id=locator, source=source.name, fmt=self.name,
                locator=locator, metadata=metadata,
            )
