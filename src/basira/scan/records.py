"""One input item (a document or an input error) → its ``basira.scan/1`` record, never an exception."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from basira.output import EvidenceMode, analysis_dict, error_dict, json_line
from basira.pipeline import Analyzer
from basira.types import Document, InputError

E_ANALYSIS = "E_ANALYSIS"  # the pipeline raised on one document: reported as that document's record, the scan goes on


@dataclass(frozen=True, slots=True)
class Produced:
    """What a worker sends back for one item: the output line, and the records the caller asked to keep."""

    line: bytes  # the output record, serialised (json_line)
    record: dict[str, Any] | None  # the output record, when kept (a table, a Dask part's counts)
    full: dict[str, Any] | None  # the record with every evidence (for the store), when kept; None for errors
    problem: tuple[str, str] | None  # (code, message) when the item is an error record


def not_analysed(doc: Document, why: str, versions: dict[str, Any]) -> dict[str, Any]:
    """The ``E_ANALYSIS`` error record of a document that has no analysis: the input's name and ``why``."""
    where = f"{doc.source}, {doc.locator}" if doc.locator else doc.source
    record = error_dict(InputError(doc.source, E_ANALYSIS, f"{where}: {why}", doc.locator), versions)
    record["document"].update(id=doc.id, format=doc.format, lang=doc.lang, sha256=doc.sha256,
                              chars=len(doc.text), title=doc.title)
    return record


def analysis_failed(doc: Document, error: Exception, versions: dict[str, Any]) -> dict[str, Any]:
    """The error record of a document the pipeline raised on: the input's name and the exception."""
    return not_analysed(doc, f"analysis failed ({type(error).__name__}: {error})", versions)


def error_result(record: dict[str, Any], keep_record: bool) -> Produced:
    """An error record as a result (its first error is the problem reported)."""
    first = record["errors"][0]
    return Produced(json_line(record), record if keep_record else None, None, (first["code"], first["message"]))


def produce(
    analyzer: Analyzer,
    item: Document | InputError,
    versions: dict[str, Any],
    *,
    evidence: EvidenceMode = "decisive",
    keep_record: bool = False,
    keep_full: bool = False,
) -> Produced:
    """Analyse one item. A document the pipeline raises on becomes an ``E_ANALYSIS`` error record."""
    if isinstance(item, InputError):
        return error_result(error_dict(item, versions), keep_record)
    try:
        analysis = analyzer.analyze(item)
    except Exception as error:  # one document's failure is its record, not the scan's end
        return error_result(analysis_failed(item, error, versions), keep_record)
    record = analysis_dict(analysis, evidence)
    full = None
    if keep_full:
        full = record if evidence == "all" else analysis_dict(analysis, "all")
    return Produced(json_line(record), record if keep_record else None, full, None)
