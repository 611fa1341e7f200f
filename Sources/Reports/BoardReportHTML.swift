import CapitalCore
import Foundation

/// The board report as one self-contained HTML page: inline CSS, inline SVG charts, no scripts, no external
/// fetches, no web fonts. Opens offline and prints on A4 (each section from a new page, no dark backgrounds).
///
/// Order: the summary a finance lead reads first (capital over the horizon, risk reduced, assets left at risk, the
/// certificate in plain words); spend against budget by trust; the fleet's age profile against the age rule;
/// residual risk with and without the plan; ownership shares; capital calls; purchase lots; what it was built from.
/// Every piece of text from data is HTML-escaped.
public enum BoardReportHTML {
    /// The section ids, in page order (tests and the rendering check look for them).
    public static let sectionIDs = ["summary", "spend", "age", "risk", "shares", "calls", "lots", "sources"]

    public static func render(_ r: BoardReportInput) -> String {
        var h = ""
        h += "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
        h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        h += "<title>\(e(r.networkName)): capital equipment plan, board report</title>\n"
        h += "<style>\n\(css)\n</style>\n</head>\n<body>\n<main>\n"
        h += summary(r)
        h += spend(r)
        h += age(r)
        h += risk(r)
        h += shares(r)
        h += calls(r)
        h += lots(r)
        h += sources(r)
        h += "</main>\n</body>\n</html>\n"
        return h
    }

    // MARK: pieces

    static func e(_ s: String) -> String { ReportText.html(s) }
    static func money(_ p: Pence) -> String { ReportText.money(p) }
    static func pounds(_ p: Pence) -> Double { Double(p.value) / 100 }

    static func horizonText(_ r: BoardReportInput) -> String {
        let last = r.plan.firstYear + r.plan.years - 1
        return "\(ReportText.financialYear(r.plan.firstYear))–\(ReportText.financialYear(last))"
    }

    static func trustName(_ r: BoardReportInput, _ code: String) -> String {
        r.trusts.first { $0.code == code }?.name ?? ""
    }

    static func trustColours(_ r: BoardReportInput) -> [String: String] {
        var out: [String: String] = [:]
        for (i, code) in r.trustCodes.enumerated() { out[code] = SVGCharts.palette[i % SVGCharts.palette.count] }
        return out
    }

    /// "no plan can leave less than X risk; this plan is within Y% of that", or why there is no such sentence.
    public static func certificateSentence(_ p: BoardReportInput.PlanInfo) -> String {
        guard let objective = p.objective else {
            return "The optimiser found no plan (status \(p.solverStatus)): there is no certificate."
        }
        guard let bound = p.bound else {
            return "This plan leaves \(ReportText.risk(objective)) risk-years; the optimiser proved no lower bound, so how far it is from the best possible plan is not known."
        }
        let within = bound > 0 ? max(0, (objective - bound) / bound) : (objective - bound <= 1e-9 ? 0 : .infinity)
        let withinText = within.isFinite ? ReportText.percent(within, decimals: within < 0.001 ? 2 : 1) : "an unknown distance"
        let status = p.solverStatus == "optimal" ? "The optimiser proved this plan optimal within its tolerance" : "The optimiser's certificate (status \(p.solverStatus))"
        return "\(status): no plan within these budgets can leave less than \(ReportText.risk(bound)) risk-years; this plan leaves \(ReportText.risk(objective)), within \(withinText) of that."
    }

    static func summary(_ r: BoardReportInput) -> String {
        let p = r.plan
        let withPlan = p.objective ?? r.years.reduce(0) { $0 + $1.riskWithPlan }
        let reduced = p.baselineRisk - withPlan
        let reducedShare = p.baselineRisk > 0 ? reduced / p.baselineRisk : 0
        let budget = r.years.reduce(Pence.zero) { $0 + $1.budget }
        let network = AgeProfile.of(r.fleet, label: "All equipment", asOf: r.asOf)
        var h = "<section id=\"summary\" class=\"first\">\n"
        h += "<header class=\"title\"><p class=\"kicker\">\(e(r.networkName)) · board paper</p>"
        h += "<h1>Imaging equipment capital plan \(e(horizonText(r)))</h1>"
        h += "<p class=\"sub\">Plan \(p.id) version \(p.version), “\(e(p.name))”: "
        if p.status == "approved" {
            h += "approved by \(e(p.approvedBy ?? "–")) on \(e(ReportText.timestamp(p.approvedAt))). "
        } else {
            h += "<strong class=\"warn\">\(e(p.status.uppercased())): not the approved plan.</strong> "
        }
        h += "Report made \(e(r.asOf.iso)).</p></header>\n"
        h += "<h2>1. Summary</h2>\n<div class=\"figures\">\n"
        h += figure("Capital needed over \(p.years) years", money(p.totalSpend),
                    "\(ReportText.int(p.replacements)) replacements, \(horizonText(r)); \(money(budget)) of budget (\(budget.value > 0 ? ReportText.percent(Double(p.totalSpend.value) / Double(budget.value)) : "–") used)")
        h += figure("Risk reduced against no plan", ReportText.percent(reducedShare),
                    "\(ReportText.risk(p.baselineRisk)) risk-years with no replacement → \(ReportText.risk(withPlan)) with the plan")
        h += figure("Assets left at risk", ReportText.int(p.assetsLeftAtRisk),
                    "of \(ReportText.int(r.fleet.count)) in service: due for replacement within the horizon but not replaced in the year they fall due")
        h += figure("Certificate", p.gap.map { "gap " + ReportText.percent(max(0, $0), decimals: 2) } ?? p.solverStatus,
                    "solver status \(p.solverStatus)\(p.bound.map { ", bound \(ReportText.risk($0)) risk-years" } ?? "")")
        h += "</div>\n"
        h += "<p class=\"certificate\">\(e(certificateSentence(p)))</p>\n"
        h += "<ul class=\"points\">\n"
        if let first = r.years.first {
            h += "<li>First year (\(ReportText.financialYear(first.year))): \(money(first.spend)) on \(ReportText.int(first.replacements)) replacements against a budget of \(money(first.budget)).</li>\n"
        }
        let called = r.calls.reduce(Pence.zero) { $0 + $1.amount }
        if !r.calls.isEmpty {
            h += "<li>Capital calls issued or approved so far: \(r.calls.count), \(money(called)) in total, apportioned by the approved ownership shares (section 6).</li>\n"
        }
        if network.dated > 0 {
            let meets = network.meets(r.ageRule)!
            h += "<li>Equipment today (\(ReportText.int(network.dated)) units dated): \(ReportText.percent(network.shareUnder5)) under 5 years (rule: at least \(ReportText.percent(r.ageRule.minUnder5, decimals: 0))\(meets.under5 ? ", met" : ", <strong>not met</strong>")), \(ReportText.percent(network.shareOver10)) over 10 years (rule: no more than \(ReportText.percent(r.ageRule.maxOver10, decimals: 0))\(meets.over10 ? ", met" : ", <strong>not met</strong>")).</li>\n"
        }
        if !r.lots.isEmpty {
            h += "<li>Collective purchasing: \(r.lots.count) lots worth \(money(r.lots.reduce(Pence.zero) { $0 + $1.value })), \(r.lots.filter(\.aboveThreshold).count) at or above the procurement threshold.</li>\n"
        }
        h += "</ul>\n"
        h += "<p class=\"note\">Risk is the plan's likelihood × impact score per asset per year, summed; “risk-years” add it over the \(p.years) years. Sections: 2 spend against budget · 3 fleet age · 4 residual risk · 5 ownership shares · 6 capital calls · 7 purchase lots · 8 what this rests on.</p>\n"
        return h + "</section>\n"
    }

    /// `text`, cut to `limit` characters with an ellipsis.
    static func shortLabel(_ text: String, _ limit: Int) -> String {
        let t = text.trimmingCharacters(in: .whitespaces)
        return t.count <= limit ? t : String(t.prefix(limit - 1)).trimmingCharacters(in: .whitespaces) + "…"
    }

    static func figure(_ label: String, _ value: String, _ detail: String) -> String {
        "<div class=\"figure\"><div class=\"label\">\(e(label))</div><div class=\"value\">\(e(value))</div><div class=\"detail\">\(e(detail))</div></div>\n"
    }

    static func spend(_ r: BoardReportInput) -> String {
        let colours = trustColours(r)
        let codes = r.trustCodes.filter { code in r.replacements.contains { $0.trust == code } }
        let years = r.years.map(\.year)
        let series = codes.map { code in
            SVGCharts.Series(name: "\(code) \(trustName(r, code))", colour: colours[code]!,
                             values: years.map { pounds(r.spend(trust: code, year: $0)) })
        }
        var h = "<section id=\"spend\">\n<h2>2. Spend against budget, by trust</h2>\n"
        h += "<p class=\"lead\">Planned replacement spend each financial year, stacked by the trust whose equipment is replaced; the black line is the year's capital budget.</p>\n"
        h += "<figure>" + SVGCharts.stackedBars(title: "Planned spend per year stacked by trust, with the budget", categories: years.map(ReportText.financialYear),
                                                  series: series, line: r.years.map { pounds($0.budget) }, lineName: "Budget",
                                                  axisLabel: ReportText.moneyShort)
        h += SVGCharts.legend(series.map { ($0.name, $0.colour, false, false) } + [("Budget", SVGCharts.budgetColour, true, false)])
        h += "</figure>\n"
        h += "<table class=\"num\">\n<thead><tr><th>Year</th><th>Budget</th><th>Planned spend</th><th>Headroom</th><th>Replacements</th></tr></thead>\n<tbody>\n"
        for y in r.years {
            h += "<tr><td>\(ReportText.financialYear(y.year))</td><td>\(money(y.budget))</td><td>\(money(y.spend))</td><td>\(money(y.budget - y.spend))</td><td>\(ReportText.int(y.replacements))</td></tr>\n"
        }
        let budget = r.years.reduce(Pence.zero) { $0 + $1.budget }, spent = r.years.reduce(Pence.zero) { $0 + $1.spend }
        h += "</tbody>\n<tfoot><tr><td>Total</td><td>\(money(budget))</td><td>\(money(spent))</td><td>\(money(budget - spent))</td><td>\(ReportText.int(r.years.reduce(0) { $0 + $1.replacements }))</td></tr></tfoot>\n</table>\n"
        return h + "</section>\n"
    }

    static func age(_ r: BoardReportInput) -> String {
        let profiles = AgeProfile.byModality(r.fleet, asOf: r.asOf)
        let rule = r.ageRule
        var h = "<section id=\"age\">\n<h2>3. Fleet age against the age rule</h2>\n"
        h += "<p class=\"lead\">The installed base today (\(e(r.asOf.iso))), from the register's install dates, by modality. The industry rule (COCIR): at least \(ReportText.percent(rule.minUnder5, decimals: 0)) of equipment under 5 years old, no more than \(ReportText.percent(rule.maxFiveToTen, decimals: 0)) aged 5–10, no more than \(ReportText.percent(rule.maxOver10, decimals: 0)) over 10 years. Green should reach the first dashed line; red should start after the second.</p>\n"
        h += "<figure>" + SVGCharts.ageProfile(title: "Share of units by age band per modality, with the age rule's limits", profiles: profiles, rule: rule)
        h += SVGCharts.legend([("under 5 years", SVGCharts.under5Colour, false, false), ("5–10 years", SVGCharts.fiveToTenColour, false, false),
                               ("over 10 years", SVGCharts.over10Colour, false, false), ("age rule limits", "#111111", true, true)])
        h += "</figure>\n"
        h += "<table class=\"num\">\n<thead><tr><th>Modality</th><th>Units</th><th>Under 5</th><th>5–10</th><th>Over 10</th><th>Mean age</th><th class=\"text\">Rule</th></tr></thead>\n<tbody>\n"
        for (index, p) in profiles.enumerated() {
            let verdict: String
            if let m = p.meets(rule) {
                var misses: [String] = []
                if !m.under5 { misses.append("too few under 5") }
                if !m.fiveToTen { misses.append("too many 5–10") }
                if !m.over10 { misses.append("too many over 10") }
                verdict = misses.isEmpty ? "<span class=\"ok\">met</span>" : "<span class=\"bad\">\(e(misses.joined(separator: "; ")))</span>"
            } else {
                verdict = "–"
            }
            let total = index == profiles.count - 1 && profiles.count > 1
            h += "<tr\(total ? " class=\"total\"" : "")><td>\(e(p.label))</td><td>\(ReportText.int(p.total))\(p.undated > 0 ? " (\(p.undated) undated)" : "")</td><td>\(ReportText.percent(p.shareUnder5))</td><td>\(ReportText.percent(p.shareFiveToTen))</td><td>\(ReportText.percent(p.shareOver10))</td><td>\(String(format: "%.1f", p.meanAge)) y</td><td class=\"text\">\(verdict)</td></tr>\n"
        }
        h += "</tbody>\n</table>\n"
        return h + "</section>\n"
    }

    static func risk(_ r: BoardReportInput) -> String {
        let years = r.years.map { ReportText.financialYear($0.year) }
        var h = "<section id=\"risk\">\n<h2>4. Residual risk per year, with and without the plan</h2>\n"
        h += "<p class=\"lead\">The network's total risk score each year if nothing were replaced (red, dashed) and under the plan (blue). The gap between the lines is the risk the plan removes.</p>\n"
        h += "<figure>" + SVGCharts.lines(title: "Residual risk per year with and without the plan", categories: years, series: [
            SVGCharts.Series(name: "Without the plan", colour: SVGCharts.withoutPlanColour, values: r.years.map(\.riskWithout), dashed: true),
            SVGCharts.Series(name: "With the plan", colour: SVGCharts.withPlanColour, values: r.years.map(\.riskWithPlan)),
        ], axisLabel: ReportText.risk)
        h += SVGCharts.legend([("Without the plan", SVGCharts.withoutPlanColour, true, true), ("With the plan", SVGCharts.withPlanColour, true, false)])
        h += "</figure>\n"
        h += "<table class=\"num\">\n<thead><tr><th>Year</th><th>Risk without the plan</th><th>Risk with the plan</th><th>Reduced by</th></tr></thead>\n<tbody>\n"
        for y in r.years {
            let cut = y.riskWithout > 0 ? (y.riskWithout - y.riskWithPlan) / y.riskWithout : 0
            h += "<tr><td>\(ReportText.financialYear(y.year))</td><td>\(ReportText.risk(y.riskWithout))</td><td>\(ReportText.risk(y.riskWithPlan))</td><td>\(ReportText.percent(cut))</td></tr>\n"
        }
        h += "</tbody>\n</table>\n"
        return h + "</section>\n"
    }

    static func shares(_ r: BoardReportInput) -> String {
        var h = "<section id=\"shares\">\n<h2>5. Ownership shares</h2>\n"
        guard let s = r.shares else {
            return h + "<p class=\"lead\">No approved share set: capital calls cannot be apportioned until one is approved.</p>\n</section>\n"
        }
        let colours = trustColours(r)
        h += "<p class=\"lead\">Share set \(s.id) version \(s.version) (\(e(s.method)) method, valued as of \(e(s.valuedAsOf.iso))), \(e(s.status))\(s.approvedBy.map { " by \(e($0))" } ?? "")\(s.approvedAt.map { " on \(e(ReportText.timestamp($0)))" } ?? ""). Capital calls are apportioned by these shares.</p>\n"
        let entries = s.entries.sorted { (Double($0.percent) ?? 0, $1.trust) > (Double($1.percent) ?? 0, $0.trust) }
        h += "<figure>" + SVGCharts.horizontalBars(title: "Ownership share per trust",
                                                     items: entries.map { (shortLabel("\($0.trust) \(trustName(r, $0.trust))", 38),
                                                                           Double($0.percent) ?? 0, colours[$0.trust] ?? SVGCharts.palette[0]) },
                                                     valueLabel: { String(format: "%.2f%%", $0) }) + "</figure>\n"
        h += "<table class=\"num\">\n<thead><tr><th>Trust</th><th class=\"text\">Name</th><th>Valued contribution</th><th>Share</th></tr></thead>\n<tbody>\n"
        for en in s.entries {
            h += "<tr><td>\(e(en.trust))</td><td class=\"text\">\(e(trustName(r, en.trust)))</td><td>\(en.value.map(money) ?? "–")</td><td>\(e(String(format: "%.2f%%", Double(en.percent) ?? 0)))</td></tr>\n"
        }
        let total = s.entries.compactMap(\.value).reduce(Pence.zero, +)
        h += "</tbody>\n<tfoot><tr><td>Total</td><td></td><td>\(money(total))</td><td>100.00%</td></tr></tfoot>\n</table>\n"
        return h + "</section>\n"
    }

    static func calls(_ r: BoardReportInput) -> String {
        var h = "<section id=\"calls\">\n<h2>6. Capital calls per trust per year</h2>\n"
        guard !r.calls.isEmpty else {
            return h + "<p class=\"lead\">No capital calls have been approved or issued yet.</p>\n</section>\n"
        }
        let labels = r.callYearLabels
        let codes = r.trustCodes.filter { c in r.calls.contains { $0.parts[c] != nil } }
        h += "<p class=\"lead\">What each owner trust has been called for, by financial year (approved and issued calls; each call's parts sum to it to the penny).</p>\n"
        h += "<table class=\"num\">\n<thead><tr><th>Trust</th><th class=\"text\">Name</th>" + labels.map { "<th>\(e($0))</th>" }.joined() + "<th>Total</th></tr></thead>\n<tbody>\n"
        for code in codes {
            let amounts = labels.map { r.called(trust: code, yearLabel: $0) }
            h += "<tr><td>\(e(code))</td><td class=\"text\">\(e(trustName(r, code)))</td>" + amounts.map { "<td>\(money($0))</td>" }.joined()
                + "<td>\(money(amounts.reduce(Pence.zero, +)))</td></tr>\n"
        }
        let yearTotals = labels.map { l in r.calls.filter { $0.yearLabel == l }.reduce(Pence.zero) { $0 + $1.amount } }
        h += "</tbody>\n<tfoot><tr><td>Total</td><td></td>" + yearTotals.map { "<td>\(money($0))</td>" }.joined()
            + "<td>\(money(yearTotals.reduce(Pence.zero, +)))</td></tr></tfoot>\n</table>\n"
        h += "<h3>The calls</h3>\n<table class=\"num\">\n<thead><tr><th>Reference</th><th>Date</th><th class=\"text\">Purpose</th><th class=\"text\">Status</th><th>Amount</th></tr></thead>\n<tbody>\n"
        for c in r.calls {
            h += "<tr><td>\(e(c.reference))</td><td>\(e(c.date.iso))</td><td class=\"text\">\(e(c.purpose))</td><td class=\"text\">\(e(c.status))</td><td>\(money(c.amount))</td></tr>\n"
        }
        h += "</tbody>\n</table>\n"
        return h + "</section>\n"
    }

    static func lots(_ r: BoardReportInput) -> String {
        var h = "<section id=\"lots\">\n<h2>7. Collective purchase lots</h2>\n"
        guard !r.lots.isEmpty else { return h + "<p class=\"lead\">The plan has no replacements to buy.</p>\n</section>\n" }
        h += "<p class=\"lead\">The plan's replacements grouped into tenders by equipment category and year. "
        if let t = r.lotThreshold { h += "Lots flagged “yes” reach the procurement threshold (\(e(t))) and need a full tender. " }
        h += "Lot values sum to the plan's spend.</p>\n"
        h += "<table class=\"num\">\n<thead><tr><th>Lot</th><th class=\"text\">Category</th><th>Year</th><th>Qty</th><th class=\"text\">Trusts</th><th>Value</th><th>Threshold</th></tr></thead>\n<tbody>\n"
        for l in r.lots {
            h += "<tr><td class=\"nowrap\">\(e(l.id))</td><td class=\"text nowrap\">\(e(l.category))</td><td>\(ReportText.financialYear(l.year))</td><td>\(ReportText.int(l.quantity))</td><td class=\"text small\">\(e(l.trusts))</td><td>\(money(l.value))</td><td>\(l.aboveThreshold ? "<strong>yes</strong>" : "no")</td></tr>\n"
        }
        h += "</tbody>\n<tfoot><tr><td>Total</td><td></td><td></td><td>\(ReportText.int(r.lots.reduce(0) { $0 + $1.quantity }))</td><td></td><td>\(money(r.lots.reduce(Pence.zero) { $0 + $1.value }))</td><td>\(r.lots.filter(\.aboveThreshold).count) yes</td></tr></tfoot>\n</table>\n"
        return h + "</section>\n"
    }

    static func sources(_ r: BoardReportInput) -> String {
        let p = r.plan
        var h = "<section id=\"sources\">\n<h2>8. What this rests on</h2>\n"
        h += "<table class=\"facts\">\n<tbody>\n"
        func row(_ k: String, _ v: String) -> String { "<tr><th>\(e(k))</th><td>\(v)</td></tr>\n" }
        h += row("Plan", "\(p.id) version \(p.version), “\(e(p.name))”, \(e(p.status))")
        h += row("Made", e(ReportText.timestamp(p.createdAt)))
        h += row("Approved", p.approvedBy.map { "by \(e($0)) on \(e(ReportText.timestamp(p.approvedAt)))" } ?? "not approved")
        h += row("Horizon", "\(e(horizonText(r))) (\(p.years) years)")
        h += row("Policy file", "<code>\(e(p.policyFile))</code>")
        h += row("Policy SHA-256", "<code class=\"hash\">\(e(p.policySHA256))</code>")
        h += row("Optimiser", "status \(e(p.solverStatus)); risk-years with the plan \(p.objective.map(ReportText.risk) ?? "–"), lower bound \(p.bound.map(ReportText.risk) ?? "–"), gap \(p.gap.map { ReportText.percent(max(0, $0), decimals: 2) } ?? "–"); \(String(format: "%.1f", p.seconds)) s")
        if let s = r.shares {
            h += row("Ownership shares", "set \(s.id) version \(s.version), \(e(s.method)) method, \(e(s.status))")
        }
        h += row("Register", "\(ReportText.int(r.fleet.count)) units in service across \(r.trustCodes.count) trusts, from \(r.batches.count) import batch\(r.batches.count == 1 ? "" : "es")")
        h += "</tbody>\n</table>\n"
        if !r.batches.isEmpty {
            h += "<h3>Register import batches</h3>\n<table class=\"num\">\n<thead><tr><th>Batch</th><th class=\"text\">Trust</th><th class=\"text\">File</th><th>Imported</th><th>Rows loaded</th><th>Rejected</th><th class=\"text\">File SHA-256</th></tr></thead>\n<tbody>\n"
            for b in r.batches {
                h += "<tr><td>\(b.id)</td><td class=\"text\">\(e(b.trust))</td><td class=\"text\"><code>\(e(b.fileName))</code></td><td>\(e(b.importedOn.iso))</td><td>\(ReportText.int(b.rowsLoaded))</td><td>\(ReportText.int(b.rowsRejected))</td><td class=\"text\"><code class=\"hash\">\(e(String(b.sha256.prefix(16))))…</code></td></tr>\n"
            }
            h += "</tbody>\n</table>\n"
        }
        h += "<p class=\"note\">Made by Capital Planner (<code>capital report</code>). The workbook version of this report (<code>--out FILE.xlsx</code>) lists every planned replacement.</p>\n"
        return h + "</section>\n"
    }

    static let css = """
        :root { color-scheme: light; }
        * { box-sizing: border-box; }
        html { background: #ffffff; }
        body { margin: 0; background: #ffffff; color: #1a1a1a; font: 15px/1.45 "Segoe UI", "Helvetica Neue", Arial, "Liberation Sans", sans-serif; }
        main { max-width: 1000px; margin: 0 auto; padding: 24px 28px 48px; }
        section { margin: 0 0 36px; }
        h1 { font-size: 28px; margin: 4px 0 6px; color: #003087; }
        h2 { font-size: 21px; margin: 0 0 8px; padding-bottom: 4px; border-bottom: 3px solid #005eb8; color: #003087; }
        h3 { font-size: 16px; margin: 18px 0 6px; }
        .kicker { margin: 0; color: #425563; font-weight: 600; letter-spacing: .02em; }
        .sub { margin: 0 0 18px; color: #333; }
        .warn { color: #b00020; }
        .lead { margin: 0 0 10px; color: #333; }
        .note { color: #555; font-size: 13px; }
        .figures { display: grid; grid-template-columns: repeat(4, 1fr); gap: 12px; margin: 10px 0 14px; }
        .figure { border: 1px solid #c8d1dc; border-top: 6px solid #005eb8; padding: 10px 12px; background: #ffffff; }
        .figure .label { font-size: 13px; color: #425563; font-weight: 600; }
        .figure .value { font-size: 27px; font-weight: 700; color: #003087; margin: 2px 0; white-space: nowrap; }
        .figure .detail { font-size: 12.5px; color: #444; }
        .certificate { border-left: 6px solid #009639; padding: 8px 12px; margin: 0 0 12px; font-size: 16px; background: #f3faf5; }
        .points { margin: 0 0 8px; padding-left: 20px; }
        .points li { margin: 3px 0; }
        figure { margin: 6px 0 12px; }
        svg.chart { width: 100%; height: auto; display: block; }
        svg.chart text { font-family: "Segoe UI", "Helvetica Neue", Arial, "Liberation Sans", sans-serif; fill: #222; }
        svg.chart .tick { font-size: 13px; fill: #444; }
        svg.chart .label { font-size: 14px; }
        svg.chart .strong { font-weight: 700; }
        svg.chart .inbar { font-size: 12px; fill: #ffffff; font-weight: 600; }
        .legend { display: flex; flex-wrap: wrap; gap: 4px 14px; font-size: 12.5px; margin: 6px 0 0; }
        .legend .key { white-space: nowrap; }
        .legend svg { vertical-align: -1px; }
        table { border-collapse: collapse; width: 100%; font-size: 13.5px; margin: 4px 0 10px; }
        th, td { padding: 4px 8px; border-bottom: 1px solid #d8dde3; vertical-align: top; }
        thead th { text-align: left; border-bottom: 2px solid #425563; font-weight: 600; }
        table.num td, table.num th { text-align: right; }
        table.num td:first-child, table.num th:first-child, table.num td.text, table.num th.text { text-align: left; }
        tfoot td, tr.total td { font-weight: 700; border-top: 2px solid #425563; }
        td.small { font-size: 12px; }
        td.nowrap { white-space: nowrap; }
        table.facts th { text-align: left; width: 170px; color: #425563; font-weight: 600; }
        code { font-family: "DejaVu Sans Mono", Consolas, "Liberation Mono", monospace; font-size: 12px; }
        code.hash { word-break: break-all; }
        .ok { color: #007f3b; font-weight: 600; }
        .bad { color: #b00020; font-weight: 600; }
        @page { size: A4; margin: 14mm 12mm; }
        @media print {
          body { font-size: 11pt; }
          main { max-width: none; padding: 0; }
          section { margin: 0; break-before: page; page-break-before: always; }
          section.first { break-before: auto; page-break-before: auto; }
          h2, h3 { break-after: avoid; page-break-after: avoid; }
          figure, .figures, tr { break-inside: avoid; page-break-inside: avoid; }
          thead { display: table-header-group; }
          tfoot { display: table-row-group; }
          table { font-size: 9pt; }
          .figure .value { font-size: 20pt; }
          * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        }
        @media (max-width: 760px) { .figures { grid-template-columns: repeat(2, 1fr); } }
        """
}

extension BoardReportHTML {
    /// The summary's headline figures as plain lines, for a terminal: what a finance lead sees first.
    public static func headline(_ r: BoardReportInput) -> [String] {
        let p = r.plan
        let withPlan = p.objective ?? r.years.reduce(0) { $0 + $1.riskWithPlan }
        let reduced = p.baselineRisk > 0 ? (p.baselineRisk - withPlan) / p.baselineRisk : 0
        return [
            "capital needed \(horizonText(r)): \(ReportText.money(p.totalSpend)) for \(ReportText.int(p.replacements)) replacements",
            "risk reduced against no plan: \(ReportText.percent(reduced)) (\(ReportText.risk(p.baselineRisk)) → \(ReportText.risk(withPlan)) risk-years)",
            "assets left at risk: \(ReportText.int(p.assetsLeftAtRisk))",
            certificateSentence(p),
        ]
    }
}
