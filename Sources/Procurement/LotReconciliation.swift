import CapitalCore
import Planning

/// What ``PurchaseLots/reconcile(lots:plan:)`` found wrong: each problem named, so a failing check says which
/// replacement or lot to look at.
public struct ReconciliationFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public var problems: [String]
    public var description: String {
        "purchase lots do not reconcile with the plan:\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
    }
}

extension PurchaseLots {
    /// Checks that `lots` account for `plan` exactly.
    ///
    /// Rules checked: every planned replacement `(trust, tag, year, cost)` is a member of exactly one lot and every
    /// member is a planned replacement (compared as multisets, so a unit planned twice must appear twice); no lot
    /// is empty or holds one unit twice; no member is planned before its lot's year, nor more than `window` years
    /// after it when a window is given; lot values sum exactly, in pence, to ``Plan/totalSpend``.
    /// - Throws: ``ReconciliationFailure`` listing every problem found.
    public static func reconcile(lots: [PurchaseLot], plan: Plan, window: Int? = nil) throws {
        struct Key: Hashable, Comparable {
            var trust: String, tag: String, year: Int, cost: Int64
            static func < (a: Key, b: Key) -> Bool { (a.trust, a.tag, a.year, a.cost) < (b.trust, b.tag, b.year, b.cost) }
            var text: String { "\(trust)/\(tag) in \(year) at \(Pence(cost).formatted)" }
        }
        var expected: [Key: Int] = [:]
        for a in plan.assets {
            for r in a.replacements { expected[Key(trust: a.trust, tag: a.tag, year: r.year, cost: r.cost.value), default: 0] += 1 }
        }
        var found: [Key: Int] = [:]
        var problems: [String] = []
        var ids = Set<String>()
        for lot in lots {
            if !ids.insert(lot.id).inserted { problems.append("lot id \(lot.id) is used twice") }
            if lot.members.isEmpty { problems.append("lot \(lot.id) has no members") }
            if Set(lot.members.map(\.key)).count != lot.members.count { problems.append("lot \(lot.id) holds one unit twice") }
            for m in lot.members {
                found[Key(trust: m.trust, tag: m.tag, year: m.plannedYear, cost: m.cost.value), default: 0] += 1
                if m.plannedYear < lot.year {
                    problems.append("lot \(lot.id) (\(lot.year)) holds \(m.key) planned earlier, in \(m.plannedYear)")
                }
                if let window, m.plannedYear > lot.year + window {
                    problems.append("lot \(lot.id) (\(lot.year)) holds \(m.key) planned in \(m.plannedYear), beyond the \(window)-year window")
                }
            }
        }
        for key in Set(expected.keys).union(found.keys).sorted() {
            let e = expected[key] ?? 0, f = found[key] ?? 0
            if f < e { problems.append("replacement \(key.text) is in no lot" + (e > 1 ? " (\(e - f) of \(e) missing)" : "")) }
            if f > e {
                problems.append(e == 0 ? "lots hold \(key.text), which the plan does not plan"
                                       : "replacement \(key.text) is in \(f) lots")
            }
        }
        let lotTotal = lots.reduce(Pence.zero) { $0 + $1.value }
        if lotTotal != plan.totalSpend {
            problems.append("lot values sum to \(lotTotal.formatted); the plan spends \(plan.totalSpend.formatted)")
        }
        if !problems.isEmpty { throw ReconciliationFailure(problems: problems) }
    }
}
