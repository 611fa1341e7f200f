import CapitalCore
import Foundation

/// The fleet: its age per plan year against the 60/30/10 rule, capacity against demand, and what more or less money
/// would buy.
extension BoardReportHTML {
    static let projectedBands = ["5 years or less", "6–10 years", "over 10 years"]

    /// "met", or which limits of the rule are missed.
    static func verdict(_ m: (Bool, Bool, Bool)?, _ names: (String, String, String)) -> String {
        guard let m else { return "–" }
        var misses: [String] = []
        if !m.0 { misses.append(names.0) }
        if !m.1 { misses.append(names.1) }
        if !m.2 { misses.append(names.2) }
        return misses.isEmpty ? "<span class=\"ok\">met</span>" : "<span class=\"bad\">missed: \(e(misses.joined(separator: ", ")))</span>"
    }

    static let projectedMisses = ("≤5", "6–10", ">10")

    static func age(_ r: BoardReportInput) -> String {
        let rule = r.ageRule, d = r.details, p = r.plan
        var h = open("age", r)
        h += "<p class=\"lead\">The industry rule (COCIR): at least \(ReportText.percent(rule.minUnder5, decimals: 0)) of equipment 5 years old or less, no more than \(ReportText.percent(rule.maxFiveToTen, decimals: 0)) aged 6–10, no more than \(ReportText.percent(rule.maxOver10, decimals: 0)) over 10 years. "
        let network = r.years.compactMap { d.networkAge($0.year) }
        if network.isEmpty {
            h += "This plan's document has no projected age profile\(p.unit == .riskYears ? " (it was saved before the planner projected one)" : ""), so this section shows the register as it stands today.</p>\n"
            return h + registerAge(r, chart: true) + "</section>\n"
        }
        h += "Below, the fleet's age in each plan year with the plan (ages in whole years; additional units count once installed; units the policy leaves out are not counted), and at the end without it. Green should reach the first dashed line; red should start after the second.</p>\n"
        var bars = network.map { a in
            SVGCharts.AgeBar(label: "\(ReportText.financialYear(a.year)) (\(ReportText.int(a.withPlan.total)))", young: a.withPlan.le5,
                             middle: a.withPlan.from6to10, old: a.withPlan.over10)
        }
        if let last = network.last {
            bars.append(SVGCharts.AgeBar(label: "\(ReportText.financialYear(last.year)) without the plan", young: last.without.le5,
                                         middle: last.without.from6to10, old: last.without.over10, strong: true))
        }
        h += "<figure>" + SVGCharts.ageBars(title: "Share of units by age band in each plan year with the plan, and at the end without it",
                                              rows: bars, rule: rule, bandNames: projectedBands)
        h += SVGCharts.legend([(projectedBands[0], SVGCharts.under5Colour, false, false), (projectedBands[1], SVGCharts.fiveToTenColour, false, false),
                               (projectedBands[2], SVGCharts.over10Colour, false, false), ("the rule's limits", "#111111", true, true)])
        h += "</figure>\n"
        h += "<table class=\"num\">\n<thead><tr><th>Year</th><th>Units</th><th>5 or less</th><th>6–10</th><th>Over 10</th><th class=\"text\">Rule, with the plan</th><th>Without: 5 or less</th><th>Without: over 10</th><th class=\"text\">Rule, without</th></tr></thead>\n<tbody>\n"
        for a in network {
            let w = a.withPlan, n = a.without
            h += "<tr><td>\(ReportText.financialYear(a.year))</td><td>\(ReportText.int(w.total))</td><td>\(ReportText.percent(w.shareLE5))</td><td>\(ReportText.percent(w.shareFrom6to10))</td><td>\(ReportText.percent(w.shareOver10))</td><td class=\"text\">\(verdict(w.meets(rule).map { ($0.le5, $0.from6to10, $0.over10) }, projectedMisses))</td><td>\(ReportText.percent(n.shareLE5))</td><td>\(ReportText.percent(n.shareOver10))</td><td class=\"text\">\(verdict(n.meets(rule).map { ($0.le5, $0.from6to10, $0.over10) }, projectedMisses))</td></tr>\n"
        }
        h += "</tbody>\n</table>\n"
        let first = network.first!.year, last = network.last!.year
        let modalities = d.ageModalities
        if !modalities.isEmpty {
            let at = Dictionary(d.ageProfile.compactMap { a in a.modality.map { ("\($0.rawValue)|\(a.year)", a) } }, uniquingKeysWith: { a, _ in a })
            h += "<h3>By modality: \(ReportText.financialYear(first)) and \(ReportText.financialYear(last))</h3>\n"
            h += "<table class=\"num\">\n<thead><tr><th>Modality</th><th>Units</th><th>5 or less, \(ReportText.financialYear(first))</th><th>5 or less, \(ReportText.financialYear(last))</th><th>Over 10, \(ReportText.financialYear(first))</th><th>Over 10, \(ReportText.financialYear(last))</th><th>Over 10 without the plan, \(ReportText.financialYear(last))</th><th class=\"text\">Rule in \(ReportText.financialYear(last))</th></tr></thead>\n<tbody>\n"
            for m in modalities {
                let a = at["\(m.rawValue)|\(first)"], b = at["\(m.rawValue)|\(last)"]
                func share(_ x: PlanDetails.AgeYear?, _ f: (PlanDetails.AgeCounts) -> Double) -> String { x.map { ReportText.percent(f($0.withPlan)) } ?? "–" }
                h += "<tr><td>\(e(m.displayName))</td><td>\(ReportText.int(b?.withPlan.total ?? 0))</td><td>\(share(a, \.shareLE5))</td><td>\(share(b, \.shareLE5))</td><td>\(share(a, \.shareOver10))</td><td>\(share(b, \.shareOver10))</td><td>\(b.map { ReportText.percent($0.without.shareOver10) } ?? "–")</td><td class=\"text\">\(verdict(b?.withPlan.meets(rule).map { ($0.le5, $0.from6to10, $0.over10) }, projectedMisses))</td></tr>\n"
            }
            h += "</tbody>\n</table>\n"
            h += "<p class=\"note\">Every modality in every year, with and without the plan, is in the workbook's Age profile sheet.</p>\n"
        }
        h += "<h3>The register today (\(e(r.asOf.iso)))</h3>\n"
        return h + registerAge(r, chart: false) + "</section>\n"
    }

    /// The register's units aged to the report date, by modality: a table, with the chart when it is the main view.
    static func registerAge(_ r: BoardReportInput, chart: Bool) -> String {
        let profiles = AgeProfile.byModality(r.fleet, asOf: r.asOf)
        let rule = r.ageRule
        var h = ""
        if chart {
            h += "<figure>" + SVGCharts.ageProfile(title: "Share of units by age band per modality, with the age rule's limits", profiles: profiles, rule: rule)
            h += SVGCharts.legend([("under 5 years", SVGCharts.under5Colour, false, false), ("5–10 years", SVGCharts.fiveToTenColour, false, false),
                                   ("over 10 years", SVGCharts.over10Colour, false, false), ("age rule limits", "#111111", true, true)])
            h += "</figure>\n"
        }
        h += "<table class=\"num\">\n<thead><tr><th>Modality</th><th>Units</th><th>Under 5</th><th>5–10</th><th>Over 10</th><th>Mean age</th><th class=\"text\">Rule</th></tr></thead>\n<tbody>\n"
        for (index, p) in profiles.enumerated() {
            let total = index == profiles.count - 1 && profiles.count > 1
            h += "<tr\(total ? " class=\"total\"" : "")><td>\(e(p.label))</td><td>\(ReportText.int(p.total))\(p.undated > 0 ? " (\(p.undated) undated)" : "")</td><td>\(ReportText.percent(p.shareUnder5))</td><td>\(ReportText.percent(p.shareFiveToTen))</td><td>\(ReportText.percent(p.shareOver10))</td><td>\(String(format: "%.1f", p.meanAge)) y</td><td class=\"text\">\(verdict(p.meets(rule).map { ($0.under5, $0.fiveToTen, $0.over10) }, ("<5", "5–10", ">10")))</td></tr>\n"
        }
        h += "</tbody>\n</table>\n"
        h += "<p class=\"note\">From the register's install dates, aged in days to \(e(r.asOf.iso)): under 5 years, 5 to 10, over 10.</p>\n"
        return h
    }

    static func capacity(_ r: BoardReportInput) -> String {
        var h = open("capacity", r)
        let rows = r.details.capacity
        guard !rows.isEmpty else {
            return h + "<p class=\"lead\">The plan was made without demand (no <code>--demand</code> or <code>--contributions</code> file), so it did not model capacity against demand and adds no units for it.</p>\n</section>\n"
        }
        let years = Set(rows.map(\.year))
        let first = years.min()!, last = years.max()!
        h += "<p class=\"lead\">Scans a year each modality's units can do against the demand on them, summed over sites, in the first and last plan year. Unmet demand is demand above a site's capacity: done elsewhere, at the cost of an outsourced scan (part of the expected cost). The plan keeps capacity by replacing units like for like and by adding units where the policy allows.</p>\n"
        h += "<table class=\"num\">\n<thead><tr><th>Modality</th><th>Year</th><th>Demand</th><th>Capacity with the plan</th><th>Capacity without</th><th>Unmet with the plan</th><th>Unmet without</th></tr></thead>\n<tbody>\n"
        for c in rows.filter({ $0.year == first || $0.year == last }).sorted(by: { ($0.modality, $0.year) < ($1.modality, $1.year) }) {
            let unmet = c.unmetWithPlan >= 0.5 ? "<span class=\"bad\">\(ReportText.whole(c.unmetWithPlan))</span>" : ReportText.whole(c.unmetWithPlan)
            h += "<tr><td>\(e(c.modality.displayName))</td><td>\(ReportText.financialYear(c.year))</td><td>\(ReportText.whole(c.demand))</td><td>\(ReportText.whole(c.capacityWithPlan))</td><td>\(ReportText.whole(c.capacityWithout))</td><td>\(unmet)</td><td>\(ReportText.whole(c.unmetWithout))</td></tr>\n"
        }
        h += "</tbody>\n</table>\n"
        h += "<p class=\"note\">Every year is in the workbook's Capacity sheet.</p>\n"
        return h + "</section>\n"
    }

    /// "50% to 150% of the fleet's steady-state need", or the budgets' range when the need is not known.
    static func frontierRange(_ rows: [BoardReportInput.FrontierRow]) -> String {
        let shares = rows.compactMap(\.shareOfNeed)
        if shares.count == rows.count, let lo = shares.min(), let hi = shares.max() {
            return "\(ReportText.percent(lo, decimals: 0)) to \(ReportText.percent(hi, decimals: 0)) of the fleet's steady-state need"
        }
        let budgets = rows.map(\.annualBudget)
        guard let lo = budgets.min(), let hi = budgets.max() else { return "no budgets" }
        return "annual budgets of \(ReportText.money(lo)) to \(ReportText.money(hi))"
    }

    static func frontier(_ r: BoardReportInput) -> String {
        let rows = r.frontier ?? []
        var h = open("frontier", r, title: "What more or less money buys: \(frontierRange(rows))")
        guard !rows.isEmpty else { return h + "<p class=\"lead\">The budget sweep given has no points.</p>\n</section>\n" }
        let planBudget = Set(r.years.map(\.budget)).count == 1 ? r.years.first?.budget : nil
        h += "<p class=\"lead\">The same fleet and policy planned again with every year's budget set to each amount (<code>capital plan frontier</code>). Expected cost is over the horizon as the optimiser counts it (with the rules' price and the backlog left at the end); it never rises as the budget rises. Rule breaches are units breaking a hard rule in a year."
        if let need = r.steadyStateNeed { h += " The fleet's steady-state need (each unit's whole price over the years between its replacements) is \(money(need)) a year." }
        h += "</p>\n"
        func label(_ f: BoardReportInput.FrontierRow) -> String {
            ReportText.moneyShort(pounds(f.annualBudget)) + (f.shareOfNeed.map { " (\(ReportText.percent($0, decimals: 0)))" } ?? "")
        }
        let points = rows.filter { $0.expectedCost != nil }
        if points.count >= 2 {
            h += "<figure>" + SVGCharts.lines(title: "Expected cost over the horizon against the annual budget", categories: points.map(label), series: [
                SVGCharts.Series(name: "Expected cost over the horizon", colour: SVGCharts.withPlanColour, values: points.map { $0.expectedCost! }),
            ], axisLabel: ReportText.moneyShort)
            h += SVGCharts.legend([("Expected cost over the horizon, by annual budget", SVGCharts.withPlanColour, true, false)]) + "</figure>\n"
        }
        h += "<table class=\"num\">\n<thead><tr><th>Annual budget</th><th>Share of need</th><th>Expected cost</th><th>Avoided by the step</th><th>Spend over the horizon</th><th>Rule breaches</th><th>Gap</th><th class=\"text\">Status</th></tr></thead>\n<tbody>\n"
        var previous: Double?
        for f in rows {
            var step = "–"
            if let a = previous, let b = f.expectedCost { step = ReportText.pounds(a - b) }
            let mark = planBudget.map { abs($0.value - f.annualBudget.value) <= 100 } ?? false   // within £1: the sweep's own rounding
            h += "<tr\(mark ? " class=\"mark\"" : "")><td>\(money(f.annualBudget))\(mark ? " <span class=\"unit\">this plan's budget</span>" : "")</td><td>\(f.shareOfNeed.map { ReportText.percent($0, decimals: 0) } ?? "–")</td><td>\(f.expectedCost.map(ReportText.pounds) ?? "–")</td><td>\(step)</td><td>\(money(f.spend))</td><td>\(ReportText.int(f.breachYears))</td><td>\(f.gap.map { ReportText.percent(max(0, $0), decimals: 2) } ?? "–")</td><td class=\"text\">\(e(f.status))</td></tr>\n"
            previous = f.expectedCost
        }
        h += "</tbody>\n</table>\n"
        return h + "</section>\n"
    }
}
