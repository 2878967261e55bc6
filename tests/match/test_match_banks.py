"""Bank exchange formats: JSON and CSV round trips, hashes and labels only, never text."""

from __future__ import annotations

import io
import json

import pytest
from match_texts import AMENDED, STATEMENT

from basira.match.banks import (
    Bank,
    BankEntry,
    EntryLabels,
    MemoryBanks,
    NewEntry,
    compute_signals,
    read_bank_file,
    validate_signals,
    write_csv,
    write_json,
)


def _entries() -> list[BankEntry]:
    banks = MemoryBanks()
    banks.create_bank("b")
    banks.add("b", [
        NewEntry(compute_signals(STATEMENT), EntryLabels(category="glorification", source="synthetic"), key="k1"),
        NewEntry(compute_signals(AMENDED), EntryLabels(entity="org-x", added_by="tester"), key="k2"),
    ])
    return list(banks.iter_bank_entries("b"))


def _no_text(output: str) -> None:
    for text in (STATEMENT, AMENDED):
        for line in text.splitlines():
            assert line not in output
        for word in ("الحديقة", "البلدية", "السوق"):
            assert word not in output


def test_json_round_trip_keeps_keys_signals_and_labels():
    entries = _entries()
    out = io.StringIO()
    assert write_json(Bank("b", "synthetic"), entries, out) == 2
    _no_text(out.getvalue())
    data = json.loads(out.getvalue())
    assert data["schema"] == "basira.bank/1"
    assert all(set(e) == {"entry", "signals", "labels"} for e in data["entries"])
    header, parsed = read_bank_file(out.getvalue(), "json")
    assert header == {"name": "b", "description": "synthetic"}
    assert [(p.key, dict(p.signals), p.labels) for p in parsed] == [
        (e.key, dict(e.signals), e.labels) for e in entries
    ]


def test_csv_round_trip_merges_rows_of_one_entry():
    entries = _entries()
    out = io.StringIO()
    assert write_csv(entries, out) == 2
    _no_text(out.getvalue())
    lines = out.getvalue().splitlines()
    assert lines[0] == "entry,signal_type,signal,category,entity,source,added_by,added_at"
    assert len(lines) == 1 + 2 * 2  # one row per signal
    _, parsed = read_bank_file(out.getvalue(), "csv")
    assert [(p.key, dict(p.signals), p.labels) for p in parsed] == [
        (e.key, dict(e.signals), e.labels) for e in entries
    ]


def test_import_refuses_a_text_column():
    content = "entry,signal_type,signal,text\nk,sha256," + "0" * 64 + ",some words\n"
    with pytest.raises(ValueError, match="E312"):
        read_bank_file(content, "csv")
    doc = {"schema": "basira.bank/1", "entries": [{"signals": {"sha256": "0" * 64}, "text": "x"}]}
    with pytest.raises(ValueError, match="E312"):
        read_bank_file(json.dumps(doc), "json")


def test_import_reports_bad_signals_with_their_line():
    content = "entry,signal_type,signal\nk,sha256,abc\n"
    with pytest.raises(ValueError, match=r"line 2.*E301"):
        read_bank_file(content, "csv")
    with pytest.raises(ValueError, match=r"line 2.*E302"):
        read_bank_file("signal_type,signal\npdq,abc\n", "csv")
    with pytest.raises(ValueError, match="E313"):
        read_bank_file('{"entries": []}', "json")


def test_csv_rows_without_entry_key_get_one_each():
    content = "signal_type,signal,category\nsha256," + "a" * 64 + ",threat\nsha256," + "b" * 64 + ",\n"
    _, parsed = read_bank_file(content, "csv")
    assert len({p.key for p in parsed}) == 2
    assert parsed[0].labels.category == "threat" and parsed[1].labels.category is None


def test_an_entry_needs_a_signal():
    with pytest.raises(ValueError, match="E310"):
        validate_signals({})


def test_memory_banks_skip_duplicates_by_key_and_sha256():
    banks = MemoryBanks()
    banks.create_bank("b")
    signals = compute_signals(STATEMENT)
    assert banks.add("b", [NewEntry(signals, key="a"), NewEntry(signals, key="b")]).skipped == 1
    assert banks.add("b", [NewEntry(compute_signals(AMENDED), key="a")]).skipped == 1
    with pytest.raises(ValueError, match="E311"):
        banks.create_bank("b")
