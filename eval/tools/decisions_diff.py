#!/usr/bin/env python3
"""Check that two versions of basira decide identically: same outcome, categories, evidence and notes.

A rules + policy analyser (``Analyzer(stages=[PolicyStage(PolicyEngine(load_policy(None)))])``), or with
``--analyser default`` the analyser of ``basira scan`` (the shipped classifier included), runs over
every text of the JSONL corpora given, once with the basira importable here and once with another checkout's
``src`` (e.g. a ``git worktree add /tmp/basira-base <commit>`` of the code before a change); each run writes
one line per document, and the two files are compared line by line.

Run:  python eval/tools/decisions_diff.py --base /tmp/basira-base/src CORPUS.jsonl [CORPUS.jsonl ...]
      python eval/tools/decisions_diff.py --dump OUT.jsonl CORPUS.jsonl ...   (one side only)
      python eval/tools/decisions_diff.py --against OUT.jsonl CORPUS.jsonl ...  (this side against a dump)

Compared per document: the outcome; every category (id, outcome, score, evidence, qualifiers, explanation);
the statement of reasons; every evidence item (id, kind, label, span, text, recogniser, rule, score, attrs,
explanation); every note. ``versions`` are left out (a version bump alone is not a change of decision).
Exit status 1 when any document differs; the first differences are printed.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any


def read_texts(paths: list[Path]) -> Iterator[tuple[str, str]]:
    for path in paths:
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if line.strip():
                    row = json.loads(line)
                    yield f"{path.name}:{number}:{row.get('id', '')}", row["text"]


def fingerprint(analysis: Any) -> dict[str, Any]:
    decision = analysis.decision
    return {
        "outcome": decision.outcome.value if decision else None,
        "categories": [
            [c.id, c.outcome.value, repr(c.score), list(c.evidence), list(c.qualifiers), list(c.explanation)]
            for c in (decision.categories if decision else ())
        ],
        "statement": decision.statement_of_reasons if decision else None,
        "evidence": [
            [e.id, e.kind.value, e.label, e.start, e.end, e.text, e.recognizer, e.rule, repr(e.score),
             dict(e.attrs), e.explanation]
            for e in analysis.evidence
        ],
        "notes": [[n.code, n.message, list(n.evidence)] for n in analysis.notes],
    }


def dump(out: Path, corpora: list[Path], analyser: str = "rules") -> None:
    import basira
    from basira.pipeline import Analyzer
    from basira.policy import PolicyEngine, PolicyStage, load_policy
    from basira.types import Document

    if analyser == "default":  # what 'basira scan' runs: the shipped classifier included
        from basira.scan import build_analyzer

        analyzer = build_analyzer(None, None)
    else:
        analyzer = Analyzer(stages=[PolicyStage(PolicyEngine(load_policy(None)))])
    started = time.process_time()
    size = 0
    with out.open("w", encoding="utf-8") as handle:
        for key, text in read_texts(corpora):
            size += len(text.encode("utf-8"))
            analysis = analyzer.analyze(Document(id=key, source=key, text=text, format="text"))
            row = {"key": key, **fingerprint(analysis)}
            handle.write(json.dumps(row, ensure_ascii=False, sort_keys=True, default=str) + "\n")
    spent = time.process_time() - started
    where = Path(basira.__file__).parent
    rate = size / 1e6 / spent
    print(f"{out} ({where}): {size / 1e6:.2f} MB in {spent:.1f} CPU s ({rate:.2f} MB/s)", file=sys.stderr)


def compare(a: Path, b: Path, show: int = 5) -> int:
    differing = total = 0
    fields: dict[str, int] = {}
    with a.open(encoding="utf-8") as ha, b.open(encoding="utf-8") as hb:
        for line_a, line_b in zip(ha, hb, strict=True):
            total += 1
            if line_a == line_b:
                continue
            differing += 1
            row_a, row_b = json.loads(line_a), json.loads(line_b)
            changed = [k for k in row_a if row_a[k] != row_b.get(k)]
            for k in changed:
                fields[k] = fields.get(k, 0) + 1
            if differing <= show:
                print(f"DIFF {row_a['key']}: {', '.join(changed)}")
                for k in changed:
                    print(f"  base: {json.dumps(row_a[k], ensure_ascii=False)[:600]}")
                    print(f"  new:  {json.dumps(row_b[k], ensure_ascii=False)[:600]}")
    print(f"{total} documents compared, {differing} differ" + (f" (fields: {fields})" if fields else ""))
    return 1 if differing else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", nargs="+", type=Path)
    parser.add_argument("--base", type=Path, help="the other checkout's src directory")
    parser.add_argument("--dump", type=Path, help="write this side's fingerprints and stop")
    parser.add_argument("--against", type=Path, help="compare this side with fingerprints dumped before")
    parser.add_argument("--analyser", choices=("rules", "default"), default="rules",
                        help="rules + policy (default), or the default analyser of 'basira scan' (with the classifier)")
    args = parser.parse_args()
    if args.against:
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "new.jsonl"
            dump(out, args.corpora, args.analyser)
            return compare(args.against, out)
    if args.dump:
        dump(args.dump, args.corpora, args.analyser)
        return 0
    if not args.base:
        parser.error("give --base SRC (or --dump OUT)")
    here = Path(__file__).resolve().parents[2] / "src"
    with tempfile.TemporaryDirectory() as tmp:
        outs = []
        for name, src in (("base", args.base), ("new", here)):
            out = Path(tmp) / f"{name}.jsonl"
            env = {**os.environ, "PYTHONPATH": str(src)}
            subprocess.run([sys.executable, __file__, "--dump", str(out), "--analyser", args.analyser,
                            *map(str, args.corpora)], env=env, check=True)
            outs.append(out)
        return compare(outs[0], outs[1])


if __name__ == "__main__":
    sys.exit(main())
