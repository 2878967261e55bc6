"""Banks: named collections of known content, held as signals and labels only — never the text.

Data types
----------
``Bank`` (name, description, enabled, revision, …) holds ``BankEntry`` items. An entry has a ``key``
(stable id, unique within its bank), ``signals`` (signal-type name → signal string, e.g.
``{"sha256": "…64 hex…", "minhash": "…base64…"}``) and ``EntryLabels`` (category, entity, source,
added_by, added_at). Banks live in the store (``basira.store.Store``); ``MemoryBanks`` holds them in
memory for tests and for callers without a database.

Exchange formats (``basira bank import`` / ``basira bank export``)
------------------------------------------------------------------
Both carry hashes and labels only. Export never writes text, and import refuses any column or field
named ``text``.

**JSON** (``basira.bank/1``)::

    {"schema": "basira.bank/1",
     "bank": {"name": "known-statements", "description": "…"},
     "entries": [
       {"entry": "3f2a…",
        "signals": {"sha256": "<64 hex>", "minhash": "<base64, 684 chars>"},
        "labels": {"category": "glorification", "entity": "…", "source": "…",
                   "added_by": "analyst1", "added_at": "2025-01-31T12:00:00+00:00"}}]}

**CSV** (UTF-8, header row, one row per *signal*; rows sharing ``entry`` form one entry)::

    entry,signal_type,signal,category,entity,source,added_by,added_at

``entry`` may be empty on import (a key is generated per row). ``added_at`` is ISO 8601; empty means
"now". Unknown signal types and malformed signals are rejected with the line number.
"""

from __future__ import annotations

import csv
import io
import json
import uuid
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import IO, Any, Protocol

from basira.match.signals import get_signal_type, signal_types
from basira.normalize import normalize_plain

BANK_SCHEMA = "basira.bank/1"
CSV_COLUMNS = ("entry", "signal_type", "signal", "category", "entity", "source", "added_by", "added_at")
LABEL_FIELDS = ("category", "entity", "source", "added_by", "added_at")


def utcnow() -> datetime:
    return datetime.now(UTC)


def new_key() -> str:
    return uuid.uuid4().hex


@dataclass(frozen=True, slots=True)
class EntryLabels:
    """What is known about a bank entry. All optional except ``added_at``."""

    category: str | None = None
    entity: str | None = None
    source: str | None = None
    added_by: str | None = None
    added_at: datetime = field(default_factory=utcnow)

    def to_dict(self) -> dict[str, Any]:
        return {
            "category": self.category,
            "entity": self.entity,
            "source": self.source,
            "added_by": self.added_by,
            "added_at": self.added_at.isoformat(),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> EntryLabels:
        added_at = data.get("added_at")
        return cls(
            category=data.get("category") or None,
            entity=data.get("entity") or None,
            source=data.get("source") or None,
            added_by=data.get("added_by") or None,
            added_at=parse_time(added_at) if added_at else utcnow(),
        )


@dataclass(frozen=True, slots=True)
class NewEntry:
    """An entry to add: signals and labels; ``key`` None means "generate one"."""

    signals: Mapping[str, str]
    labels: EntryLabels = field(default_factory=EntryLabels)
    key: str | None = None


@dataclass(frozen=True, slots=True)
class BankEntry:
    key: str
    bank: str
    signals: Mapping[str, str]
    labels: EntryLabels

    def to_dict(self) -> dict[str, Any]:
        return {"entry": self.key, "signals": dict(self.signals), "labels": self.labels.to_dict()}


@dataclass(frozen=True, slots=True)
class Bank:
    name: str
    description: str = ""
    enabled: bool = True
    revision: int = 0
    entries: int = 0
    created_by: str | None = None
    created_at: datetime = field(default_factory=utcnow)

    @property
    def version(self) -> str:
        """Changes whenever the bank's content or state changes (recorded in analysis versions)."""
        return f"r{self.revision}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "description": self.description,
            "enabled": self.enabled,
            "revision": self.revision,
            "entries": self.entries,
            "created_by": self.created_by,
            "created_at": self.created_at.isoformat(),
        }


@dataclass(frozen=True, slots=True)
class AddResult:
    added: int
    skipped: int


class BankSource(Protocol):
    """Where a ``MatchStage`` reads banks from: ``basira.store.Store`` or ``MemoryBanks``."""

    def get_bank(self, name: str) -> Bank | None: ...

    def list_banks(self) -> list[Bank]: ...

    def iter_bank_entries(self, bank: str) -> Iterator[BankEntry]: ...

    def get_bank_entry(self, bank: str, key: str) -> BankEntry | None: ...


def parse_time(value: str | datetime) -> datetime:
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def compute_signals(text: str, types: Iterable[str] | None = None) -> dict[str, str]:
    """Every (or the named) signal of ``text``, normalising once; types that yield none are left out."""
    normalized = normalize_plain(text)
    out: dict[str, str] = {}
    for name in types if types is not None else signal_types():
        value = get_signal_type(name).from_normalized(normalized)
        if value is not None:
            out[name] = value
    return out


def validate_signals(signals: Mapping[str, str]) -> dict[str, str]:
    """Check each signal against its type; raises ``ValueError``/``KeyError`` on the first bad one."""
    if not signals:
        raise ValueError("E310: a bank entry needs at least one signal")
    return {name: get_signal_type(name).validate(value) for name, value in signals.items()}


class MemoryBanks:
    """Banks in memory, with the ``BankSource`` interface (tests, quick scripts)."""

    def __init__(self) -> None:
        self._banks: dict[str, Bank] = {}
        self._entries: dict[str, dict[str, BankEntry]] = {}

    def create_bank(self, name: str, description: str = "") -> Bank:
        if name in self._banks:
            raise ValueError(f"E311: bank {name!r} exists")
        self._banks[name] = Bank(name=name, description=description)
        self._entries[name] = {}
        return self._banks[name]

    def add(self, bank: str, entries: Iterable[NewEntry]) -> AddResult:
        held = self._entries[bank]
        known_sha = {e.signals.get("sha256") for e in held.values()} - {None}
        added = skipped = 0
        for new in entries:
            signals = validate_signals(new.signals)
            key = new.key or new_key()
            if key in held or (signals.get("sha256") in known_sha):
                skipped += 1
                continue
            held[key] = BankEntry(key=key, bank=bank, signals=signals, labels=new.labels)
            if "sha256" in signals:
                known_sha.add(signals["sha256"])
            added += 1
        b = self._banks[bank]
        self._banks[bank] = replace(b, revision=b.revision + 1, entries=len(held))
        return AddResult(added, skipped)

    def set_enabled(self, bank: str, enabled: bool) -> Bank:
        b = self._banks[bank]
        self._banks[bank] = replace(b, enabled=enabled, revision=b.revision + 1)
        return self._banks[bank]

    def get_bank(self, name: str) -> Bank | None:
        return self._banks.get(name)

    def list_banks(self) -> list[Bank]:
        return [self._banks[n] for n in sorted(self._banks)]

    def iter_bank_entries(self, bank: str) -> Iterator[BankEntry]:
        yield from self._entries.get(bank, {}).values()

    def get_bank_entry(self, bank: str, key: str) -> BankEntry | None:
        return self._entries.get(bank, {}).get(key)


# ---------------------------------------------------------------------------------------------- formats


def write_json(bank: Bank, entries: Iterable[BankEntry], stream: IO[str]) -> int:
    """Write ``basira.bank/1`` JSON, streaming the entries; returns how many were written."""
    head = {"schema": BANK_SCHEMA, "bank": {"name": bank.name, "description": bank.description}}
    stream.write(json.dumps(head, ensure_ascii=False)[:-1] + ', "entries": [')
    count = 0
    for entry in entries:
        stream.write(("\n  " if count == 0 else ",\n  ") + json.dumps(entry.to_dict(), ensure_ascii=False))
        count += 1
    stream.write("\n]}\n")
    return count


def write_csv(entries: Iterable[BankEntry], stream: IO[str]) -> int:
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    count = 0
    for entry in entries:
        labels = entry.labels.to_dict()
        for signal_type, value in sorted(entry.signals.items()):
            writer.writerow([entry.key, signal_type, value, *(labels[f] or "" for f in LABEL_FIELDS)])
        count += 1
    return count


def _refuse_text(names: Iterable[str], where: str) -> None:
    if "text" in {n.strip().lower() for n in names}:
        raise ValueError(f"E312: {where} has a 'text' field; bank files hold signals and labels only")


def read_json(stream: IO[str]) -> tuple[dict[str, Any], list[NewEntry]]:
    """Parse ``basira.bank/1`` JSON: (bank header, entries)."""
    data = json.load(stream)
    if not isinstance(data, dict) or data.get("schema") != BANK_SCHEMA:
        raise ValueError(f"E313: not a {BANK_SCHEMA} file (missing or different 'schema')")
    entries: list[NewEntry] = []
    for i, item in enumerate(data.get("entries", []), start=1):
        _refuse_text(item, f"entry {i}")
        _refuse_text(item.get("labels", {}), f"entry {i} labels")
        try:
            signals = validate_signals(item.get("signals") or {})
        except (KeyError, ValueError) as exc:
            raise ValueError(f"entry {i}: {exc}") from None
        entries.append(NewEntry(signals, EntryLabels.from_dict(item.get("labels") or {}), item.get("entry")))
    return dict(data.get("bank") or {}), entries


def read_csv(stream: IO[str]) -> list[NewEntry]:
    """Parse the CSV format; rows sharing a non-empty ``entry`` merge into one entry."""
    reader = csv.DictReader(stream)
    if reader.fieldnames is None:
        return []
    _refuse_text(reader.fieldnames, "the CSV header")
    missing = {"signal_type", "signal"} - set(reader.fieldnames)
    if missing:
        raise ValueError(f"E314: CSV lacks column(s) {', '.join(sorted(missing))}; expected {CSV_COLUMNS}")
    merged: dict[str, tuple[dict[str, str], EntryLabels]] = {}
    order: list[str] = []
    for line, row in enumerate(reader, start=2):
        try:
            signal_type = row["signal_type"].strip()
            value = get_signal_type(signal_type).validate(row["signal"].strip())
        except (KeyError, ValueError, AttributeError) as exc:
            raise ValueError(f"line {line}: {exc}") from None
        key = (row.get("entry") or "").strip() or new_key()
        if key not in merged:
            merged[key] = ({}, EntryLabels.from_dict(row))
            order.append(key)
        merged[key][0][signal_type] = value
    return [NewEntry(merged[k][0], merged[k][1], k) for k in order]


def read_bank_file(text: str, fmt: str) -> tuple[dict[str, Any], list[NewEntry]]:
    """Parse an import file's content in ``fmt`` ("json" or "csv")."""
    if fmt == "json":
        return read_json(io.StringIO(text))
    if fmt == "csv":
        return {}, read_csv(io.StringIO(text))
    raise ValueError(f"E315: unknown bank file format {fmt!r} (json or csv)")
