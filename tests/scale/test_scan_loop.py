"""``basira.scan.Scanner`` across worker processes: in order, bounded, and nothing lost when a document
raises or a worker process dies (real processes; the analyser below wraps the real one)."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import replace
from functools import cache

from basira.pipeline import Analyzer
from basira.scan import AnalyzerSpec, Scanner
from basira.types import Analysis, Document, InputError


@cache
def real() -> Analyzer:
    return AnalyzerSpec().build()


class Wrapped:
    """The real analyser, except: "BOOM" raises, "DIE" ends the worker process; each analysis records the
    process that made it in the document's metadata. Forked workers inherit it (``Scanner(analyzer=...)``)."""

    def versions(self) -> dict[str, object]:
        return real().versions()

    def analyze(self, document: Document) -> Analysis:
        if "BOOM" in document.text:
            raise RuntimeError("a recogniser bug")
        if "DIE" in document.text:
            os._exit(3)  # as the kernel's OOM killer would leave it: no clean-up, no exception
        analysis = real().analyze(document)
        return replace(analysis, document=replace(document, metadata={"pid": os.getpid()}))


def docs(n: int, pulled: list[int] | None = None, special: dict[int, str] | None = None) -> Iterator[Document]:
    for i in range(n):
        if pulled is not None:
            pulled.append(i)
        text = (special or {}).get(i, f"نص قصير رقم {i} عن الطقس في المدينة")
        yield Document(id=f"d{i}", source="generated", text=text, format="text")


def scanner(**kwargs: object) -> Scanner:
    return Scanner(AnalyzerSpec(), jobs=2, analyzer=Wrapped(), chunk_docs=4, **kwargs)  # type: ignore[arg-type]


def test_results_come_in_input_order_from_the_worker_processes() -> None:
    with scanner(keep_record=True) as scan:
        results = list(scan.scan(docs(40)))
    assert [r.item.id for r in results if isinstance(r.item, Document)] == [f"d{i}" for i in range(40)]
    pids = {r.record["document"]["metadata"]["pid"] for r in results if r.record}
    assert os.getpid() not in pids and len(pids) == 2
    with Scanner(AnalyzerSpec(), jobs=1, analyzer=Wrapped()) as serial:
        alone = list(serial.scan(docs(40)))
    pid = f'"pid":{os.getpid()}'.encode()
    assert all(pid in r.line for r in alone)
    assert [r.line.replace(pid, b"") for r in alone] == [  # the same lines but for the process id
        r.line.replace(f'"pid":{r.record["document"]["metadata"]["pid"]}'.encode(), b"") for r in results if r.record
    ]


def test_at_most_two_chunks_per_job_are_in_flight() -> None:
    pulled: list[int] = []
    with scanner() as scan:
        results = scan.scan(docs(200, pulled))
        next(results)
        # 2 jobs x 2 chunks x 4 documents in flight, plus the chunk being filled when the first came back
        assert len(pulled) <= 2 * 2 * 4 + 4 + 1
        assert len(list(results)) == 199


def test_a_document_that_raises_is_an_error_line_and_the_scan_goes_on() -> None:
    with scanner() as scan:
        results = list(scan.scan(docs(12, special={5: "BOOM"})))
    assert len(results) == 12
    record = json.loads(results[5].line)
    assert record["outcome"] == "error" and record["document"]["id"] == "d5"
    assert results[5].problem is not None and results[5].problem[0] == "E_ANALYSIS"
    assert "a recogniser bug" in results[5].problem[1] and "generated" in results[5].problem[1]
    assert all(r.problem is None for i, r in enumerate(results) if i != 5)


def test_a_dead_worker_loses_nothing() -> None:
    """Every document of the chunks in flight when the process died is an error line naming it; a new pool
    analyses the rest."""
    items: list[Document | InputError] = [*docs(30, special={9: "DIE"})]
    items.insert(3, InputError("generated", "E_JSON", "line 4: not JSON", "line 4"))
    with scanner() as scan:
        results = list(scan.scan(items))
    assert [r.item for r in results] == items
    failed = [r for r in results if r.problem is not None and r.problem[0] == "E_ANALYSIS"]
    assert any(r.item.id == "d9" for r in failed if isinstance(r.item, Document))
    assert all("ended unexpectedly" in r.problem[1] for r in failed if r.problem)
    assert len(failed) <= 2 * 2 * 4  # at most the chunks in flight
    assert json.loads(results[-1].line)["outcome"] == "not_violating"  # the rest was analysed
    assert results[3].problem == ("E_JSON", "line 4: not JSON")
