import Foundation

/// One-for-many exchanges on a single resource: an item moves to a better option that needs more of a full resource
/// (a year's budget), and as many other items as it takes give up some of that resource at the least loss per unit
/// freed, when the exchange saves penalty overall.
///
/// Pair moves find one-for-one swaps; when the items differ in size by an order of magnitude (one CT against fifteen
/// ultrasounds in the same year's budget) only a one-for-many exchange finds the better plan. Rule kept: every move is
/// checked exactly against the integer limits as it is applied; an exchange that cannot be completed is undone, and
/// only exchanges that lower the total penalty are kept.
enum ExchangeSearch {
    /// Runs exchanges on each of `resources` until a round changes nothing, `maxRounds` rounds, or the deadline.
    /// Returns true when the assignment improved.
    @discardableResult
    static func run(_ m: CompactModel, _ a: inout Assignment, resources: [Int], deadline: Deadline,
                    maxRounds: Int = 4, gainersPerResource: Int = 400) -> Bool {
        var improvedAny = false
        for _ in 0..<maxRounds {
            var improved = false
            for r in resources {
                if deadline.passed { return improvedAny }
                if exchange(m, &a, on: r, limit: gainersPerResource, deadline: deadline) { improved = true }
            }
            if !improved { break }
            improvedAny = true
        }
        return improvedAny
    }

    /// The best option of item `i` that uses more of `r` and lowers its penalty, by penalty saved per unit of `r`.
    static func exchange(_ m: CompactModel, _ a: inout Assignment, on r: Int, limit: Int, deadline: Deadline) -> Bool {
        var gainers: [(ratio: Double, item: Int32, option: Int32)] = []
        var donors: [(ratio: Double, item: Int32)] = []
        for k in m.resourceItemStart[r]..<m.resourceItemStart[r + 1] {
            let i = Int(m.resourceItems[k])
            let old = Int(a.choice[i])
            let oldUse = m.use(of: old, on: r), oldPenalty = m.penalty[old]
            var bestGain = 0.0, bestOption = -1, bestDonor = Double.infinity
            for o in m.optionStart[i]..<m.optionStart[i + 1] where o != old {
                let extra = m.use(of: o, on: r) - oldUse
                let saved = oldPenalty - m.penalty[o]
                if extra > 0, saved > 0 {
                    let ratio = saved / Double(extra)
                    if ratio > bestGain { bestGain = ratio; bestOption = o }
                } else if extra < 0 {
                    bestDonor = min(bestDonor, max(0, -saved) / Double(-extra))
                }
            }
            if bestOption >= 0 { gainers.append((bestGain, Int32(i), Int32(bestOption))) }
            if bestDonor.isFinite { donors.append((bestDonor, Int32(i))) }
        }
        guard !gainers.isEmpty else { return false }
        gainers.sort { $0.ratio > $1.ratio || ($0.ratio == $1.ratio && $0.item < $1.item) }
        donors.sort { $0.ratio < $1.ratio || ($0.ratio == $1.ratio && $0.item < $1.item) }
        var improved = false
        var used = [Bool](repeating: false, count: m.itemCount)
        for g in gainers.prefix(limit) {
            if deadline.passed { break }
            let i = Int(g.item), o = Int(g.option)
            if used[i] { continue }
            let old = Int(a.choice[i])
            let saved = m.penalty[old] - m.penalty[o]
            let extra = m.use(of: o, on: r) - m.use(of: old, on: r)
            guard saved > 0, extra > 0 else { continue }
            let need = a.load[r] + extra - m.limit[r]
            if need <= 0 {
                if a.canMove(m, item: i, to: o) { a.move(m, item: i, to: o); used[i] = true; improved = true }
                continue
            }
            // Gather donors, cheapest loss per unit freed first, each at its best option that still fits.
            var undo: [(item: Int, option: Int)] = []
            var freed: Int64 = 0, loss = 0.0
            for d in donors {
                let j = Int(d.item)
                if j == i || used[j] { continue }
                if d.ratio * Double(need - freed) > saved - loss { break }
                let current = Int(a.choice[j])
                let currentUse = m.use(of: current, on: r)
                var pick = -1, pickRatio = Double.infinity, pickFreed: Int64 = 0, pickLoss = 0.0
                for p in m.optionStart[j]..<m.optionStart[j + 1] where p != current {
                    let f = currentUse - m.use(of: p, on: r)
                    guard f > 0 else { continue }
                    let l = m.penalty[p] - m.penalty[current]
                    let ratio = max(0, l) / Double(f)
                    if ratio < pickRatio, a.canMove(m, item: j, to: p) {
                        pick = p; pickRatio = ratio; pickFreed = f; pickLoss = l
                    }
                }
                guard pick >= 0 else { continue }
                undo.append((j, current))
                a.move(m, item: j, to: pick)
                freed += pickFreed
                loss += pickLoss
                if freed >= need || loss >= saved { break }
            }
            let tolerance = 1e-9 * max(1, abs(saved))
            if freed >= need, loss < saved - tolerance, a.canMove(m, item: i, to: o) {
                a.move(m, item: i, to: o)
                used[i] = true
                for u in undo { used[u.item] = true }
                improved = true
            } else {
                for u in undo.reversed() { a.move(m, item: u.item, to: u.option) }
            }
        }
        return improved
    }
}
