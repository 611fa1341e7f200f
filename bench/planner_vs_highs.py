#!/usr/bin/env python3
"""Compare our solver with HiGHS on a planner-shaped generated model (default 100,000 assets x 16 options).

Usage:
  bench/planner_vs_highs.py --solver ".build/release/optimizer-bench" --generator ".build/release/optimizer-bench"
                            [--assets 100000] [--time-limit 60] [--highs-time-limit 120] [--no-highs]

The model comes from `GENERATOR --generate-planner N` (deterministic PlannerModelGenerator). Our solver runs as
`SOLVER MODEL --time-limit T --format json --gap 0.01` under /usr/bin/time -v (peak RSS); HiGHS (highspy, one thread)
solves the same MILP, built from the JSON, with `mip_rel_gap` 1% and its own time limit, measured the same way in a
child process. Prints seconds, objective, bound, gap and peak memory for both, and checks our plan with
check_solution.py.
"""
import argparse
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def peak_rss_mb(stderr):
    match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", stderr)
    return int(match.group(1)) / 1024 if match else float("nan")


def highs_child(model_path, time_limit):
    sys.path.insert(0, HERE)
    import highspy
    import numpy as np
    from gap_vs_highs import build_highs_model

    model = json.load(open(model_path))
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("threads", 1)
    h.setOptionValue("time_limit", float(time_limit))
    h.setOptionValue("mip_rel_gap", 0.01)
    build_highs_model(h, model, np)
    start = time.perf_counter()
    h.run()
    info = h.getInfo()
    obj = info.objective_function_value if info.primal_solution_status == 2 else None
    print(json.dumps({"objective": obj, "bound": info.mip_dual_bound, "gap": info.mip_gap,
                      "seconds": time.perf_counter() - start, "status": h.modelStatusToString(h.getModelStatus())}))


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--highs-child":
        highs_child(sys.argv[2], float(sys.argv[3]))
        return 0
    ap = argparse.ArgumentParser()
    ap.add_argument("--solver", required=True)
    ap.add_argument("--generator", required=True, help="command that accepts --generate-planner N")
    ap.add_argument("--assets", type=int, default=100_000)
    ap.add_argument("--time-limit", type=float, default=60)
    ap.add_argument("--highs-time-limit", type=float, default=120)
    ap.add_argument("--benchmarks", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "benchmarks"))
    ap.add_argument("--no-highs", action="store_true")
    args = ap.parse_args()

    work = tempfile.mkdtemp(prefix="plannerbench-")
    model_path = os.path.join(work, "planner.json")
    result_path = os.path.join(work, "result.json")
    with open(model_path, "w") as f:
        subprocess.run(shlex.split(args.generator) + ["--generate-planner", str(args.assets)], stdout=f, check=True)
    print(f"model: {args.assets} assets, {os.path.getsize(model_path) / 1e6:.0f} MB JSON at {model_path}")

    start = time.perf_counter()
    run = subprocess.run(["/usr/bin/time", "-v"] + shlex.split(args.solver)
                         + [model_path, "--time-limit", str(args.time_limit), "--format", "json", "--gap", "0.01"],
                         capture_output=True, text=True)
    wall = time.perf_counter() - start
    if run.returncode != 0:
        print("solver failed:", run.stderr[-2000:])
        return 1
    open(result_path, "w").write(run.stdout)
    ours = json.loads(run.stdout)
    check = subprocess.run([sys.executable, os.path.join(args.benchmarks, "check_solution.py"), model_path,
                            result_path], capture_output=True, text=True).stdout.strip()
    print(f"ours : status={ours['status']} objective={ours['objective']} bound={ours['bound']} "
          f"gap={100 * ours['gap']:.3f}% solve_seconds={ours['seconds']:.1f} wall_seconds_incl_json={wall:.1f} "
          f"peak_rss_MB={peak_rss_mb(run.stderr):.0f} check={check}")

    if not args.no_highs:
        start = time.perf_counter()
        run = subprocess.run(["/usr/bin/time", "-v", sys.executable, os.path.abspath(__file__), "--highs-child",
                              model_path, str(args.highs_time_limit)], capture_output=True, text=True)
        wall = time.perf_counter() - start
        line = [l for l in run.stdout.splitlines() if l.startswith("{")]
        if not line:
            print("HiGHS failed:", run.stderr[-2000:])
            return 1
        h = json.loads(line[-1])
        gap = f"{100 * h['gap']:.3f}%" if h["objective"] is not None else "-"
        print(f"HiGHS: status={h['status']} objective={h['objective']} bound={h['bound']} gap={gap} "
              f"solve_seconds={h['seconds']:.1f} wall_seconds_incl_build={wall:.1f} "
              f"peak_rss_MB={peak_rss_mb(run.stderr):.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
