#!/usr/bin/env bash
# Reconciliation quality and speed (issue 18): a generated network whose CMMS trusts also get a finance register with
# drift (`capital sample --finance`: 5% of assets not on the books, 5% ghost records, serial typos, cost and date
# differences; docs/reconcile.md), loaded into a fresh embedded cluster, then `capital reconcile --all`, scored against
# the generator's ground truth (<CODE>-finance-truth.csv). Not a timed test.
#
# Usage: bench/reconcile_precision.sh [ASSETS_PER_TRUST (default 10000)] [TRUSTS (default 2: both CMMS trusts)]
#   SKIP_BUILD=1   use the existing release build;  CAPITAL_BIN=…  use this binary;  KEEP=1  keep the work directory
#
# Prints, over all trusts: true pairs, matched, correct, recall (correct / true pairs), wrong matches (share of the
# matches that pair the wrong records), ambiguous, and the reconcile command's wall time and matching time per trust.
# Goals: recall >= 98%, wrong matches <= 0.5%, under 10 s at 10,000 assets per trust.
set -euo pipefail

ASSETS=${1:-10000}
TRUSTS=${2:-2}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
if [[ -n "${CAPITAL_BIN:-}" ]]; then
    BIN="$CAPITAL_BIN"
else
    [[ -n "${SKIP_BUILD:-}" ]] || swift build -c release --product capital >&2
    BIN="$ROOT/.build/release/capital"
fi
[[ -x "$BIN" ]] || { echo "no release build at $BIN" >&2; exit 1; }

WORK=$(mktemp -d /tmp/capreco.XXXXXX)
chmod 755 "$WORK"
export CAPITAL_DATA_DIR="$WORK/data"
cleanup() {
    "$BIN" db stop >/dev/null 2>&1 || true
    [[ -n "${KEEP:-}" ]] && echo "kept $WORK" >&2 || rm -rf "$WORK"
}
trap cleanup EXIT

"$BIN" db migrate >/dev/null
"$BIN" sample --trusts "$TRUSTS" --assets "$ASSETS" --seed 18 --finance --out "$WORK/sample" --load >"$WORK/load.log"
start=$(date +%s.%N)
"$BIN" reconcile --all --format json --out "$WORK/reconcile.json"
end=$(date +%s.%N)

python3 - "$WORK" "$start" "$end" <<'PY'
import csv, glob, json, os, sys
work, start, end = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
doc = json.load(open(os.path.join(work, "reconcile.json")))
truth = {}
for f in glob.glob(os.path.join(work, "sample", "*-finance-truth.csv")):
    code = os.path.basename(f).split("-")[0]
    for r in csv.DictReader(open(f)):
        if r["asset_tag"]:
            truth[(code, r["asset_number"])] = r["asset_tag"]
pairs = len(truth)
matched = correct = ambiguous = 0
print(f"{'trust':6} {'assets':>7} {'finance':>7} {'matched':>7} {'cmms only':>9} {'fin only':>8} {'ambig':>6} {'seconds':>8}")
for t in doc["trusts"]:
    if t["finance_records"] == 0:
        continue
    print(f"{t['trust']:6} {t['assets']:>7} {t['finance_records']:>7} {t['matched']:>7} {t['cmms_only']:>9} {t['finance_only']:>8} {t['ambiguous']:>6} {t['seconds']:>8.3f}")
    ambiguous += t["ambiguous"]
    for l in t["lines"]:
        if l["category"] == "matched":
            matched += 1
            if truth.get((t["trust"], l["asset_number"])) == l["asset_tag"]:
                correct += 1
wrong = matched - correct
print(f"true pairs {pairs}, matched {matched}, correct {correct}, ambiguous lines {ambiguous}")
print(f"recall {100 * correct / max(pairs, 1):.2f}% (goal >= 98%)   wrong matches {100 * wrong / max(matched, 1):.3f}% (goal <= 0.5%)   "
      f"precision {100 * correct / max(matched, 1):.2f}%")
print(f"capital reconcile --all: {end - start:.2f} s wall (process start, reading, matching, recording the links, JSON)")
PY
