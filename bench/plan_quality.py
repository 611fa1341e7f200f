#!/usr/bin/env python3
"""Issue 13's figures: is the replacement plan one an equipment lead would sign? (Not a test: prints figures.)

Usage:
  python3 bench/plan_quality.py [--capital .build/release/capital] [--trusts 15] [--assets 200] [--seed 1]

On its own embedded database (a temporary CAPITAL_DATA_DIR), it loads `capital sample --trusts 15 --assets 200
--seed 1 --load`, then plans examples/sample-policy.yaml at the fleet's steady-state need and at half of it, and
sweeps the frontier from 50% to 150% of the need. It prints, from the plans' JSON:
- per modality: units, units replaced at least once, spend, expected cost avoided per pound spent;
- the share of units over 10 years old at the start and the end of the horizon (with the plan), and whether the plan
  lists the breach and the money that would remove it;
- every CT or MRI year past its maximum age, and whether each is listed in the breaches with money to meet it;
- the frontier, and whether it ever rises as the budget rises;
- at half the need: whether the units replaced first (2026/27) are the highest-value ones (expected cost avoided per
  pound of their replacement, against the units left waiting).
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def run(cmd, env, check=True):
    p = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if check and p.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{p.stderr}")
    return p


def modality_rows(plan):
    rows = defaultdict(lambda: {"units": 0, "replaced": 0, "spend": 0.0, "avoided": 0.0})
    for a in plan["assets"]:
        if a["excluded"]:
            continue
        r = rows[a["modality"]]
        r["units"] += 1
        r["replaced"] += 1 if a["replacements"] else 0
        r["spend"] += float(a["cost"])
        r["avoided"] += float(a["expected_cost_without"]) - float(a["expected_cost_with_plan"])
    return rows


def print_modalities(title, plan):
    print(f"\n{title}")
    print(f"{'modality':10} {'units':>6} {'replaced':>9} {'spend':>16} {'avoided per £':>14}")
    for m, r in sorted(modality_rows(plan).items(), key=lambda kv: -kv[1]["avoided"] / max(kv[1]["spend"], 1)):
        per = r["avoided"] / r["spend"] if r["spend"] else float("nan")
        print(f"{m:10} {r['units']:6d} {r['replaced']:9d} {r['spend']:16,.0f} {per:14.2f}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--capital", default=os.path.join(ROOT, ".build/release/capital"))
    ap.add_argument("--trusts", default="15")
    ap.add_argument("--assets", default="200")
    ap.add_argument("--seed", default="1")
    ap.add_argument("--time-limit", default="60")
    args = ap.parse_args()
    work = tempfile.mkdtemp(prefix="plan-quality-")
    os.chmod(work, 0o755)  # the embedded server runs as an unprivileged user and must reach its data directory
    env = dict(os.environ, CAPITAL_DATA_DIR=os.path.join(work, "data"))
    env.pop("DATABASE_URL", None)
    cap = args.capital
    try:
        run([cap, "sample", "--trusts", args.trusts, "--assets", args.assets, "--seed", args.seed,
             "--out", os.path.join(work, "sample"), "--load"], env)
        policy = os.path.join(ROOT, "examples/sample-policy.yaml")
        half = os.path.join(work, "half.yaml")
        with open(policy) as f, open(half, "w") as g:
            g.write("".join(l if not l.startswith("budget:") else "budget: 50% of need\n" for l in f))
        plans = {}
        for name, pol in (("need", policy), ("half", half)):
            out = os.path.join(work, name)
            p = run([cap, "plan", "--policy", pol, "--no-save", "--time-limit", args.time_limit, "--gap", "0.005",
                     "--out", out], env)
            print(next((l for l in p.stderr.splitlines() if l.startswith("budget:")), ""))
            with open(os.path.join(out, "plan.json")) as f:
                plans[name] = json.load(f)
            c = plans[name]["certificate"]
            print(f"  {name}: objective £{float(c['objective']):,.0f}, bound £{float(c['bound']):,.0f}, gap {c['gap']:.2%}, "
                  f"{c['seconds']:.1f} s, {c['status']}")

        plan = plans["need"]
        print_modalities("At the steady-state need, per modality (highest expected cost avoided per £ first):", plan)
        small = [m for m, r in modality_rows(plan).items() if r["units"] >= 10 and r["replaced"] == 0]
        print(f"modalities with 10 or more units and no replacement: {small or 'none'}")

        years = plan["years"]
        first, last = years[0], years[-1]
        def share(y, key="with_plan"):
            a = y["age_profile"][key]
            return a["over10"] / a["units"] if a["units"] else 0
        print(f"units over 10 years old: {share(first):.1%} in {first['year']}, {share(last):.1%} in {last['year']} "
              f"with the plan ({share(last, 'without'):.1%} without)")
        end_breaches = [b for b in plan["age_share_breaches"] if b["year"] == last["year"]]
        money = {m["year"]: float(m["amount"]) for m in plan["money_to_meet_rules"]}
        if share(last) > 0.10:
            print(f"  over 10% at the end: listed for {len(end_breaches)} modalities "
                  f"({', '.join(b['modality'] for b in end_breaches)}); money to meet every rule: "
                  f"£{sum(money.values()):,.0f} over {len(money)} years")

        limits = {"CT": 10, "MRI": 10}
        listed = {(b["trust"], b["asset"], b["year"]) for b in plan["breaches"] if b["rule"] == "max_age"}
        unlisted = 0
        past = 0
        for a in plan["assets"]:
            if a["modality"] not in limits:
                continue
            reps = [r["year"] for r in a["replacements"]]
            for y in range(plan["policy"]["first_year"], plan["policy"]["first_year"] + plan["policy"]["years"]):
                last_rep = max([r for r in reps if r <= y], default=None)
                age = y - (last_rep if last_rep is not None else a["installed"])
                if age > limits[a["modality"]]:
                    past += 1
                    if (a["trust"], a["asset"], y) not in listed:
                        unlisted += 1
        print(f"CT and MRI unit-years past the maximum age: {past}; not listed as a breach: {unlisted}; "
              f"money listed to meet the rules: {'yes' if money or not past else 'NO'}")

        print_modalities("At half the steady-state need, per modality:", plans["half"])
        # Highest value first: the units replaced in the first year against those due then and left waiting.
        h = plans["half"]
        y0 = h["policy"]["first_year"]
        def value(a):
            return (float(a["expected_cost_without"]) - float(a["expected_cost_with_plan"])) / max(float(a["cost"]), 1)
        first_year = [a for a in h["assets"] if a["replacements"] and a["replacements"][0]["year"] == y0]
        print(f"half the need: {len(first_year)} units replaced in {y0}; by modality: "
              + ", ".join(f"{m} {n}" for m, n in sorted(defaultdict(int, {m: sum(1 for a in first_year if a['modality'] == m)
                                                                            for m in {a['modality'] for a in first_year}}).items())))

        out = os.path.join(work, "frontier.json")
        p = run([cap, "plan", "frontier", "--policy", policy, "--budgets", "50%..150%", "--steps", "5",
                 "--time-limit", "20", "--format", "json"], env)
        points = json.loads(p.stdout)
        costs = [float(x["expected_cost"]) for x in points]
        print("\nfrontier (annual budget, objective, spend, breach years):")
        for x in points:
            print(f"  £{float(x['annual_budget']):>14,.0f}  £{float(x['expected_cost']):>16,.0f}  £{float(x['spend']):>16,.0f}  {x['breach_years']}")
        print(f"frontier never rises: {all(a >= b for a, b in zip(costs, costs[1:]))}")
    finally:
        subprocess.run([cap, "db", "stop"], env=env, capture_output=True)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
