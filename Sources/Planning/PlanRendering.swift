import CapitalCore
import Foundation

/// Text forms of a plan: the yearly summary, the certificate, unfunded assets, breaches, spend by modality, the age
/// profile, capacity against demand, and the per-asset CSV.
///
/// Rules kept: money in CSV and JSON is a decimal string of pounds (`"1234.50"`), never a binary float; expected
/// costs are estimates and shown in whole pounds; CSV cells are defused against spreadsheet formulas (``CSVWriter``);
/// output is deterministic (keys sorted, assets in input order, unfunded assets by expected cost avoidable).
public enum PlanRenderer {
    /// Per year: budget, spend, headroom, replacements, additional units, expected cost with the plan and without,
    /// and the share of units over the age limit; then the certificate, the cost breakdown and the rules' state.
    public static func summaryTable(_ plan: Plan) -> String {
        // Two tables side by side would be 130 columns at a network's scale: the money first, then what it buys.
        var money = TextTable(header: ["year", "budget", "spend", "headroom", "replaced", "added"])
        for y in plan.yearSummaries {
            money.append([String(y.year), y.budget.formatted, y.spend.formatted, y.headroom.formatted,
                          String(y.replacements), String(y.additions)])
        }
        money.append(["total", plan.yearSummaries.reduce(Pence.zero) { $0 + $1.budget }.formatted, plan.totalSpend.formatted,
                      "", String(plan.yearSummaries.reduce(0) { $0 + $1.replacements }),
                      String(plan.yearSummaries.reduce(0) { $0 + $1.additions })])
        var t = TextTable(header: ["year", "expected cost with plan", "without", "over 10 yrs"])
        let profile = Dictionary(uniqueKeysWithValues: plan.ageProfile.filter { $0.modality == nil }.map { ($0.year, $0) })
        for y in plan.yearSummaries {
            t.append([String(y.year), poundsText(y.costWithPlan), poundsText(y.costWithout),
                      profile[y.year].map { percent($0.withPlan.oldShare) } ?? "-"])
        }
        t.append(["total", poundsText(plan.yearSummaries.reduce(0) { $0 + $1.costWithPlan }), poundsText(plan.costWithout), ""])
        t.footer.append(certificate(plan))
        t.footer.append(breakdown(plan))
        t.footer.append(rulesLine(plan))
        if !plan.unfunded.isEmpty {
            t.footer.append("unfunded assets (due, not replaced when due): \(plan.unfunded.count)")
        }
        return money.render() + "\n" + t.render()
    }

    /// Everything a person reads at the terminal: the yearly summary, spend and value per modality, the age profile
    /// at the horizon's end, capacity against demand, hard-rule breaches and the unfunded assets.
    public static func report(_ plan: Plan) -> String {
        var parts = [summaryTable(plan), "Per modality over the horizon\n" + modalityTable(plan),
                     "Fleet age at the end of the horizon\n" + ageProfileTable(plan)]
        if !plan.capacity.isEmpty { parts.append("Capacity against demand\n" + capacityTable(plan)) }
        if !plan.breaches.isEmpty { parts.append("Units breaking a hard rule\n" + breachTable(plan)) }
        if !plan.unfunded.isEmpty { parts.append("Unfunded: due, not replaced when due\n" + unfundedTable(plan)) }
        return parts.joined(separator: "\n")
    }

    /// "this plan: £X over 15 years; no plan within these budgets can do better than £Y; gap Z%".
    public static func certificate(_ plan: Plan) -> String {
        var line: String
        if let o = plan.objective {
            line = "this plan: \(poundsText(o)) over \(plan.years) years"
            if let b = plan.bound { line += "; no plan within these budgets can do better than \(poundsText(b))" }
            if let g = plan.gap { line += String(format: "; gap %.2f%%", g * 100) }
            line += " (\(plan.status.rawValue), \(String(format: "%.1f", plan.seconds)) s)"
        } else {
            line = "no plan: status \(plan.status.rawValue) (\(String(format: "%.1f", plan.seconds)) s)"
        }
        if let r = plan.reason { line += "\nreason: \(r)" }
        return line
    }

    /// The objective's parts with the plan and without.
    public static func breakdown(_ plan: Plan) -> String {
        let w = plan.breakdownWithPlan, n = plan.breakdownWithout
        return "of which: lost scans \(poundsText(w.service)) (without the plan \(poundsText(n.service))), "
            + "repairs \(poundsText(w.repairs)) (\(poundsText(n.repairs))), upkeep \(poundsText(w.upkeep)) (\(poundsText(n.upkeep))), "
            + "unmet demand \(poundsText(w.unmetDemand)) (\(poundsText(n.unmetDemand))); "
            + "expected cost \(poundsText(w.expected)) (\(poundsText(n.expected))); not money spent in the horizon: "
            + "the rules' price on breaches and over-age units \(poundsText(w.rules)) (\(poundsText(n.rules))), "
            + "the backlog left at the end \(poundsText(w.backlog)) (\(poundsText(n.backlog)))"
    }

    /// One line on the hard rules: none broken, or how many unit-years and what money would meet them.
    public static func rulesLine(_ plan: Plan) -> String {
        let money = plan.moneyToMeetRules.reduce(Pence.zero) { $0 + $1.amount }
        var parts: [String] = []
        if plan.breaches.isEmpty {
            parts.append("hard rules: met in every year")
        } else {
            let units = Set(plan.breaches.map(\.key)).count
            parts.append("hard rules: \(plan.breaches.count) unit-year\(plan.breaches.count == 1 ? "" : "s") broken by \(units) unit\(units == 1 ? "" : "s")")
        }
        if !plan.shareBreaches.isEmpty {
            parts.append("over-10 share above target in \(plan.shareBreaches.count) modality-years")
        }
        if money > .zero {
            parts.append("meeting them needs \(money.formatted) more: "
                         + plan.moneyToMeetRules.map { "\($0.year) \($0.amount.formatted)" }.joined(separator: ", "))
        }
        return parts.joined(separator: "; ")
    }

    /// The unfunded assets, most expected cost avoidable first, at most `limit` rows; under the table, what kept
    /// each from being replaced when due (a line each: the reasons are too long for a column within 100).
    public static func unfundedTable(_ plan: Plan, limit: Int = 20) -> String {
        var t = TextTable(header: ["asset", "modality", "due", "planned", "expected cost", "if replaced when due"],
                          alignments: [.left, .left, .right, .right, .right, .right])
        let shown = plan.unfunded.prefix(limit)
        for u in shown {
            t.append([u.key, u.modality.rawValue, String(u.dueYear), u.plannedYear.map(String.init) ?? "-",
                      poundsText(u.costCarried), poundsText(u.costIfReplacedWhenDue)])
        }
        if plan.unfunded.count > limit { t.footer.append("… and \(plan.unfunded.count - limit) more") }
        let width = shown.map(\.key.count).max() ?? 0
        let binds = shown.map { u in
            u.key.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + u.reasons.map(\.text).joined(separator: "; ")
        }
        return t.render() + (binds.isEmpty ? "" : "\nwhat binds (why each was not replaced when due):\n" + binds.joined(separator: "\n") + "\n")
    }

    /// Hard-rule breaches, one row per unit (its first year and rule, and how many years), at most `limit` rows.
    public static func breachTable(_ plan: Plan, limit: Int = 20) -> String {
        var first: [String: RuleBreach] = [:], years: [String: Int] = [:], order: [String] = []
        for b in plan.breaches {
            if first[b.key] == nil { first[b.key] = b; order.append(b.key) }
            years[b.key, default: 0] += 1
        }
        var t = TextTable(header: ["asset", "modality", "first year", "age", "rule", "years in breach"],
                          alignments: [.left, .left, .right, .right, .left, .right])
        for key in order.prefix(limit) {
            let b = first[key]!
            t.append([key, b.modality.rawValue, String(b.year), String(b.age), b.rule.rawValue, String(years[key]!)])
        }
        if order.count > limit { t.footer.append("… and \(order.count - limit) more units") }
        return t.render()
    }

    /// Per modality: units, units replaced at least once, replacements, spend, expected cost avoided and avoided per
    /// pound spent.
    public static func modalityTable(_ plan: Plan) -> String {
        var t = TextTable(header: ["modality", "units", "replaced", "replacements", "added", "spend", "cost avoided",
                                   "avoided per £"])
        for r in modalityRows(plan) {
            t.append([r.modality.rawValue, String(r.units), String(r.replaced), String(r.replacements), String(r.added),
                      r.spend.formatted, poundsText(r.avoided),
                      r.spend > .zero ? String(format: "£%.2f", r.avoided / (Double(r.spend.value) / 100)) : "-"])
        }
        return t.render()
    }

    /// One modality's figures in ``modalityTable(_:)``.
    public struct ModalityRow: Sendable, Equatable {
        /// The modality.
        public let modality: Modality
        /// Units in the plan, units replaced at least once, replacements made and additional units installed.
        public var units: Int, replaced: Int, replacements: Int, added: Int
        /// What the plan spends on the modality over the horizon (replacements and additions).
        public var spend: Pence
        /// Expected cost (objective terms) without the plan minus with it, over the horizon.
        public var avoided: Double
    }

    /// The figures of ``modalityTable(_:)`` per modality, in modality order; modalities with no unit are absent.
    public static func modalityRows(_ plan: Plan) -> [ModalityRow] {
        var rows: [Modality: ModalityRow] = [:]
        func row(_ m: Modality) -> ModalityRow {
            rows[m] ?? ModalityRow(modality: m, units: 0, replaced: 0, replacements: 0, added: 0, spend: .zero, avoided: 0)
        }
        for a in plan.assets {
            var r = row(a.modality)
            r.units += 1
            if !a.replacements.isEmpty { r.replaced += 1 }
            r.replacements += a.replacements.count
            r.spend = r.spend + a.totalCost
            r.avoided += a.costWithout - a.costWithPlan
            rows[a.modality] = r
        }
        for a in plan.additions {
            var r = row(a.modality)
            r.added += 1
            r.spend = r.spend + a.totalCost
            r.avoided += a.costWithout - a.costWithPlan
            rows[a.modality] = r
        }
        return rows.keys.sorted().map { rows[$0]! }
    }

    /// The age profile per modality in `year` (default: the last), with the plan and without.
    public static func ageProfileTable(_ plan: Plan, year: Int? = nil) -> String {
        let y = year ?? (plan.firstYear + plan.years - 1)
        var t = TextTable(header: ["\(y)", "units", "≤5 yrs", "6-10", "over 10", "over 10 without plan"])
        for p in plan.ageProfile where p.year == y {
            let w = p.withPlan
            t.append([p.modality?.rawValue ?? "network", String(w.total), percent(w.newShare),
                      percent(w.total == 0 ? 0 : Double(w.middle) / Double(w.total)), percent(w.oldShare),
                      percent(p.without.oldShare)])
        }
        t.footer.append("target (COCIR): at least 60% 5 years old or less, at most 10% over 10")
        return t.render()
    }

    /// Capacity against demand per modality in the first and last year.
    public static func capacityTable(_ plan: Plan) -> String {
        guard !plan.capacity.isEmpty else { return "capacity: no demand given\n" }
        var t = TextTable(header: ["modality", "year", "demand", "capacity with plan", "without", "unmet with plan",
                                   "without"])
        let last = plan.firstYear + plan.years - 1
        for c in plan.capacity where c.year == plan.firstYear || c.year == last {
            t.append([c.modality.rawValue, String(c.year), whole(c.demand), whole(c.capacityWithPlan),
                      whole(c.capacityWithout), whole(c.unmetWithPlan), whole(c.unmetWithout)])
        }
        t.footer.append("scans a year; unmet: demand above each site's capacity, done elsewhere")
        return t.render()
    }

    /// One row per asset: trust, site, tag, modality, installed, expected life, replacement years, whole cost and
    /// its parts, expected cost with and without the plan, due year.
    public static func assetsCSV(_ plan: Plan) -> String {
        let header = ["trust", "site", "asset", "modality", "installed", "expected_life", "replacement_years", "cost",
                      "equipment", "works", "vat", "expected_cost_with_plan", "expected_cost_without", "due_year",
                      "excluded"]
        let rows = plan.assets.map { a -> [String] in
            let parts = a.replacements.reduce(PriceBreakdown.zero) { $0 + $1.price }
            return [a.trust, a.site, a.tag, a.modality.rawValue, a.installedYear.map(String.init) ?? "",
                    a.expectedLife.map(String.init) ?? "", a.replacements.map { String($0.year) }.joined(separator: " "),
                    a.totalCost.plain, parts.equipment.plain, parts.works.plain, parts.vat.plain,
                    pounds(a.costWithPlan).plain, pounds(a.costWithout).plain, a.dueYear.map(String.init) ?? "",
                    a.excluded ? "yes" : "no"]
        }
        return CSVWriter.document(header: header, rows: rows)
    }

    /// An expected cost as whole pounds (it is an estimate: pence would be false precision).
    public static func pounds(_ value: Double) -> Pence {
        guard value.isFinite else { return .zero }
        return .pounds(Int64(max(-9e15, min(9e15, value.rounded()))))
    }

    /// `£1,234,567`.
    public static func poundsText(_ value: Double) -> String {
        let f = pounds(value).formatted
        return String(f.dropLast(3))
    }

    static func percent(_ share: Double) -> String { String(format: "%.0f%%", share * 100) }
    static func whole(_ value: Double) -> String {
        guard value.isFinite, abs(value) < 9e18 else { return value.isNaN ? "-" : String(format: "%.3g", value) }
        return String(Int64(value.rounded()))
    }
}
