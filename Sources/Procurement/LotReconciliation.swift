import CapitalCore
import Planning

/// What ``PurchaseLots/reconcile(lots:plan:window:)`` found wrong: each problem named, so a failing check says which
/// purchase, lot or year to look at.
public struct ReconciliationFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// Each problem found, in words.
    public let problems: [String]
    /// The problems as an indented list under one heading line.
    public var description: String {
        "purchase lots do not reconcile with the plan:\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
    }
}

extension PurchaseLots {
    /// Checks that `lots` account for `plan` exactly and never take a year over its budget.
    ///
    /// Rules checked:
    /// - every planned purchase — each replacement `(trust/tag, year, cost)` in ``Plan/assets`` and each installation
    ///   `(trust/site/tag, year, cost)` in ``Plan/additions`` — is a member of exactly one lot and every member is a
    ///   planned purchase (compared as multisets, so a unit planned twice must appear twice);
    /// - no lot is empty or holds one unit twice; no member is planned before its lot's year, nor more than `window`
    ///   years after it when a window is given; lot ids are unique;
    /// - lot values sum exactly, in pence, to ``Plan/totalSpend`` (for a plan without year summaries, which has no
    ///   spend figure, to the sum of its purchases' costs);
    /// - when the plan has year summaries: the members planned in each year sum to the plan's spend that year; the
    ///   lots of each year total at most its budget (at most the plan's own spend in a year the plan itself
    ///   overspends: nothing is brought forward into it); nothing is brought forward into a year without a summary;
    /// - each held-back purchase is a member of a later lot, not of the lot that lists it, is planned after that
    ///   lot's year (within `window`), and its cost is more than the headroom it was held back for.
    /// - Throws: ``ReconciliationFailure`` listing every problem found.
    public static func reconcile(lots: [PurchaseLot], plan: Plan, window: Int? = nil) throws {
        struct Key: Hashable, Comparable {
            var unit: String, year: Int, cost: Int64, addition: Bool
            init(_ m: PurchaseLot.Member) {
                unit = m.key; year = m.plannedYear; cost = m.cost.value; addition = m.kind == .addition
            }
            init(unit: String, year: Int, cost: Pence, addition: Bool) {
                self.unit = unit; self.year = year; self.cost = cost.value; self.addition = addition
            }
            static func < (a: Key, b: Key) -> Bool { (a.unit, a.year, a.cost) < (b.unit, b.year, b.cost) }
            var text: String { "\(addition ? "additional unit" : "replacement") \(unit) in \(year) at \(Pence(cost).formatted)" }
        }
        var expected: [Key: Int] = [:]
        for a in plan.assets {
            for r in a.replacements { expected[Key(unit: a.key, year: r.year, cost: r.cost, addition: false), default: 0] += 1 }
        }
        for a in plan.additions {
            for r in a.installations { expected[Key(unit: a.key, year: r.year, cost: r.cost, addition: true), default: 0] += 1 }
        }
        var found: [Key: Int] = [:]
        var problems: [String] = []
        var ids = Set<String>()
        for lot in lots {
            if !ids.insert(lot.id).inserted { problems.append("lot id \(lot.id) is used twice") }
            if lot.members.isEmpty { problems.append("lot \(lot.id) has no members") }
            if Set(lot.members.map(\.key)).count != lot.members.count { problems.append("lot \(lot.id) holds one unit twice") }
            for m in lot.members {
                found[Key(m), default: 0] += 1
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
            if f < e { problems.append("\(key.text) is in no lot" + (e > 1 ? " (\(e - f) of \(e) missing)" : "")) }
            if f > e {
                problems.append(e == 0 ? "lots hold \(key.text), which the plan does not plan"
                                       : "\(key.text) is in \(f) lots")
            }
        }

        let lotTotal = lots.reduce(Pence.zero) { $0 + $1.value }
        if plan.yearSummaries.isEmpty {
            let planned = expected.reduce(Pence.zero) { $0 + Pence($1.key.cost * Int64($1.value)) }
            if lotTotal != planned {
                problems.append("lot values sum to \(lotTotal.formatted); the plan's purchases cost \(planned.formatted)")
            }
        } else if lotTotal != plan.totalSpend {
            problems.append("lot values sum to \(lotTotal.formatted); the plan spends \(plan.totalSpend.formatted)")
        }

        if !plan.yearSummaries.isEmpty {
            var plannedIn: [Int: Pence] = [:], lotsIn: [Int: Pence] = [:]
            for lot in lots {
                lotsIn[lot.year, default: .zero] = lotsIn[lot.year, default: .zero] + lot.value
                for m in lot.members { plannedIn[m.plannedYear, default: .zero] = plannedIn[m.plannedYear, default: .zero] + m.cost }
            }
            let summaries = Dictionary(plan.yearSummaries.map { ($0.year, $0) }, uniquingKeysWith: { a, _ in a })
            for y in plan.yearSummaries {
                let planned = plannedIn[y.year] ?? .zero
                if planned != y.spend {
                    problems.append("members planned in \(FinancialYear.label(y.year)) cost \(planned.formatted); "
                                    + "the plan spends \(y.spend.formatted) that year")
                }
                let bought = lotsIn[y.year] ?? .zero
                let limit = max(y.budget, y.spend)
                if bought > limit {
                    problems.append("lots bought in \(FinancialYear.label(y.year)) total \(bought.formatted), over its "
                                    + (y.spend > y.budget ? "plan spend \(y.spend.formatted) (already over the budget \(y.budget.formatted))"
                                                          : "budget \(y.budget.formatted)"))
                }
            }
            for lot in lots where summaries[lot.year] == nil && !lot.moves.isEmpty {
                problems.append("lot \(lot.id) brings purchases forward into \(lot.year), a year the plan has no budget for")
            }
        }

        var memberOf: [Key: [PurchaseLot]] = [:]
        for lot in lots { for m in lot.members { memberOf[Key(m), default: []].append(lot) } }
        for lot in lots {
            for h in lot.heldBack {
                let m = h.member
                if h.year != lot.year { problems.append("lot \(lot.id) (\(lot.year)) lists \(m.key) as held back for \(h.year)") }
                if m.plannedYear <= lot.year {
                    problems.append("lot \(lot.id) (\(lot.year)) holds back \(m.key), planned in \(m.plannedYear): not later")
                }
                if let window, m.plannedYear > lot.year + window {
                    problems.append("lot \(lot.id) (\(lot.year)) holds back \(m.key) planned in \(m.plannedYear), beyond the \(window)-year window")
                }
                if lot.members.contains(where: { $0.key == m.key }) {
                    problems.append("lot \(lot.id) both holds and holds back \(m.key)")
                }
                if !(memberOf[Key(m)] ?? []).contains(where: { $0.year > lot.year && $0.category == lot.category }) {
                    problems.append("lot \(lot.id) holds back \(Key(m).text), which no later lot of \(lot.category) holds")
                }
                if h.headroom >= m.cost {
                    problems.append("lot \(lot.id) holds back \(m.key) at \(m.cost.formatted) though \(h.headroom.formatted) of headroom was left")
                }
            }
        }
        if !problems.isEmpty { throw ReconciliationFailure(problems: problems) }
    }
}
