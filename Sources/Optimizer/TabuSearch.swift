import Foundation

/// A tabu search with strategic oscillation, for small and medium models (it scans every option each iteration).
///
/// The search may cross infeasible assignments: it minimises `penalties + Σ_r w_r · overload_r / scale_r`, raising the
/// weights of overloaded resources while infeasible and lowering all weights while feasible, so it oscillates around
/// the boundary of the feasible region where good solutions lie. Moves are shifts (one item to another option);
/// returning an item to the option it just left is tabu for a randomised tenure, unless that gives a new best
/// feasible solution. After a long stall it restarts from the best solution with a small seeded perturbation.
/// Rule kept: `best` is only ever replaced by an assignment that is feasible by the exact integer check.
struct TabuSearch {
    let m: CompactModel
    /// Options the search may move to (reduced-cost fixing removes options that cannot be in a better solution).
    let allowed: [Bool]
    var best: Assignment
    var bestObjective: Double
    var iterations = 0
    private var current: Assignment
    private var currentPenalty: Double
    private var overloadedCount = 0
    private var weight: [Double]
    private let initialWeight: [Double]
    private var tabuUntil: [Int]
    private var rng: SplitMix64
    /// Iteration of the last new best plan and of the last restart (kept across calls of ``run``, so a search run in
    /// slices restarts and gives up as one run would).
    private var lastImprovement = 0
    private var lastBest = 0

    init(_ m: CompactModel, start: Assignment, allowed: [Bool], multipliers: [Double], seed: UInt64 = 12345) {
        self.m = m
        self.allowed = allowed
        best = start
        bestObjective = start.isFeasible(m) ? start.objective(m) : .infinity
        current = start
        currentPenalty = start.objective(m)
        var spread = 0.0
        for i in 0..<m.itemCount {
            let range = m.optionStart[i]..<m.optionStart[i + 1]
            if let lo = range.map({ m.penalty[$0] }).min(), let hi = range.map({ m.penalty[$0] }).max() {
                spread += hi - lo
            }
        }
        let floor = max(1e-9, 0.05 * spread / Double(max(1, m.itemCount)))
        initialWeight = multipliers.map { max($0, floor) }
        weight = initialWeight
        tabuUntil = [Int](repeating: 0, count: m.optionCount)
        rng = SplitMix64(seed: seed)
        overloadedCount = (0..<m.resourceCount).filter { current.load[$0] > m.limit[$0] }.count
    }

    /// Runs until the deadline, `maxIterations`, until the best objective reaches `stopAt`, or until `giveUpAfter`
    /// iterations pass without a new best plan.
    mutating func run(deadline: Deadline, maxIterations: Int, stopAt: Double, giveUpAfter: Int = .max) {
        let base = max(5, m.itemCount / 20)
        let stall = 4000 + 40 * m.itemCount
        let end = iterations + maxIterations
        while iterations < end && bestObjective > stopAt {
            if iterations & 63 == 0 && deadline.passed { return }
            iterations += 1
            guard let (item, option) = bestMove() else { return }
            let old = Int(current.choice[item])
            tabuUntil[old] = iterations + base + Int(rng.next() % UInt64(base))
            apply(item: item, to: option)
            if overloadedCount == 0 && currentPenalty < bestObjective - 1e-9 * max(1, abs(bestObjective)) {
                // Recompute exactly rather than trusting the running sums.
                if current.isFeasible(m) {
                    best = current
                    bestObjective = current.objective(m)
                    lastImprovement = iterations
                    lastBest = iterations
                }
            }
            adaptWeights()
            if iterations - lastBest > giveUpAfter { return }
            if iterations - lastImprovement > stall {
                restart()
                lastImprovement = iterations
            }
        }
    }

    /// Continues the search from `a` (feasible and cheaper than `best`, e.g. found by another method): it becomes
    /// the best plan and the current one, with the weights and tabu lists reset.
    mutating func adopt(_ a: Assignment) {
        guard a.isFeasible(m), a.objective(m) < bestObjective else { return }
        best = a
        bestObjective = a.objective(m)
        current = a
        currentPenalty = bestObjective
        overloadedCount = 0
        weight = initialWeight
        for k in tabuUntil.indices { tabuUntil[k] = 0 }
        lastImprovement = iterations
        lastBest = iterations
    }

    private mutating func bestMove() -> (Int, Int)? {
        var bestDelta = Double.infinity
        var move: (Int, Int)? = nil
        for i in 0..<m.itemCount {
            let old = Int(current.choice[i])
            for o in m.optionStart[i]..<m.optionStart[i + 1] where o != old && allowed[o] {
                var delta = m.penalty[o] - m.penalty[old]
                var overloadChange = 0
                m.forEachUseChange(from: old, to: o) { r, change in
                    if change == 0 { return }
                    let load = current.load[r], limit = m.limit[r]
                    let before = max(0, load - limit), after = max(0, load + change - limit)
                    if before != after {
                        delta += weight[r] * Double(after - before) / m.scale[r]
                        overloadChange += (after > 0 ? 1 : 0) - (before > 0 ? 1 : 0)
                    }
                }
                let isTabu = tabuUntil[o] > iterations
                if isTabu {
                    // Aspiration: a tabu move is allowed only if it yields a new best feasible solution.
                    let aspires = overloadedCount + overloadChange == 0
                        && currentPenalty + m.penalty[o] - m.penalty[old] < bestObjective - 1e-9
                    if !aspires { continue }
                }
                if delta < bestDelta { bestDelta = delta; move = (i, o) }
            }
        }
        return move
    }

    private mutating func apply(item: Int, to option: Int) {
        let old = Int(current.choice[item])
        currentPenalty += m.penalty[option] - m.penalty[old]
        for k in m.useStart[old]..<m.useStart[old + 1] { update(Int(m.useResource[k]), by: -m.useAmount[k]) }
        for k in m.useStart[option]..<m.useStart[option + 1] { update(Int(m.useResource[k]), by: m.useAmount[k]) }
        current.choice[item] = Int32(option)
    }

    private mutating func update(_ r: Int, by change: Int64) {
        let wasOver = current.load[r] > m.limit[r]
        current.load[r] += change
        let isOver = current.load[r] > m.limit[r]
        if wasOver != isOver { overloadedCount += isOver ? 1 : -1 }
    }

    private mutating func adaptWeights() {
        if overloadedCount > 0 {
            for r in 0..<m.resourceCount where current.load[r] > m.limit[r] { weight[r] *= 1.1 }
        } else {
            for r in 0..<m.resourceCount { weight[r] = max(initialWeight[r] * 0.05, weight[r] * 0.97) }
        }
    }

    private mutating func restart() {
        current = best.isFeasible(m) ? best : current
        currentPenalty = current.objective(m)
        weight = initialWeight
        for k in tabuUntil.indices { tabuUntil[k] = 0 }
        let kicks = max(2, m.itemCount / 25)
        for _ in 0..<kicks {
            let i = Int(rng.next() % UInt64(m.itemCount))
            let range = m.optionStart[i]..<m.optionStart[i + 1]
            let candidates = range.filter { allowed[$0] }
            if candidates.isEmpty { continue }
            apply(item: i, to: candidates[Int(rng.next() % UInt64(candidates.count))])
        }
        overloadedCount = (0..<m.resourceCount).filter { current.load[$0] > m.limit[$0] }.count
        currentPenalty = current.objective(m)
    }
}

/// A small deterministic pseudo-random generator (SplitMix64), so that every run on the same input is identical.
struct SplitMix64: Sendable {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
