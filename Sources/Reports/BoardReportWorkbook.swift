import CapitalCore
import Foundation
import Spreadsheets

/// The board report as an Excel workbook (Spreadsheets' ``XLSXWriter``): real number cells for money, counts, years,
/// shares and expected costs; real date cells (`dd/mm/yyyy`) for dates; text as text (never run as a formula).
///
/// Sheets: `Plan` (one row per planned replacement or additional unit), `Years` (budget, spend, expected cost with and
/// without the plan, money to meet the rules), `Spend by modality` (modality × year, with units, replacements and
/// expected cost avoided), `Age profile` (network and each modality, every plan year, with and without the plan),
/// `Capacity`, `Breaches` (every unit-year breaking a hard rule, and modality-years over the age target), `Frontier`
/// (only when the input has one), `Calls` (trust × financial year), `Call list`, `Lots`, `Shares`, `Register summary`
/// (trust × modality counts and ages today) and `About` (what it was built from). Money is a number cell of exact pounds
/// shown as `£1,234.56`, so sums work; headings are Title Case, bold and frozen; expected costs are whole pounds (risk-years for a plan saved before costs were in
/// pounds, as the `cost_unit` column and About say).
public enum BoardReportWorkbook {
    /// Every sheet, in order; `Frontier` is written only when the input has a frontier.
    public static let sheetNames = ["Plan", "Years", "Spend by modality", "Age profile", "Capacity", "Breaches", "Frontier",
                                    "Calls", "Call list", "Lots", "Shares", "Register summary", "About"]

    /// The sheets written for `r`, in order.
    public static func sheetNames(for r: BoardReportInput) -> [String] {
        sheetNames.filter { $0 != "Frontier" || r.frontier != nil }
    }

    static func money(_ p: Pence) -> XLSXCell { .money(p) }
    static func int(_ n: Int) -> XLSXCell { .number(String(n)) }
    static func real(_ x: Double, _ decimals: Int = 2) -> XLSXCell { x.isFinite ? .number(String(format: "%.\(decimals)f", x)) : .empty }
    /// An expected cost: whole pounds (or whole risk-years).
    static func whole(_ x: Double) -> XLSXCell { real(x.rounded(), 0) }
    static func text(_ s: String?) -> XLSXCell { s.map { .text($0) } ?? .empty }
    /// The sheet's header row: Title Case headings, bold, frozen, with widths (money and text columns wider).
    static func header(_ w: XLSXWriter, _ names: [String]) throws {
        try w.appendHeader(names.map(XLSXWriter.title), widths: names.map { max(12, min(40, $0.count + 4)) })
    }

    /// Writes the workbook for `r` to `url`, replacing any file there; throws when the file cannot be written.
    public static func write(_ r: BoardReportInput, to url: URL) throws {
        try? FileManager.default.removeItem(at: url)
        let w = try XLSXWriter(url: url, sharedStrings: true, customDateFormat: true)
        let names = Dictionary(r.trusts.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })

        try w.beginSheet("Plan")
        try header(w, ["trust", "trust_name", "site", "asset", "modality", "year", "financial_year", "need_date", "cost", "kind"])
        for x in r.replacements.sorted(by: { ($0.year, $0.trust, $0.site, $0.asset) < ($1.year, $1.trust, $1.site, $1.asset) }) {
            try w.appendRow([.text(x.trust), text(names[x.trust]), .text(x.site), .text(x.asset), .text(x.modality.rawValue), int(x.year),
                             .text(ReportText.financialYear(x.year)), .date(CalendarDate(year: x.year, month: 4, day: 1)!), money(x.cost),
                             .text(x.addition ? "additional unit" : "replacement")])
        }

        try w.beginSheet("Years")
        try header(w, ["year", "financial_year", "budget", "spend", "headroom", "replacements", "additions", "expected_cost_with_plan",
                       "expected_cost_without_plan", "expected_cost_avoided", "money_to_meet_rules", "cost_unit"])
        let rulesMoney = Dictionary(r.details.moneyToMeetRules.map { ($0.year, $0.amount) }, uniquingKeysWith: +)
        for y in r.years {
            try w.appendRow([int(y.year), .text(ReportText.financialYear(y.year)), money(y.budget), money(y.spend),
                             money(y.budget - y.spend), int(y.replacements), int(y.additions), whole(y.expectedCostWithPlan),
                             whole(y.expectedCostWithout), whole(y.expectedCostWithout - y.expectedCostWithPlan),
                             money(rulesMoney[y.year] ?? .zero), .text(r.plan.unit.rawValue)])
        }

        try writePlanSheets(r, w)

        try w.beginSheet("Calls")
        let labels = r.callYearLabels
        try header(w, ["trust", "trust_name"] + labels + ["total"])
        for code in r.trustCodes where r.calls.contains(where: { $0.parts[code] != nil }) {
            let amounts = labels.map { r.called(trust: code, yearLabel: $0) }
            try w.appendRow([.text(code), text(names[code])] + amounts.map(money) + [money(amounts.reduce(Pence.zero, +))])
        }

        try w.beginSheet("Call list")
        try header(w, ["reference", "date", "financial_year", "purpose", "status", "amount"])
        for c in r.calls {
            try w.appendRow([.text(c.reference), .date(c.date), .text(c.yearLabel), .text(c.purpose), .text(c.status), money(c.amount)])
        }

        try w.beginSheet("Lots")
        try header(w, ["lot_id", "category", "year", "need_date", "quantity", "trusts", "value", "at_or_above_threshold"])
        for l in r.lots {
            try w.appendRow([.text(l.id), .text(l.category), int(l.year), .date(l.needDate), int(l.quantity), .text(l.trusts),
                             money(l.value), .text(l.aboveThreshold ? "yes" : "no")])
        }

        try w.beginSheet("Shares")
        try header(w, ["trust", "trust_name", "valued_contribution", "percent", "share_set", "version", "method", "status"])
        if let s = r.shares {
            for en in s.entries {
                try w.appendRow([.text(en.trust), text(names[en.trust]), en.value.map(money) ?? .empty, .number(en.percent),
                                 .number(String(s.id)), int(s.version), .text(s.method), .text(s.status)])
            }
        }

        try w.beginSheet("Register summary")
        try header(w, ["trust", "trust_name", "modality", "units", "undated", "under_5_years", "5_to_10_years", "over_10_years",
                       "mean_age_years", "oldest_age_years", "oldest_install_date", "as_of"])
        let byTrust = Dictionary(grouping: r.fleet, by: \.trust)
        for code in byTrust.keys.sorted() {
            let units = byTrust[code]!
            let byModality = Dictionary(grouping: units, by: \.modality)
            for m in byModality.keys.sorted() {
                let group = byModality[m]!
                let p = AgeProfile.of(group, label: m.rawValue, asOf: r.asOf)
                let oldest = group.compactMap(\.installDate).min()
                try w.appendRow([.text(code), text(names[code]), .text(m.rawValue), int(p.total), int(p.undated), int(p.under5),
                                 int(p.fiveToTen), int(p.over10), real(p.meanAge), real(p.oldestAge), oldest.map { .date($0) } ?? .empty,
                                 .date(r.asOf)])
            }
        }

        try writeAbout(r, w)
        try w.close()
    }

    static func writeAbout(_ r: BoardReportInput, _ w: XLSXWriter) throws {
        try w.beginSheet("About")
        let p = r.plan, d = r.details
        var facts: [(String, XLSXCell)] = [
            ("network", .text(r.networkName)), ("as_of", .date(r.asOf)),
            ("generated_on", r.generatedOn.map { .date($0) } ?? .empty),
            ("plan_id", .number(String(p.id))), ("plan_version", int(p.version)), ("plan_name", .text(p.name)),
            ("plan_status", .text(p.status)), ("approved_by", text(p.approvedBy)), ("approved_at", text(p.approvedAt)),
            ("first_year", int(p.firstYear)), ("years", int(p.years)), ("total_spend", money(p.totalSpend)),
            ("replacements", int(p.replacements)), ("additions", int(r.years.reduce(0) { $0 + $1.additions })),
            ("assets_not_replaced_when_due", int(p.unfunded)),
            ("solver_status", .text(p.solverStatus)), ("cost_unit", .text(p.unit.rawValue)),
            ("objective_with_plan", p.objective.map(whole) ?? .empty), ("objective_without_plan", whole(p.costWithout)),
            ("lower_bound", p.bound.map(whole) ?? .empty), ("gap", p.gap.map { real(max(0, $0), 6) } ?? .empty),
        ]
        if let c = d.costsWithPlan, let n = d.costsWithout {
            for (name, with, without) in [("lost_scans", c.lostScans, n.lostScans), ("repairs", c.repairs, n.repairs),
                                          ("upkeep", c.upkeep, n.upkeep), ("unmet_demand", c.unmetDemand, n.unmetDemand),
                                          ("expected_cost", c.expected, n.expected), ("rules_price_not_money", c.rulesPrice, n.rulesPrice),
                                          ("backlog_at_end_not_money", c.backlogAtEnd, n.backlogAtEnd), ("parts_total", c.total, n.total)] {
                facts.append(("\(name)_with_plan", whole(with)))
                facts.append(("\(name)_without_plan", whole(without)))
            }
        }
        facts += [
            ("rule_breaches", int(max(d.breaches.count, p.breachYears))), ("units_breaking_rules", int(d.breachingUnits.count)),
            ("money_to_meet_rules", money(d.moneyToMeetRulesTotal)),
            ("steady_state_need_a_year", r.steadyStateNeed.map(money) ?? .empty),
            ("policy_file", .text(p.policyFile)), ("policy_sha256", .text(p.policySHA256)),
        ]
        try header(w, ["field", "value"])
        for (k, v) in facts { try w.appendRow([.text(k), v]) }
        try w.appendRow([])
        try header(w, ["batch", "trust", "file", "imported", "rows_loaded", "rows_rejected", "sha256"])
        for b in r.batches {
            try w.appendRow([.number(String(b.id)), .text(b.trust), .text(b.fileName), .date(b.importedOn), int(b.rowsLoaded),
                             int(b.rowsRejected), .text(b.sha256)])
        }
    }
}
