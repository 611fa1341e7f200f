#!/usr/bin/env python3
"""Generate generalized-assignment instances of Chu & Beasley / Yagiura types C, D and E (OR-Library layout).

Usage: bench/gen_gap.py TYPE AGENTS JOBS SEED > instance

Type C: a_ij ~ U[5,25], c_ij ~ U[10,50]; type D: a_ij ~ U[1,100], c_ij = 111 - a_ij + e, e ~ U[-10,10] (costs and
uses strongly anti-correlated: the hard type); type E: a_ij = 1 - 10 ln u, c_ij = 1000 / a_ij - 10 e, u, e ~ U(0,1].
Capacities b_i = 0.8 * sum_j a_ij / m. Deterministic for a seed (Python's Mersenne Twister).
"""
import math
import random
import sys


def generate(kind, m, n, seed):
    rng = random.Random(seed)
    cost = [[0] * n for _ in range(m)]
    use = [[0] * n for _ in range(m)]
    for i in range(m):
        for j in range(n):
            if kind == "C":
                use[i][j] = rng.randint(5, 25)
                cost[i][j] = rng.randint(10, 50)
            elif kind == "D":
                use[i][j] = rng.randint(1, 100)
                cost[i][j] = 111 - use[i][j] + rng.randint(-10, 10)
            elif kind == "E":
                u = 1.0 - rng.random()
                use[i][j] = int(1 - 10 * math.log(u))
                cost[i][j] = int(1000 / use[i][j] - 10 * (1.0 - rng.random()))
            else:
                raise SystemExit(f"unknown type {kind}")
    cap = [int(0.8 * sum(use[i]) / m) for i in range(m)]
    return cost, use, cap


def main():
    kind, m, n, seed = sys.argv[1].upper(), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    cost, use, cap = generate(kind, m, n, seed)
    out = [f"{m} {n}"]
    out += [" ".join(map(str, row)) for row in cost]
    out += [" ".join(map(str, row)) for row in use]
    out.append(" ".join(map(str, cap)))
    print("\n".join(out))


if __name__ == "__main__":
    main()
