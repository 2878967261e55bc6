# ruff: noqa: E501
"""Print the errors of basira on one probe/dev-half file (never the test split)."""
import sys

from basira.eval.gold import load_gold
from basira.eval.systems import basira_system

path = sys.argv[1]
assert "test" not in path
items = load_gold([path])
preds = basira_system()(items)
for g, p in zip(items, preds, strict=True):
    want = set(g.categories)
    got = set(p.categories)
    if (g.positive and (p.outcome != "violating" or not want <= got)) or (not g.positive and p.outcome == "violating"):
        ev = "; ".join(f"{e.get('label')}:{e.get('rule')}:{e.get('score')}" for e in p.evidence )
        print(f"{g.id} [{g.label[:3]} {','.join(g.categories)}|{g.kind}] -> {p.outcome} {sorted(got)}\n   {g.text}\n   {ev}")
