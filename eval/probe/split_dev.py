"""Split eval/gold/dev.jsonl deterministically into halves A/B (sha1(id) % 2) for generalisation checks."""
import hashlib
import json
from pathlib import Path

here = Path(__file__).parent
rows = [json.loads(line) for line in (here.parent / "gold" / "dev.jsonl").open(encoding="utf-8") if line.strip()]
halves: dict[str, list[dict]] = {"A": [], "B": []}
for row in rows:
    halves["AB"[int(hashlib.sha1(row["id"].encode()).hexdigest(), 16) % 2]].append(row)
for name, items in halves.items():
    with (here / f"dev_{name}.jsonl").open("w", encoding="utf-8") as handle:
        for row in items:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(name, len(items), sum(r["label"] == "violating" for r in items))
