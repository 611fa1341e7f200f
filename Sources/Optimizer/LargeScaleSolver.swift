import Foundation

/// The method for large models (many items, few binding resources), e.g. the replacement planner's
/// 100,000 assets × 16 options with yearly budgets and site capacities.
///
/// Dual: projected, deflected subgradient ascent on the Lagrangian dual with Polyak steps towards the incumbent's
/// objective; each evaluation is one pass over the options (CSR arrays, no allocation). Primal: every few iterations,
/// a Lagrangian greedy builds a plan from the current multipliers — items are placed in order of decreasing regret
/// (second-best minus best reduced cost), each taking its cheapest option by reduced cost that still fits the exact
/// integer loads — then a shift descent on the true penalties uses the slack left. With many items and few binding
/// resources the LP (= Lagrangian) bound is very close to the optimum, so the gap closes quickly.
///
/// Rules kept: the bound is the best *safe* Lagrangian value (rounding margin subtracted); a plan is only accepted by
/// the engine after the exact integer check; the deadline is checked inside every phase.
struct LargeScaleSolver {
    let m: CompactModel
    let relaxation: LagrangianRelaxation
    let deadline: Deadline
    /// Reusable buffers (no allocation per iteration).
    private var reducedCost: [Double]
    private var regret: [Double]
    private var bestOption: [Int32]
    private var order: [Int32]
    private var load: [Int64]

    init(_ m: CompactModel, relaxation: LagrangianRelaxation, deadline: Deadline) {
        self.m = m
        self.relaxation = relaxation
        self.deadline = deadline
        reducedCost = [Double](repeating: 0, count: m.optionCount)
        regret = [Double](repeating: 0, count: m.itemCount)
        bestOption = [Int32](repeating: 0, count: m.itemCount)
        order = (0..<m.itemCount).map { Int32($0) }
        load = [Int64](repeating: 0, count: m.resourceCount)
    }

    private var events: [(mu: Double, drop: Double)] = []

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

    /// Exact coordinate ascent on the Lagrangian dual: sets `lambda[r]` to the smallest value ≥ 0 at which the
    /// relaxed choices use at most the limit of `r` (a maximiser of L along that coordinate, others fixed).
    /// Each item's best option as a function of μ = λ_r is the lower envelope of its options' lines
    /// `c_o + μ·a_o`; its breakpoints, merged over the items that use `r`, give the exact maximiser.
    mutating func coordinateStep(_ r: Int, lambda: inout [Double]) {
        let m = self.m
        events.removeAll(keepingCapacity: true)
        var usage = 0.0
        let saved = lambda[r]
        lambda[r] = 0
        var costs = [Double](repeating: 0, count: 64)
        var amounts = [Double](repeating: 0, count: 64)
        for k in m.resourceItemStart[r]..<m.resourceItemStart[r + 1] {
            let i = Int(m.resourceItems[k])
            let first = m.optionStart[i], count = m.optionStart[i + 1] - first
            if count > costs.count {
                costs = [Double](repeating: 0, count: count)
                amounts = [Double](repeating: 0, count: count)
            }
            var cur = -1
            for j in 0..<count {
                let o = first + j
                var c = m.penalty[o]
                var a = 0.0
                for q in m.useStart[o]..<m.useStart[o + 1] {
                    let s = Int(m.useResource[q])
                    if s == r { a = m.useScaled[q] } else { c += lambda[s] * m.useScaled[q] }
                }
                costs[j] = c
                amounts[j] = a
                if cur < 0 || c < costs[cur] || (c == costs[cur] && a < amounts[cur]) { cur = j }
            }
            usage += amounts[cur]
            var mu = 0.0
            while amounts[cur] > 0 {
                var next = -1
                var nextMu = Double.infinity
                for j in 0..<count where amounts[j] < amounts[cur] {
                    let x = max(mu, (costs[j] - costs[cur]) / (amounts[cur] - amounts[j]))
                    if x < nextMu || (x == nextMu && amounts[j] < amounts[next]) { nextMu = x; next = j }
                }
                if next < 0 { break }
                events.append((nextMu, amounts[cur] - amounts[next]))
                mu = nextMu
                cur = next
            }
        }
        let limit = m.limitScaled[r]
        if usage <= limit { lambda[r] = 0; return }
        events.sort { $0.mu < $1.mu }
        var result = saved
        for e in events {
            usage -= e.drop
            if usage <= limit + 1e-12 { result = e.mu; break }
        }
        lambda[r] = result
    }

    /// Lagrangian greedy from multipliers `lambda`; returns a feasible assignment or nil.
    mutating func greedy(_ lambda: [Double]) -> Assignment? {
        let m = self.m
        let itemCount = m.itemCount
        m.optionStart.withUnsafeBufferPointer { optionStart in
        m.penalty.withUnsafeBufferPointer { penalty in
        m.useStart.withUnsafeBufferPointer { useStart in
        m.useResource.withUnsafeBufferPointer { useResource in
        m.useScaled.withUnsafeBufferPointer { useScaled in
        lambda.withUnsafeBufferPointer { lambda in
        reducedCost.withUnsafeMutableBufferPointer { rc in
        regret.withUnsafeMutableBufferPointer { regret in
        bestOption.withUnsafeMutableBufferPointer { bestOption in
            for i in 0..<itemCount {
                var best = Double.infinity, second = Double.infinity
                var bestO = -1
                for o in optionStart[i]..<optionStart[i + 1] {
                    var c = penalty[o]
                    for k in useStart[o]..<useStart[o + 1] { c += lambda[Int(useResource[k])] * useScaled[k] }
                    rc[o] = c
                    if c < best { second = best; best = c; bestO = o } else if c < second { second = c }
                }
                bestOption[i] = Int32(bestO)
                regret[i] = second.isFinite ? second - best : .greatestFiniteMagnitude
            }
        }}}}}}}}}
        if true { // the regret-order greedy measured worse; kept off
            var a = Assignment(m, choice: bestOption)
            guard Repair.run(m, &a, cost: reducedCost), a.isFeasible(m) else { return nil }
            improve(&a)
            return a
        }
        // Order: largest regret first; ties by item index (deterministic).
        let regretCopy = regret
        order.sort { a, b in
            let ra = regretCopy[Int(a)], rb = regretCopy[Int(b)]
            return ra > rb || (ra == rb && a < b)
        }
        for r in 0..<m.resourceCount { load[r] = 0 }
        var choice = [Int32](repeating: 0, count: itemCount)
        var overloaded = false
        m.optionStart.withUnsafeBufferPointer { optionStart in
        m.useStart.withUnsafeBufferPointer { useStart in
        m.useResource.withUnsafeBufferPointer { useResource in
        m.useAmount.withUnsafeBufferPointer { useAmount in
        m.limit.withUnsafeBufferPointer { limit in
        reducedCost.withUnsafeBufferPointer { rc in
        load.withUnsafeMutableBufferPointer { load in
            func fits(_ o: Int) -> Bool {
                for k in useStart[o]..<useStart[o + 1] {
                    let r = Int(useResource[k])
                    if load[r] + useAmount[k] > limit[r] { return false }
                }
                return true
            }
            for idx in 0..<itemCount {
                let i = Int(order[idx])
                var chosen = Int(bestOption[i])
                if !fits(chosen) {
                    var best = Double.infinity
                    var pick = -1
                    for o in optionStart[i]..<optionStart[i + 1] where rc[o] < best && fits(o) {
                        best = rc[o]; pick = o
                    }
                    if pick < 0 { overloaded = true } else { chosen = pick }
                }
                choice[i] = Int32(chosen)
                for k in useStart[chosen]..<useStart[chosen + 1] { load[Int(useResource[k])] += useAmount[k] }
            }
        }}}}}}}
        var a = Assignment(m, choice: choice)
        if overloaded {
            guard Repair.run(m, &a, cost: reducedCost), a.isFeasible(m) else { return nil }
        }
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
