"""``basira cluster``: group the documents of a scan into versions of the same statement, and show what
changed between versions ("amended") as a sentence-by-sentence diff of the original texts.

    basira cluster scan.jsonl --inputs corpus/            # texts re-read from the inputs, by sha256
    basira cluster scan.jsonl --db sqlite:///basira.db    # texts from the store (retention=full)
    basira cluster --inputs corpus/ --show 1              # no scan: cluster the inputs themselves
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from basira.cli.common import console as make_console
from basira.match.sources import is_scan_jsonl, read_scan_records, record_sources, safe_display, texts_from_inputs

EXIT_SOME_FAILED = 1
EXIT_USAGE = 2


@dataclass(frozen=True, slots=True)
class _Item:
    sha256: str
    source: str | None
    locator: str | None
    outcome: str | None
    text: str

    @property
    def name(self) -> str:
        where = f" {self.locator}" if self.locator else ""
        return f"{self.source or '?'}{where}"


def _gather(
    scan: str | None, inputs: list[str], db: str | None, text_field: str, id_field: str, err: Console
) -> tuple[list[_Item], int]:
    records: list[dict[str, Any]] = []
    if scan is not None:
        records = [r for r in read_scan_records(scan) if r.get("outcome") != "error"]
    wanted = {r["document"]["sha256"] for r in records} if records else None
    texts: dict[str, str] = {}
    meta: dict[str, tuple[str | None, str | None]] = {}
    if db is not None:
        from basira.store import Store

        with Store.open(db) as store:
            if wanted is None:
                for d in store.iter_documents(with_text_only=True):
                    texts[d.sha256], meta[d.sha256] = d.text or "", (d.source, d.locator)
            else:
                for sha in wanted:
                    found = store.document_by_sha256(sha)
                    if found is not None and found.text is not None:
                        texts[sha], meta[sha] = found.text, (found.source, found.locator)
    paths = inputs or (record_sources(records) if records and db is None else [])
    if paths:
        documents, errors = texts_from_inputs(
            paths, wanted, text_field=text_field, id_field=id_field,
            on_skip=lambda name, why: err.print(f"skipped {safe_display(name)}: {why}", markup=False))
        for e in errors:
            err.print(f"error {e.source}: [{e.code}] {e.message}", markup=False)
        for sha, doc in documents.items():
            texts.setdefault(sha, doc.text)
            meta.setdefault(sha, (doc.source, doc.locator))
    items: list[_Item] = []
    missing = 0
    if records:
        seen: set[str] = set()
        for r in records:
            doc = r["document"]
            sha = doc["sha256"]
            if sha in seen:
                continue
            seen.add(sha)
            if sha not in texts:
                missing += 1
                err.print(f"missing text: {doc.get('source')} {doc.get('locator') or ''} (sha256 {sha[:12]}…)",
                          markup=False)
                continue
            items.append(_Item(sha, doc.get("source"), doc.get("locator"), r.get("outcome"), texts[sha]))
    else:
        items = [_Item(sha, meta[sha][0], meta[sha][1], None, text) for sha, text in texts.items()]
    return items, missing


def cluster(
    scan: str | None = typer.Argument(None, help="A 'basira scan' JSON Lines file (optional)."),
    inputs: list[str] = typer.Option([], "--inputs", "-i", help="The original inputs (files, directories)."),
    db: str | None = typer.Option(None, "--db", help="Read texts from this store (it must keep text)."),
    threshold: float = typer.Option(0.5, help="Jaccard similarity of word 3-shingles to join two documents."),
    min_size: int = typer.Option(2, help="Smallest cluster to report."),
    show: list[int] = typer.Option([], "--show", help="Show the diffs of this cluster (1-based); repeatable."),
    output_format: str = typer.Option("table", "--format", "-f", help="table or json (json has every diff)."),
    text_field: str = typer.Option("text", help="JSON Lines/CSV field holding the text."),
    id_field: str = typer.Option("id", help="JSON Lines/CSV field holding the document id."),
) -> None:
    """Cluster near-duplicate documents and show what differs between the versions of a statement."""
    err = make_console(stderr=True, highlight=False)
    if output_format not in ("table", "json"):
        raise typer.BadParameter("--format must be 'table' or 'json'")
    if not 0.0 < threshold <= 1.0:
        raise typer.BadParameter("--threshold must be in (0, 1]")
    if scan is not None and not is_scan_jsonl(scan):
        err.print(f"error: {scan} is not a basira.scan/1 JSON Lines file", markup=False)
        raise typer.Exit(EXIT_USAGE)
    if scan is None and not inputs and db is None:
        err.print("error: give a scan file, --inputs or --db", markup=False)
        raise typer.Exit(EXIT_USAGE)
    from basira.match.cluster import cluster_texts, version_diff

    items, missing = _gather(scan, inputs, db, text_field, id_field, err)
    clusters = cluster_texts([i.text for i in items], threshold, min_size=min_size)
    if output_format == "json":
        out = {
            "schema": "basira.clusters/1",
            "threshold": threshold,
            "documents": len(items),
            "clusters": [
                {
                    "id": n,
                    "members": [
                        {"sha256": items[m].sha256, "source": items[m].source, "locator": items[m].locator,
                         "outcome": items[m].outcome, "jaccard_to_base": round(j, 4)}
                        for m, j in zip(c.members, c.jaccard, strict=True)
                    ],
                    "diffs": [
                        {"from": items[c.base].sha256, "to": items[m].sha256,
                         "diff": version_diff(items[c.base].text, items[m].text, items[c.base].name, items[m].name)}
                        for m in c.members[1:]
                    ],
                }
                for n, c in enumerate(clusters, start=1)
            ],
        }
        typer.echo(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        console = make_console(highlight=False)
        table = Table(title=f"basira clusters ({len(clusters)} of {len(items)} documents, threshold {threshold:g})")
        for column in ("cluster", "versions", "base", "members (Jaccard to base)"):
            table.add_column(column)
        for n, c in enumerate(clusters, start=1):
            others = ", ".join(f"{items[m].name} ({j:.0%})" for m, j in zip(c.members[1:], c.jaccard[1:], strict=True))
            table.add_row(str(n), str(len(c.members)), Text(safe_display(items[c.base].name, 60)),
                          Text(safe_display(others, 200)))
        console.print(table)
        for n in show:
            if not 1 <= n <= len(clusters):
                err.print(f"no cluster {n}", markup=False)
                continue
            c = clusters[n - 1]
            base = items[c.base]
            for m in c.members[1:]:
                console.print(Text(f"\ncluster {n}: {safe_display(base.name)} → {safe_display(items[m].name)}",
                                   style="bold"))
                for line in version_diff(base.text, items[m].text, base.name, items[m].name) or ["(same text)"]:
                    style = "green" if line.startswith("+") else "red" if line.startswith("-") else ""
                    console.print(Text(safe_display(line), style=style))
    if missing:
        raise typer.Exit(EXIT_SOME_FAILED)


def register(app: typer.Typer) -> None:
    app.command("cluster")(cluster)
