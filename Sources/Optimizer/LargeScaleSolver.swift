import Foundation

/// The method for large models (many items, few binding resources), e.g. the replacement planner's
/// 100,000 assets × 16 options with yearly budgets and site capacities.
///
/// Dual: Rprop ascent on the Lagrangian dual (per-resource step sizes, driven by the engine), warm-started on a
/// sample of the items; each evaluation is one pass over the options (CSR arrays, no allocation). Primal: every few
/// iterations the Lagrangian greedy takes each item's cheapest option by reduced cost, repairs any resource over its
/// exact integer limit, then a shift descent on the true penalties uses the slack left. With many items and few
/// binding resources the LP (= Lagrangian) bound is very close to the optimum, so the gap closes quickly.
///
/// Rules kept: the bound is the best *safe* Lagrangian value (rounding margin subtracted); a plan is only accepted by
/// the engine after the exact integer check; the deadline is checked inside every phase.
struct LargeScaleSolver {
    let m: CompactModel
    let relaxation: LagrangianRelaxation
    let deadline: Deadline
    /// Reusable buffers (no allocation per iteration).
    private var reducedCost: [Double]
    private var bestOption: [Int32]

    init(_ m: CompactModel, relaxation: LagrangianRelaxation, deadline: Deadline) {
        self.m = m
        self.relaxation = relaxation
        self.deadline = deadline
        reducedCost = [Double](repeating: 0, count: m.optionCount)
        bestOption = [Int32](repeating: 0, count: m.itemCount)
    }

    /// Resources every use of which is the same amount (e.g. "at most K replacements per site and year"), with that
    /// amount in scaled units and how many users fit. Their multipliers are set by exact coordinate ascent
    /// (``coordinateSweep(_:)``) instead of Rprop.
    static func uniformResources(_ m: CompactModel) -> [(resource: Int, unitScaled: Double, fits: Int)] {
        var amount = [Int64](repeating: 0, count: m.resourceCount)
        var uniform = [Bool](repeating: true, count: m.resourceCount)
        for k in 0..<m.useAmount.count {
            let r = Int(m.useResource[k])
            if amount[r] == 0 { amount[r] = m.useAmount[k] } else if amount[r] != m.useAmount[k] { uniform[r] = false }
        }
        var out: [(Int, Double, Int)] = []
        for r in 0..<m.resourceCount where uniform[r] && amount[r] > 0 && m.limit[r] >= 0 {
            out.append((r, Double(amount[r]) / m.scale[r], Int(m.limit[r] / amount[r])))
        }
        return out
    }

    /// One Gauss–Seidel pass of exact coordinate ascent on the Lagrangian dual over the uniform resources: with the
    /// other multipliers fixed, each item `i` using resource `r` contributes `min(A_i, C_i + λ_r·u)` (`A_i`: its best
    /// option without `r`, `C_i`: its best option with `r`, less `r`'s term), so `L` is maximal in `λ_r` anywhere
    /// between the (K+1)-th and the K-th largest threshold `(A_i − C_i)/u` (K = how many users fit), or at 0 when at
    /// most K items would use it. The middle of that interval is taken: exactly K items then prefer the resource,
    /// so the relaxed choice respects it unless the other multipliers move.
    func coordinateSweep(_ lambda: inout [Double], uniform: [(resource: Int, unitScaled: Double, fits: Int)]) {
        let m = self.m
        var thresholds: [Double] = []
        for (r, unit, fits) in uniform {
            thresholds.removeAll(keepingCapacity: true)
            for k in m.resourceItemStart[r]..<m.resourceItemStart[r + 1] {
                let i = Int(m.resourceItems[k])
                var without = Double.infinity, with = Double.infinity
                for o in m.optionStart[i]..<m.optionStart[i + 1] {
                    var c = m.penalty[o]
                    var uses = false
                    for q in m.useStart[o]..<m.useStart[o + 1] {
                        let rr = Int(m.useResource[q])
                        if rr == r { uses = true } else { c += lambda[rr] * m.useScaled[q] }
                    }
                    if uses { with = min(with, c) } else { without = min(without, c) }
                }
                if with < without { thresholds.append((without - with) / unit) }
            }
            if thresholds.count <= fits { lambda[r] = 0; continue }
            // The (fits+1)-th largest threshold.
            thresholds.sort(by: >)
            let lo = max(0, thresholds[fits]), hi = fits > 0 ? max(0, thresholds[fits - 1]) : lo
            lambda[r] = 0.5 * (lo + hi)
        }
    }

    /// First Rprop step for each multiplier: 5% of the typical penalty spread of the items using the resource,
    /// divided by their typical (scaled) use of it, so a step moves a typical item's choice a little.
    func initialSteps() -> [Double] {
        let m = self.m
        var spread = [Double](repeating: 0, count: m.itemCount)
        for i in 0..<m.itemCount {
            var lo = Double.infinity, hi = -Double.infinity
            for o in m.optionStart[i]..<m.optionStart[i + 1] { lo = min(lo, m.penalty[o]); hi = max(hi, m.penalty[o]) }
            spread[i] = hi > lo ? hi - lo : 0
        }
        var spreadSum = [Double](repeating: 0, count: m.resourceCount)
        var useSum = [Double](repeating: 0, count: m.resourceCount)
        var useCount = [Double](repeating: 0, count: m.resourceCount)
        for i in 0..<m.itemCount {
            for o in m.optionStart[i]..<m.optionStart[i + 1] {
                for k in m.useStart[o]..<m.useStart[o + 1] {
                    let r = Int(m.useResource[k])
                    spreadSum[r] += spread[i]
                    useSum[r] += m.useScaled[k]
                    useCount[r] += 1
                }
            }
        }
        return (0..<m.resourceCount).map { r in
            guard useCount[r] > 0, useSum[r] > 0 else { return 1 }
            let step = 0.05 * (spreadSum[r] / useCount[r]) / (useSum[r] / useCount[r])
            return step > 0 && step.isFinite ? step : 1
        }
    }

    /// Lagrangian greedy from multipliers `lambda`; returns a feasible assignment or nil.
    mutating func greedy(_ lambda: [Double]) -> Assignment? {
        let m = self.m
        let itemCount = m.itemCount
        m.withDualBuffers(lambda) { b, lambda in
        reducedCost.withUnsafeMutableBufferPointer { rc in
        bestOption.withUnsafeMutableBufferPointer { bestOption in
            for i in 0..<itemCount {
                var best = Double.infinity
                var bestO = -1
                for o in b.optionStart[i]..<b.optionStart[i + 1] {
                    let c = b.reducedCost(o, lambda)
                    rc[o] = c
                    if c < best { best = c; bestO = o }
                }
                bestOption[i] = Int32(bestO)
            }
        }}}
        var a = Assignment(m, choice: bestOption)
        guard Repair.run(m, &a, cost: reducedCost), a.isFeasible(m) else { return nil }
        improve(&a)
        return a
    }

    /// Shift descent on the true penalties with the deadline checked, then the reduced-cost-free fill.
    func improve(_ a: inout Assignment) {
        let m = self.m
        for _ in 0..<20 {
            var improved = false
            for i in 0..<m.itemCount {
                if i & 4095 == 0 && deadline.passed { return }
                let old = Int(a.choice[i])
                var bestPenalty = m.penalty[old] - 1e-12 * max(1, abs(m.penalty[old]))
                var pick = -1
                for o in m.optionStart[i]..<m.optionStart[i + 1] where m.penalty[o] < bestPenalty {
                    if a.canMove(m, item: i, to: o) { bestPenalty = m.penalty[o]; pick = o }
                }
                if pick >= 0 { a.move(m, item: i, to: pick); improved = true }
            }
            if !improved { return }
        }
    }
}
