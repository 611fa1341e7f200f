import CapitalCore
import Foundation

/// The board report as one self-contained HTML page: inline CSS, inline SVG charts, no scripts, no external
/// fetches, no web fonts. Opens offline and prints on A4 (each section from a new page, no dark backgrounds).
///
/// Order: the summary a finance lead reads first (capital over the horizon, expected cost avoided, the hard rules,
/// the certificate in pounds); spend against budget by trust; spend by modality and what it buys; expected cost per
/// year with and without the plan, and its parts; hard-rule breaches and the money to meet them; the fleet's age per
/// plan year against the 60/30/10 rule; capacity against demand; what more or less money buys (when a frontier is
/// given); ownership shares; capital calls; purchase lots; what it was built from. Every piece of text from data is
/// HTML-escaped. A plan saved before costs were in pounds is labelled as such and its figures shown as risk-years.
public enum BoardReportHTML {
    /// Every section id and title, in page order. The frontier section appears only when the input has a frontier.
    static let sections: [(id: String, title: String)] = [
        ("summary", "Summary"),
        ("spend", "Spend against budget, by trust"),
        ("modality", "Spend by modality, and what it buys"),
        ("cost", "Expected cost per year, with and without the plan"),
        ("rules", "Hard rules: breaches and the money to meet them"),
        ("age", "Fleet age against the 60/30/10 rule, per plan year"),
        ("capacity", "Capacity against demand"),
        ("registers", "The two registers: engineering against finance"),
        ("frontier", "What more or less money buys"),
        ("shares", "Ownership shares"),
        ("calls", "Capital calls per trust per year"),
        ("lots", "Collective purchase lots"),
        ("sources", "What this rests on"),
    ]

    /// Every section id, in page order (tests and the rendering check look for them).
    public static let sectionIDs = sections.map(\.id)

    /// The section ids of the page for `r`, in order: all of them, less `frontier` when there is none.
    public static func sectionIDs(for r: BoardReportInput) -> [String] {
        sectionIDs.filter { $0 != "frontier" || r.frontier != nil }
    }

    /// Each section's renderer by its id (sectionIDs gives the order); anything else is the sources section.
    private static let sectionRenderers: [String: @Sendable (BoardReportInput) -> String] = [
        "summary": summary, "spend": spend, "modality": modality, "cost": cost, "rules": rules, "age": age,
        "capacity": capacity, "frontier": frontier, "registers": registers, "shares": shares, "calls": calls,
        "lots": lots,
    ]

    /// The whole page for `r`: a complete HTML document, sections in the order above.
    public static func render(_ r: BoardReportInput) -> String {
        var h = ""
        h += "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
        h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        h += "<title>\(e(r.networkName)): capital equipment plan, board report</title>\n"
        h += "<style>\n\(css)\n</style>\n</head>\n<body>\n<main>\n"
        for id in sectionIDs(for: r) {
            h += (sectionRenderers[id] ?? sources)(r)
        }
        h += "</main>\n</body>\n</html>\n"
        return h
    }

    // MARK: pieces

    static func e(_ s: String) -> String { ReportText.html(s) }
    static func money(_ p: Pence) -> String { ReportText.money(p) }
    static func pounds(_ p: Pence) -> Double { Double(p.value) / 100 }
    static func cost(_ value: Double, _ r: BoardReportInput) -> String { ReportText.cost(value, r.plan.unit) }

    /// `<section id=…><h2>N. Title</h2>`, numbered by the section's place on this page.
    static func open(_ id: String, _ r: BoardReportInput, title: String? = nil, first: Bool = false) -> String {
        let number = (sectionIDs(for: r).firstIndex(of: id) ?? 0) + 1
        let name = title ?? sections.first { $0.id == id }?.title ?? id
        return "<section id=\"\(id)\"\(first ? " class=\"first\"" : "")>\n<h2>\(number). \(e(name))</h2>\n"
    }

    /// "section N" for a cross-reference.
    static func ref(_ id: String, _ r: BoardReportInput) -> String {
        sectionIDs(for: r).firstIndex(of: id).map { "section \($0 + 1)" } ?? "the workbook"
    }

    static func horizonText(_ r: BoardReportInput) -> String {
        "\(ReportText.financialYear(r.plan.firstYear))–\(ReportText.financialYear(r.plan.lastYear))"
    }

    static func trustName(_ r: BoardReportInput, _ code: String) -> String {
        r.trusts.first { $0.code == code }?.name ?? ""
    }

    static func trustColours(_ r: BoardReportInput) -> [String: String] {
        var out: [String: String] = [:]
        for (i, code) in r.trustCodes.enumerated() { out[code] = SVGCharts.palette[i % SVGCharts.palette.count] }
        return out
    }

    /// " and 59 additional units" (with their installations when an added unit is installed again), or "".
    static func additionsText(_ r: BoardReportInput) -> String {
        let installs = r.years.reduce(0) { $0 + $1.additions }
        let units = r.details.modalities.isEmpty ? installs : r.details.modalities.reduce(0) { $0 + $1.added }
        guard installs > 0 || units > 0 else { return "" }
        let text = " and \(ReportText.int(units)) additional unit\(units == 1 ? "" : "s")"
        return installs == units ? text : text + " (\(ReportText.int(installs)) installations)"
    }

    /// The plan's expected cost over the horizon with and without it, and whether the figures are money only
    /// (the breakdown's expected part) or include the rules' price (the optimiser's totals).
    static func expectedTotals(_ r: BoardReportInput) -> (with: Double, without: Double, moneyOnly: Bool) {
        if r.plan.unit == .pounds, let w = r.details.costsWithPlan, let n = r.details.costsWithout {
            return (w.expected, n.expected, true)
        }
        return (r.plan.objective ?? r.years.reduce(0) { $0 + $1.expectedCostWithPlan }, r.plan.costWithout, false)
    }

    /// The certificate in plain words: "this plan: £X over 15 years (…); no plan within these budgets can do
    /// better than £Y; gap Z%", or why there is no such sentence. An old plan's certificate is in risk-years and says so.
    public static func certificateSentence(_ p: BoardReportInput.PlanInfo) -> String {
        guard let objective = p.objective else {
            return "The optimiser found no plan (status \(p.solverStatus)): there is no certificate."
        }
        let gap = p.gap ?? p.bound.flatMap { b in objective != 0 ? (objective - b) / abs(objective) : nil }
        let gapText = gap.map { "gap " + ReportText.percent(max(0, $0), decimals: 2) }
        let status = p.solverStatus == "optimal" ? "the optimiser proved it optimal within its tolerance" : "solver status \(p.solverStatus)"
        if p.unit == .riskYears {
            var line = "This plan was saved before the planner's costs were in pounds: its certificate is in risk-years, a unitless "
                + "score, not money. This plan leaves \(ReportText.cost(objective, .riskYears))"
            if let b = p.bound { line += "; no plan within these budgets can leave less than \(ReportText.whole(b))" }
            if let gapText { line += "; \(gapText)" }
            return line + " (\(status))."
        }
        var line = "This plan: \(ReportText.pounds(objective)) over \(p.years) years (expected cost, plus the price of broken rules and of the backlog left)"
        guard let bound = p.bound else {
            return line + "; the optimiser proved no lower bound, so how far it is from the best possible plan is not known (\(status))."
        }
        line += "; no plan within these budgets can do better than \(ReportText.pounds(bound))"
        if let gapText { line += "; \(gapText)" }
        return line + " (\(status))."
    }

    static func summary(_ r: BoardReportInput) -> String {
        let p = r.plan
        let budget = r.years.reduce(Pence.zero) { $0 + $1.budget }
        var h = "<section id=\"summary\" class=\"first\">\n"
        h += "<header class=\"title\"><p class=\"kicker\">\(e(r.networkName)) · board paper</p>"
        h += "<h1>Imaging equipment capital plan \(e(horizonText(r)))</h1>"
        h += "<p class=\"sub\">Plan \(p.id) version \(p.version), “\(e(p.name))”: "
        if p.status == "approved" {
            h += "approved by \(e(p.approvedBy ?? "–")) on \(e(ReportText.timestamp(p.approvedAt))). "
        } else {
            h += "<strong class=\"warn\">\(e(p.status.uppercased())): not the approved plan.</strong> "
        }
        h += "Figures as of \(e(r.asOf.iso))" + (r.generatedOn.map { "; report generated on \(e($0.iso))" } ?? "") + ".</p></header>\n"
        h += "<h2>1. Summary</h2>\n"
        if p.unit == .riskYears {
            h += "<p class=\"notice\"><strong>This plan was saved before the planner's costs were in pounds.</strong> Its certificate and yearly figures are risk-years, a unitless likelihood × impact score, not money, and it has no cost breakdown, projected age profile, capacity or hard-rule check. Make and approve a new plan for a board paper in pounds.</p>\n"
        }
        h += "<div class=\"figures\">\n"
        h += figure("Capital needed over \(p.years) years", money(p.totalSpend),
                    "\(ReportText.int(p.replacements)) replacements\(additionsText(r)), \(horizonText(r)); \(money(budget)) of budget (\(budget.value > 0 ? ReportText.percent(Double(p.totalSpend.value) / Double(budget.value)) : "–") used)")
        let t = expectedTotals(r)
        if p.unit == .pounds {
            h += figure("Expected cost avoided", ReportText.pounds(t.without - t.with),
                        "\(ReportText.pounds(t.without)) over \(p.years) years with no replacement → \(ReportText.pounds(t.with)) with the plan (\(t.moneyOnly ? "lost scans, repairs, upkeep and unmet demand" : "including the rules' price"))")
        } else {
            h += figure("Risk reduced (old plan, risk-years)", t.without > 0 ? ReportText.percent((t.without - t.with) / t.without) : "–",
                        "\(ReportText.cost(t.without, .riskYears)) with no replacement → \(ReportText.whole(t.with)) with the plan: a score, not money")
        }
        h += rulesFigure(r)
        h += figure("Certificate", p.gap.map { "gap " + ReportText.percent(max(0, $0), decimals: 2) } ?? p.solverStatus,
                    "solver status \(p.solverStatus)\(p.bound.map { ", no plan within these budgets can do better than \(cost($0, r))" } ?? "")")
        if let last = r.details.networkAge(p.lastYear) {
            h += figure("Units over 10 years old in \(ReportText.financialYear(p.lastYear))", ReportText.percent(last.withPlan.shareOver10),
                        "with the plan; \(ReportText.percent(last.without.shareOver10)) without it. Rule: no more than \(ReportText.percent(r.ageRule.maxOver10, decimals: 0)) (\(ref("age", r)))")
        } else {
            let today = AgeProfile.of(r.fleet, label: "All equipment", asOf: r.asOf)
            h += figure("Units over 10 years old today", today.dated > 0 ? ReportText.percent(today.shareOver10) : "–",
                        "of \(ReportText.int(today.dated)) dated units in the register. Rule: no more than \(ReportText.percent(r.ageRule.maxOver10, decimals: 0))")
        }
        h += figure("Assets not replaced when due", ReportText.int(p.unfunded),
                    "of \(ReportText.int(r.fleet.count)) in service: due for replacement within the horizon but replaced later or not at all")
        h += "</div>\n"
        h += "<p class=\"certificate\">\(e(certificateSentence(p)))</p>\n"
        h += "<ul class=\"points\">\n"
        if let first = r.years.first {
            h += "<li>First year (\(ReportText.financialYear(first.year))): \(money(first.spend)) on \(ReportText.int(first.replacements)) replacements\(first.additions > 0 ? " and \(first.additions) installation\(first.additions == 1 ? "" : "s") of additional units" : "") against a budget of \(money(first.budget)).</li>\n"
        }
        let byModality = r.spendModalities.map { m in (m, r.years.reduce(Pence.zero) { $0 + r.spend(modality: m, year: $1.year) }) }
            .sorted { ($0.1, $1.0) > ($1.1, $0.0) }
        if !byModality.isEmpty {
            h += "<li>Most of the money goes on " + byModality.prefix(3).map { "\(e($0.0.displayName)) (\(money($0.1)))" }.joined(separator: ", ")
                + " (\(ref("modality", r))).</li>\n"
        }
        let called = r.calls.reduce(Pence.zero) { $0 + $1.amount }
        if !r.calls.isEmpty {
            h += "<li>Capital calls issued or approved so far: \(r.calls.count), \(money(called)) in total, apportioned by the approved ownership shares (\(ref("calls", r))).</li>\n"
        }
        if !r.lots.isEmpty {
            h += "<li>Collective purchasing: \(r.lots.count) lots worth \(money(r.lots.reduce(Pence.zero) { $0 + $1.value })), \(r.lots.filter(\.aboveThreshold).count) at or above the procurement threshold.</li>\n"
        }
        h += "</ul>\n"
        let contents = sectionIDs(for: r).enumerated().dropFirst().map { i, id in "\(i + 1) \(sections.first { $0.id == id }!.title.lowercased())" }
        h += "<p class=\"note\">Expected cost is the planner's estimate, in pounds, of what keeping the fleet costs over the horizon: scans lost while units are down (at the value of a lost scan), repairs, upkeep, and demand above capacity done elsewhere (docs/planning.md). Sections: \(e(contents.joined(separator: " · "))).</p>\n"
        return h + "</section>\n"
    }

    /// The summary's figure for the hard rules: met, or the units breaking them and the money that would meet them.
    static func rulesFigure(_ r: BoardReportInput) -> String {
        let d = r.details
        let units = d.breachingUnits.count, money = d.moneyToMeetRulesTotal
        if r.plan.unit == .riskYears && d.breaches.isEmpty && r.plan.breachYears == 0 {
            return figure("Hard rules", "not checked", "the plan was saved before hard rules were checked")
        }
        if units == 0 && r.plan.breachYears == 0 && d.ageShareBreaches.isEmpty && money == .zero {
            return figure("Hard rules", "met", "no unit breaks a hard rule in any year, and no modality is over the 10% target")
        }
        let value = units > 0 ? "\(ReportText.int(units)) unit\(units == 1 ? "" : "s")" : r.plan.breachYears > 0 ? "\(ReportText.int(r.plan.breachYears)) breaches" : "share above target"
        var detail = units > 0 ? "break a rule (\(ReportText.int(d.breaches.count)) breaches over the horizon)" : "over the horizon"
        if !d.ageShareBreaches.isEmpty { detail += "; \(d.ageShareBreaches.count) modality-years over the 10% target" }
        detail += money > .zero ? "; \(ReportText.money(money)) more would meet them (\(ref("rules", r)))" : " (\(ref("rules", r)))"
        return figure("Hard rules broken", value, detail)
    }

    /// `text`, cut to `limit` characters with an ellipsis.
    static func shortLabel(_ text: String, _ limit: Int) -> String {
        let t = text.trimmingCharacters(in: .whitespaces)
        return t.count <= limit ? t : String(t.prefix(limit - 1)).trimmingCharacters(in: .whitespaces) + "…"
    }

    static func figure(_ label: String, _ value: String, _ detail: String) -> String {
        "<div class=\"figure\"><div class=\"label\">\(e(label))</div><div class=\"value\">\(e(value))</div><div class=\"detail\">\(e(detail))</div></div>\n"
    }
}

extension BoardReportHTML {
    /// The summary's headline figures as plain lines, for a terminal: what a finance lead sees first.
    public static func headline(_ r: BoardReportInput) -> [String] {
        let p = r.plan
        let t = expectedTotals(r)
        var lines = ["capital needed \(horizonText(r)): \(ReportText.money(p.totalSpend)) for \(ReportText.int(p.replacements)) replacements"
                     + additionsText(r)]
        if p.unit == .pounds {
            lines.append("expected cost over \(p.years) years: \(ReportText.pounds(t.with)) with the plan, \(ReportText.pounds(t.without)) with no replacement (\(ReportText.pounds(t.without - t.with)) avoided)")
        } else {
            lines.append("old plan in risk-years, not pounds: \(ReportText.cost(t.without, .riskYears)) with no replacement → \(ReportText.whole(t.with)) with the plan")
        }
        let d = r.details
        if d.breaches.isEmpty && p.breachYears == 0 && d.moneyToMeetRules.isEmpty {
            lines.append(p.unit == .riskYears ? "hard rules: not checked (plan saved before they were)" : "hard rules: met in every year")
        } else {
            let units = d.breachingUnits.count
            var line = "hard rules: \(ReportText.int(max(d.breaches.count, p.breachYears))) breaches"
            if units > 0 { line += " by \(ReportText.int(units)) unit\(units == 1 ? "" : "s")" }
            if d.moneyToMeetRulesTotal > .zero { line += "; \(ReportText.money(d.moneyToMeetRulesTotal)) more would meet them" }
            lines.append(line)
        }
        lines.append("assets not replaced when due: \(ReportText.int(p.unfunded))")
        lines.append(certificateSentence(p))
        return lines
    }
}
