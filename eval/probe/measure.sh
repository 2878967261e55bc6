#!/bin/sh
# Compact figures for dev half A, dev half B and the probe (never the test split).
cd "$(dirname "$0")/../.." || exit 2
out=${1:-/tmp/basira_measure}
mkdir -p "$out"
for name in dev_A dev_B probe probe2; do
  .venv/bin/basira eval "eval/probe/$name.jsonl" --json "$out/$name.json" >/dev/null 2>&1
done
.venv/bin/python - "$out" <<'PY'
import json, sys
out = sys.argv[1]
for name in ("dev_A", "dev_B", "probe", "probe2"):
    m = json.load(open(f"{out}/{name}.json"))
    m = m["systems"]["basira"]; m = m.get("metrics", m)
    v = m["violating"]
    cats = " ".join(f"{k[:5]}={c['recall']:.2f}/{c['precision']:.2f}" for k, c in sorted(m["per_category"].items()))
    fpr = " ".join(f"{k[:6]}={x['fpr']:.2f}" for k, x in m["fpr_by_kind"].items() if x["fpr"] > 0)
    print(f"{name:6} P={v['precision']:.3f} R={v['recall']:.3f} F1={v['f1']:.3f} (tp {v['tp']} fp {v['fp']} fn {v['fn']})")
    print(f"       cat R/P: {cats}")
    print(f"       FPR>0: {fpr or '-'}")
PY
