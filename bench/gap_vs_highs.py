#!/usr/bin/env python3
"""Compare our solver with HiGHS on the public GAP benchmarks.

Usage:
  bench/gap_vs_highs.py --solver ".build/release/optimizer-bench" [--time-limit 10] [--only SUBSTRING]
                        [--benchmarks ../shared/benchmarks] [--no-highs] [--highs-from json|mps]

For each instance (all cattrysse1994 + chu1997, and with --generated the type D and E instances of
bench/gap_generated.csv, made by bench/gen_gap.py, compared with their best known values), converts it with gap2model.py, runs
`SOLVER MODEL --time-limit T --format json`, checks the result with check_solution.py, and solves the same model with
HiGHS (highspy, one thread, same time limit). By default HiGHS reads the model from our MPS export
(`SOLVER MODEL --time-limit 0 --export-mps FILE`), which also tests the export. Prints a table and a summary line.
"""
import argparse
import csv
import json
import os
import shlex
import subprocess
import sys
import tempfile
import time


def highs_solve(model, mps_path, time_limit, source):
    import highspy
    import numpy as np

    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("threads", 1)
    h.setOptionValue("time_limit", float(time_limit))
    if source == "mps":
        status = h.readModel(mps_path)
        if status == highspy.HighsStatus.kError:
            raise RuntimeError(f"HiGHS could not read {mps_path}")
    else:
        build_highs_model(h, model, np)
    start = time.perf_counter()
    h.run()
    seconds = time.perf_counter() - start
    info = h.getInfo()
    status = h.modelStatusToString(h.getModelStatus())
    objective = info.objective_function_value if info.primal_solution_status == 2 else None
    return objective, info.mip_dual_bound, seconds, status


def build_highs_model(h, model, np):
    """The same 0-1 MILP as our MPS export, built directly from the model JSON."""
    import highspy

    rindex = {r["id"]: k for k, r in enumerate(model["resources"])}
    n_items = len(model["items"])
    costs, cols = [], []
    for i, item in enumerate(model["items"]):
        for opt in item["options"]:
            costs.append(float(opt["penalty"]))
            cols.append((i, opt.get("uses", {})))
    n = len(costs)
    inf = highspy.kHighsInf
    h.addVars(n, np.zeros(n), np.ones(n))
    h.changeColsCost(n, np.arange(n, dtype=np.int32), np.array(costs))
    h.changeColsIntegrality(n, np.arange(n, dtype=np.int32),
                            np.array([highspy.HighsVarType.kInteger] * n))
    rows_item = [[] for _ in range(n_items)]
    rows_res = [[] for _ in model["resources"]]
    for j, (i, uses) in enumerate(cols):
        rows_item[i].append((j, 1.0))
        for rid, amount in uses.items():
            if amount:
                rows_res[rindex[rid]].append((j, float(amount)))
    for entries in rows_item:
        idx = np.array([e[0] for e in entries], dtype=np.int32)
        h.addRow(1.0, 1.0, len(entries), idx, np.ones(len(entries)))
    for k, entries in enumerate(rows_res):
        idx = np.array([e[0] for e in entries], dtype=np.int32)
        val = np.array([e[1] for e in entries])
        h.addRow(-inf, float(model["resources"][k]["limit"]), len(entries), idx, val)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--solver", required=True, help='command string, e.g. ".build/release/capital solve"')
    ap.add_argument("--time-limit", type=float, default=10.0)
    ap.add_argument("--benchmarks", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "benchmarks"))
    ap.add_argument("--only", default="")
    ap.add_argument("--no-highs", action="store_true")
    ap.add_argument("--highs-from", choices=["mps", "json"], default="mps")
    ap.add_argument("--generated", action="store_true",
                    help="also the generated type D and E instances of bench/gap_generated.csv (best known values)")
    args = ap.parse_args()

    solver = shlex.split(args.solver)
    bench = args.benchmarks
    optima = {}
    with open(os.path.join(bench, "gap", "optima.csv")) as f:
        for row in csv.DictReader(f):
            optima[row["Path"]] = float(row["Optimum"])
    work = tempfile.mkdtemp(prefix="gapbench-")
    files = {p: os.path.join(bench, "gap", p) for p in optima}
    if args.generated:
        here = os.path.dirname(os.path.abspath(__file__))
        with open(os.path.join(here, "gap_generated.csv")) as f:
            for row in csv.DictReader(f):
                path = os.path.join(work, row["Path"].replace("/", "_") + ".txt")
                with open(path, "w") as out:
                    subprocess.run([sys.executable, os.path.join(here, "gen_gap.py"), row["Type"], row["Agents"],
                                    row["Jobs"], row["Seed"]], stdout=out, check=True)
                optima[row["Path"]] = float(row["Best known"])
                files[row["Path"]] = path
    instances = [p for p in optima if args.only in p]

    header = (f"{'instance':24} {'optimum':>8} {'ours':>8} {'bound':>8} {'gap%':>7} {'ours s':>7} "
              f"{'status':>9} {'HiGHS':>8} {'H bound':>9} {'H s':>7}  check")
    print(header)
    print("-" * len(header))
    worst, ours_total, highs_total, failures = 0.0, 0.0, 0.0, 0
    for path in instances:
        name = path.replace("/", "_")
        model_path = os.path.join(work, name + ".json")
        result_path = os.path.join(work, name + ".result.json")
        mps_path = os.path.join(work, name + ".mps")
        with open(model_path, "w") as f:
            subprocess.run([sys.executable, os.path.join(bench, "gap2model.py"), files[path]],
                           stdout=f, check=True)
        start = time.perf_counter()
        run = subprocess.run(solver + [model_path, "--time-limit", str(args.time_limit), "--format", "json"],
                             capture_output=True, text=True)
        wall = time.perf_counter() - start
        if run.returncode != 0:
            print(f"{path:24} solver failed: {run.stderr.strip()}")
            failures += 1
            continue
        with open(result_path, "w") as f:
            f.write(run.stdout)
        result = json.loads(run.stdout)
        opt = optima[path]
        check = subprocess.run([sys.executable, os.path.join(bench, "check_solution.py"), model_path, result_path,
                                "--optimum", str(opt)], capture_output=True, text=True).stdout.strip()
        if not check.startswith("ok"):
            failures += 1
        obj = result.get("objective")
        gap = 100.0 * (obj - opt) / abs(opt) if obj is not None else float("inf")
        worst = max(worst, gap)
        ours_total += wall
        h_obj = h_bound = h_sec = None
        if not args.no_highs:
            if args.highs_from == "mps":
                subprocess.run(solver + [model_path, "--time-limit", "0", "--format", "json", "--export-mps",
                                         mps_path], capture_output=True, check=True)
            model = json.load(open(model_path))
            h_obj, h_bound, h_sec, _ = highs_solve(model, mps_path, args.time_limit, args.highs_from)
            highs_total += h_sec
        fmt = lambda v, w: f"{v:>{w}.6g}" if isinstance(v, (int, float)) else f"{'-':>{w}}"
        print(f"{path:24} {opt:>8.0f} {fmt(obj, 8)} {fmt(result.get('bound'), 8)} {gap:>7.3f} {wall:>7.2f} "
              f"{result['status']:>9} {fmt(h_obj, 8)} {fmt(h_bound, 9)} {fmt(h_sec, 7)}  {check.split()[0]}",
              flush=True)
    n = max(1, len(instances))
    ratio = f"{ours_total / highs_total:.2f}" if highs_total > 0 else "n/a"
    print(f"SUMMARY instances={len(instances)} worst_gap_to_optimum={worst:.3f}% mean_seconds_ours={ours_total / n:.2f} "
          f"mean_seconds_highs={highs_total / n:.2f} ratio_ours_to_highs={ratio} check_failures={failures}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
