import Foundation

/// Turns an assignment that overloads some resources into a feasible one, cheaply.
///
/// Each round, every item whose chosen option uses an overloaded resource proposes its best alternative option,
/// ranked by extra cost (in the given `cost`, e.g. Lagrangian reduced costs) per unit of overload removed; moves are
/// applied in that order while they still help. Phase 1 accepts only moves that create no new overload; if a round
/// makes no progress, phase 2 also accepts moves that shift some overload elsewhere but reduce it in total.
/// Rule kept: returns true only when the assignment is feasible (exact integer check).
enum Repair {
    /// Overload removed (`gain`) and overload created (`added`), both in scaled units, by moving from `old` to `new`.
    static func effect(_ m: CompactModel, _ a: Assignment, from old: Int, to new: Int)
        -> (gain: Double, added: Double) {
        var gain = 0.0
        var added = 0.0
        m.forEachUseChange(from: old, to: new) { r, delta in
            let load = a.load[r], limit = m.limit[r]
            if delta < 0, load > limit {
                gain += Double(min(-delta, load - limit)) / m.scale[r]
            } else if delta > 0, load + delta > limit {
                added += Double(load + delta - max(load, limit)) / m.scale[r]
            }
        }
        return (gain, added)
    }

    static func run(_ m: CompactModel, _ a: inout Assignment, cost: [Double], maxRounds: Int = 200) -> Bool {
        var stamp = [Int32](repeating: -1, count: m.itemCount)
        var allowShifting = false
        for round in 0..<maxRounds {
            var overloaded: [Int] = []
            for r in 0..<m.resourceCount where a.load[r] > m.limit[r] { overloaded.append(r) }
            if overloaded.isEmpty { return true }
            var candidates: [(key: Double, item: Int32, option: Int32)] = []
            for r in overloaded {
                for k in m.resourceItemStart[r]..<m.resourceItemStart[r + 1] {
                    let i = Int(m.resourceItems[k])
                    if stamp[i] == Int32(round) { continue }
                    stamp[i] = Int32(round)
                    let old = Int(a.choice[i])
                    if m.use(of: old, on: r) == 0 { continue }
                    var bestKey = Double.infinity
                    var bestOption = -1
                    for o in m.optionStart[i]..<m.optionStart[i + 1] where o != old {
                        let (gain, added) = effect(m, a, from: old, to: o)
                        let net = allowShifting ? gain - added : (added > 0 ? 0 : gain)
                        if net <= 1e-15 { continue }
                        let key = (cost[o] - cost[old]) / net
                        if key < bestKey { bestKey = key; bestOption = o }
                    }
                    if bestOption >= 0 { candidates.append((bestKey, Int32(i), Int32(bestOption))) }
                }
            }
            candidates.sort { $0.key < $1.key || ($0.key == $1.key && $0.item < $1.item) }
            var moved = 0
            var remaining = overloaded.count
            for candidate in candidates {
                let i = Int(candidate.item), o = Int(candidate.option)
                let (gain, added) = effect(m, a, from: Int(a.choice[i]), to: o)
                let net = allowShifting ? gain - added : (added > 0 ? 0 : gain)
                if net <= 1e-15 { continue }
                a.move(m, item: i, to: o)
                moved += 1
                // Stop early once every resource that was overloaded this round is fine.
                if gain > 0 {
                    remaining = overloaded.reduce(0) { $0 + (a.load[$1] > m.limit[$1] ? 1 : 0) }
                    if remaining == 0 && !allowShifting { break }
                }
            }
            if moved == 0 {
                if allowShifting { return a.isFeasible(m) }
                allowShifting = true
            } else {
                allowShifting = false
            }
        }
        return a.isFeasible(m)
    }
}
