import Foundation

/// Improvement moves that keep a feasible assignment feasible.
///
/// Rule kept: every move is checked exactly against the integer limits before it is applied, and only strictly
/// improving moves are taken, so the search terminates and never leaves the feasible region.
enum LocalSearch {
    /// Shift descent: each item in turn moves to its cheapest option that still fits; repeated until no item moves.
    static func shiftDescent(_ m: CompactModel, _ a: inout Assignment, allowed: [Bool]? = nil, maxPasses: Int = 50) {
        for _ in 0..<maxPasses {
            var improved = false
            for i in 0..<m.itemCount {
                let old = Int(a.choice[i])
                var bestPenalty = m.penalty[old] - 1e-12 * max(1, abs(m.penalty[old]))
                var bestOption = -1
                for o in m.optionStart[i]..<m.optionStart[i + 1] where m.penalty[o] < bestPenalty {
                    if let allowed, !allowed[o] { continue }
                    if a.canMove(m, item: i, to: o) { bestPenalty = m.penalty[o]; bestOption = o }
                }
                if bestOption >= 0 { a.move(m, item: i, to: bestOption); improved = true }
            }
            if !improved { return }
        }
    }

    /// Pair moves (an ejection chain of length two): item `i` moves to a cheaper option that does not fit, and
    /// another item `j` sharing the blocking resource moves to make room, when the pair saves penalty overall.
    /// `maxPartners` caps how many items per blocking resource are tried, to bound the work on large models.
    static func pairDescent(_ m: CompactModel, _ a: inout Assignment, allowed: [Bool]? = nil,
                            maxPartners: Int = 60, deadline: Deadline) -> Bool {
        var improvedAny = false
        var improved = true
        while improved && !deadline.passed {
            improved = false
            for i in 0..<m.itemCount {
                if i & 255 == 0 && deadline.passed { return improvedAny }
                let oldI = Int(a.choice[i])
                for o in m.optionStart[i]..<m.optionStart[i + 1] where m.penalty[o] < m.penalty[oldI] {
                    if let allowed, !allowed[o] { continue }
                    if tryPair(m, &a, item: i, to: o, allowed: allowed, maxPartners: maxPartners) {
                        improved = true
                        improvedAny = true
                        break
                    }
                }
            }
            if improved { shiftDescent(m, &a, allowed: allowed) }
        }
        return improvedAny
    }

    private static func tryPair(_ m: CompactModel, _ a: inout Assignment, item i: Int, to o: Int,
                                allowed: [Bool]?, maxPartners: Int) -> Bool {
        let oldI = Int(a.choice[i])
        let saving = m.penalty[oldI] - m.penalty[o]
        // The first resource that blocks the move.
        var blocking = -1
        for k in m.useStart[o]..<m.useStart[o + 1] {
            let r = Int(m.useResource[k])
            if a.load[r] - m.use(of: oldI, on: r) + m.useAmount[k] > m.limit[r] { blocking = r; break }
        }
        if blocking < 0 { return false }
        a.move(m, item: i, to: o)
        var bestJ = -1, bestOption = -1
        var bestExtra = saving - 1e-9 * max(1, abs(saving))
        var tried = 0
        for k in m.resourceItemStart[blocking]..<m.resourceItemStart[blocking + 1] {
            let j = Int(m.resourceItems[k])
            if j == i { continue }
            let oldJ = Int(a.choice[j])
            if m.use(of: oldJ, on: blocking) == 0 { continue }
            tried += 1
            if tried > maxPartners { break }
            for p in m.optionStart[j]..<m.optionStart[j + 1] where p != oldJ {
                let extra = m.penalty[p] - m.penalty[oldJ]
                if extra >= bestExtra { continue }
                if let allowed, !allowed[p] { continue }
                a.move(m, item: j, to: p)
                if a.withinLimits(m, option: o) && a.withinLimits(m, option: p) { bestExtra = extra; bestJ = j; bestOption = p }
                a.move(m, item: j, to: oldJ)
            }
        }
        if bestJ >= 0 {
            a.move(m, item: bestJ, to: bestOption)
            return true
        }
        a.move(m, item: i, to: oldI)
        return false
    }
}
