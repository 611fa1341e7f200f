import CapitalCore
import Foundation

/// Ownership shares, capital calls, purchase lots and what the report rests on.
extension BoardReportHTML {
    static func shares(_ r: BoardReportInput) -> String {
        var h = open("shares", r)
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
        var h = open("calls", r)
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
        var h = open("lots", r)
        guard !r.lots.isEmpty else { return h + "<p class=\"lead\">The plan has no replacements to buy.</p>\n</section>\n" }
        h += "<p class=\"lead\">The plan's replacements grouped into tenders by equipment category and year. "
        if let t = r.lotThreshold { h += "Lots flagged “yes” reach the procurement threshold (\(e(t))) and need a full tender. " }
        let lotTotal = r.lots.reduce(Pence.zero) { $0 + $1.value }
        let added = r.replacements.filter(\.addition), addedTotal = added.reduce(Pence.zero) { $0 + $1.cost }
        if lotTotal == r.plan.totalSpend {
            h += "Lot values sum to the plan's spend.</p>\n"
        } else if !added.isEmpty && lotTotal + addedTotal == r.plan.totalSpend {
            h += "Lot values sum to the plan's spend on replacements; its \(added.count) additional unit\(added.count == 1 ? "" : "s") (\(money(addedTotal))) are not in these lots.</p>\n"
        } else {
            h += "Lot values total \(money(lotTotal)) against the plan's spend of \(money(r.plan.totalSpend)).</p>\n"
        }
        h += "<table class=\"num\">\n<thead><tr><th>Lot</th><th class=\"text\">Category</th><th>Year</th><th>Qty</th><th class=\"text\">Trusts</th><th>Value</th><th>Threshold</th></tr></thead>\n<tbody>\n"
        for l in r.lots {
            h += "<tr><td class=\"nowrap\">\(e(l.id))</td><td class=\"text nowrap\">\(e(l.category))</td><td>\(ReportText.financialYear(l.year))</td><td>\(ReportText.int(l.quantity))</td><td class=\"text small\">\(e(l.trusts))</td><td>\(money(l.value))</td><td>\(l.aboveThreshold ? "<strong>yes</strong>" : "no")</td></tr>\n"
        }
        h += "</tbody>\n<tfoot><tr><td>Total</td><td></td><td></td><td>\(ReportText.int(r.lots.reduce(0) { $0 + $1.quantity }))</td><td></td><td>\(money(r.lots.reduce(Pence.zero) { $0 + $1.value }))</td><td>\(r.lots.filter(\.aboveThreshold).count) yes</td></tr></tfoot>\n</table>\n"
        return h + "</section>\n"
    }

    static func sources(_ r: BoardReportInput) -> String {
        let p = r.plan
        var h = open("sources", r)
        h += "<table class=\"facts\">\n<tbody>\n"
        func row(_ k: String, _ v: String) -> String { "<tr><th>\(e(k))</th><td>\(v)</td></tr>\n" }
        h += row("Plan", "\(p.id) version \(p.version), “\(e(p.name))”, \(e(p.status))")
        h += row("Made", e(ReportText.timestamp(p.createdAt)))
        h += row("Approved", p.approvedBy.map { "by \(e($0)) on \(e(ReportText.timestamp(p.approvedAt)))" } ?? "not approved")
        h += row("Horizon", "\(e(horizonText(r))) (\(p.years) years)")
        h += row("Policy file", "<code>\(e(p.policyFile))</code>")
        h += row("Policy SHA-256", "<code class=\"hash\">\(e(p.policySHA256))</code>")
        h += row("Optimiser", "status \(e(p.solverStatus)); with the plan \(p.objective.map { e(cost($0, r)) } ?? "–"), lower bound \(p.bound.map { e(cost($0, r)) } ?? "–"), gap \(p.gap.map { ReportText.percent(max(0, $0), decimals: 2) } ?? "–"); \(String(format: "%.1f", p.seconds)) s")
        h += row("Unit of cost", p.unit == .pounds ? "pounds: expected cost of lost scans, repairs, upkeep and unmet demand, plus the rules' price" : "<strong>risk-years</strong>: the plan was saved before costs were in pounds (migration 0009); its figures are a unitless score, not money")
        h += row("Hard rules", r.details.breaches.isEmpty && p.breachYears == 0 ? "no breaches listed" : "\(ReportText.int(max(r.details.breaches.count, p.breachYears))) breaches; money to meet them \(money(r.details.moneyToMeetRulesTotal))")
        if let f = r.frontier {
            h += row("Budget sweep", "\(f.count) annual budgets, \(e(frontierRange(f)))\(r.steadyStateNeed.map { "; steady-state need \(money($0)) a year" } ?? "")")
        }
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
}
