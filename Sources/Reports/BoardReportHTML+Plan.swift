import CapitalCore
import Foundation

/// The plan's money: spend against budget by trust, spend by modality and what it buys, expected cost per year and
/// its parts, and the hard rules with the money that would meet them.
extension BoardReportHTML {
    static func spend(_ r: BoardReportInput) -> String {
        let colours = trustColours(r)
        let codes = r.trustCodes.filter { code in r.replacements.contains { $0.trust == code } }
        let years = r.years.map(\.year)
        let series = codes.map { code in
            SVGCharts.Series(name: "\(code) \(trustName(r, code))", colour: colours[code]!,
                             values: years.map { pounds(r.spend(trust: code, year: $0)) })
        }
        var h = open("spend", r)
        h += "<p class=\"lead\">Planned spend each financial year at the whole price (equipment, installation and enabling works, VAT the network cannot recover), stacked by the trust whose equipment is replaced or added; the black line is the year's capital budget.</p>\n"
        h += "<figure>" + SVGCharts.stackedBars(title: "Planned spend per year stacked by trust, with the budget", categories: years.map(ReportText.financialYear),
                                                  series: series, line: r.years.map { pounds($0.budget) }, lineName: "Budget",
                                                  axisLabel: ReportText.moneyShort)
        h += SVGCharts.legend(series.map { ($0.name, $0.colour, false, false) } + [("Budget", SVGCharts.budgetColour, true, false)])
        h += "</figure>\n"
        if !codes.isEmpty {
            h += "<h3>Planned spend by trust</h3>\n"
            h += yearTable("Trust", years: years,
                           rows: codes.map { code in ("\(code) \(trustName(r, code))", years.map { r.spend(trust: code, year: $0) }) })
        }
        let additions = r.years.contains { $0.additions > 0 }
        h += "<table class=\"num\">\n<thead><tr><th>Year</th><th>Budget</th><th>Planned spend</th><th>Headroom</th><th>Replacements</th>\(additions ? "<th>Additional units installed</th>" : "")</tr></thead>\n<tbody>\n"
        for y in r.years {
            h += "<tr><td>\(ReportText.financialYear(y.year))</td><td>\(money(y.budget))</td><td>\(money(y.spend))</td><td>\(money(y.budget - y.spend))</td><td>\(ReportText.int(y.replacements))</td>\(additions ? "<td>\(ReportText.int(y.additions))</td>" : "")</tr>\n"
        }
        let budget = r.years.reduce(Pence.zero) { $0 + $1.budget }, spent = r.years.reduce(Pence.zero) { $0 + $1.spend }
        h += "</tbody>\n<tfoot><tr><td>Total</td><td>\(money(budget))</td><td>\(money(spent))</td><td>\(money(budget - spent))</td><td>\(ReportText.int(r.years.reduce(0) { $0 + $1.replacements }))</td>\(additions ? "<td>\(ReportText.int(r.years.reduce(0) { $0 + $1.additions }))</td>" : "")</tr></tfoot>\n</table>\n"
        return h + "</section>\n"
    }

    /// Per modality over the horizon: the plan document's figures, or (for a document without them) counts from the
    /// replacements and the register, with no expected cost avoided.
    static func modalitySummaries(_ r: BoardReportInput) -> [PlanDetails.ModalitySummary] {
        if !r.details.modalities.isEmpty { return r.details.modalities }
        let units = Dictionary(grouping: r.fleet, by: \.modality).mapValues(\.count)
        let planned = Dictionary(grouping: r.replacements, by: \.modality)
        return Set(units.keys).union(planned.keys).sorted().map { m in
            let rows = planned[m] ?? []
            let replaced = Set(rows.filter { !$0.addition }.map { "\($0.trust)/\($0.asset)" }).count
            return PlanDetails.ModalitySummary(modality: m, units: units[m] ?? 0, replaced: replaced,
                                               replacements: rows.filter { !$0.addition }.count,
                                               added: Set(rows.filter(\.addition).map { "\($0.trust)/\($0.site)/\($0.asset)" }).count,
                                               spend: rows.reduce(Pence.zero) { $0 + $1.cost }, avoided: nil)
        }
    }

    static func modality(_ r: BoardReportInput) -> String {
        let modalities = r.spendModalities
        let years = r.years.map(\.year)
        var h = open("modality", r)
        h += "<p class=\"lead\">Where the money goes: planned spend each financial year by modality, at the whole price (replacements and additional units).</p>\n"
        if !modalities.isEmpty {
            let series = modalities.map { m in
                SVGCharts.Series(name: m.displayName, colour: SVGCharts.modalityColour(m), values: years.map { pounds(r.spend(modality: m, year: $0)) })
            }
            h += "<figure>" + SVGCharts.stackedBars(title: "Planned spend per year stacked by modality, with the budget",
                                                      categories: years.map(ReportText.financialYear), series: series,
                                                      line: r.years.map { pounds($0.budget) }, lineName: "Budget", axisLabel: ReportText.moneyShort)
            h += SVGCharts.legend(series.map { ($0.name, $0.colour, false, false) } + [("Budget", SVGCharts.budgetColour, true, false)])
            h += "</figure>\n"
            h += yearTable("Modality", years: years,
                           rows: modalities.map { m in (m.displayName, years.map { r.spend(modality: m, year: $0) }) })
        } else {
            h += "<p>The plan spends nothing in the horizon.</p>\n"
        }
        let rows = modalitySummaries(r)
        let priced = rows.contains { $0.avoided != nil }
        h += "<h3>What each modality's money buys over \(r.plan.years) years</h3>\n"
        h += "<table class=\"num\">\n<thead><tr><th>Modality</th><th>Units</th><th>Replaced</th><th>Replacements</th><th>Added</th><th>Spend</th><th>Expected cost avoided</th><th>Avoided per £</th></tr></thead>\n<tbody>\n"
        for m in rows {
            h += "<tr><td>\(e(m.modality.displayName))</td><td>\(ReportText.int(m.units))</td><td>\(ReportText.int(m.replaced))</td><td>\(ReportText.int(m.replacements))</td><td>\(ReportText.int(m.added))</td><td>\(money(m.spend))</td><td>\(m.avoided.map(ReportText.pounds) ?? "–")</td><td>\(m.avoidedPerPound.map { String(format: "£%.2f", $0) } ?? "–")</td></tr>\n"
        }
        let spend = rows.reduce(Pence.zero) { $0 + $1.spend }
        let avoided: Double? = priced ? rows.reduce(0) { $0 + ($1.avoided ?? 0) } : nil
        let perPound = avoided.flatMap { a in spend.value > 0 ? String(format: "£%.2f", a / pounds(spend)) : nil } ?? "–"
        h += "</tbody>\n<tfoot><tr><td>Total</td><td>\(ReportText.int(rows.reduce(0) { $0 + $1.units }))</td><td>\(ReportText.int(rows.reduce(0) { $0 + $1.replaced }))</td><td>\(ReportText.int(rows.reduce(0) { $0 + $1.replacements }))</td><td>\(ReportText.int(rows.reduce(0) { $0 + $1.added }))</td><td>\(money(spend))</td><td>\(avoided.map(ReportText.pounds) ?? "–")</td><td>\(perPound)</td></tr></tfoot>\n</table>\n"
        h += priced
            ? "<p class=\"note\">Units: the plan's fleet; replaced: units replaced at least once; added: additional units for demand. Expected cost avoided: each unit's expected cost over the horizon if never replaced, less under the plan, as the optimiser counts it (with the rules' price and the backlog left at the end); per £: that over the modality's spend.</p>\n"
            : "<p class=\"note\">Units are the register's units in service; this plan's document carries no expected cost per unit, so the value of each modality's spend is not shown.</p>\n"
        return h + "</section>\n"
    }

    static func cost(_ r: BoardReportInput) -> String {
        let u = r.plan.unit
        let years = r.years.map { ReportText.financialYear($0.year) }
        var h = open("cost", r)
        if u == .riskYears {
            h += "<p class=\"notice\">This plan was saved before costs were in pounds: the figures below are its risk-years (the old likelihood × impact score summed over assets), not money.</p>\n"
        }
        h += "<p class=\"lead\">What keeping the fleet is expected to cost each financial year if nothing were replaced (red, dashed) and under the plan (blue). The gap between the lines is what the plan avoids. Each year's figure is what the optimiser minimises: the expected cost plus the rules' price (and, in the last year, the backlog left at the end), so these totals are larger than the expected cost (money) in the summary; the table below separates them over the horizon.</p>\n"
        h += "<figure>" + SVGCharts.lines(title: "Expected cost per year with and without the plan", categories: years, series: [
            SVGCharts.Series(name: "Without the plan", colour: SVGCharts.withoutPlanColour, values: r.years.map(\.expectedCostWithout), dashed: true),
            SVGCharts.Series(name: "With the plan", colour: SVGCharts.withPlanColour, values: r.years.map(\.expectedCostWithPlan)),
        ], axisLabel: { ReportText.costShort($0, u) })
        h += SVGCharts.legend([("Without the plan", SVGCharts.withoutPlanColour, true, true), ("With the plan", SVGCharts.withPlanColour, true, false)])
        h += "</figure>\n"
        let what = u == .pounds ? "Expected cost" : "Risk-years"
        h += "<table class=\"num\">\n<thead><tr><th>Year</th><th>\(what) without the plan</th><th>\(what) with the plan</th><th>Avoided</th><th>Avoided (%)</th></tr></thead>\n<tbody>\n"
        func row(_ without: Double, _ with: Double) -> String {
            "<td>\(cost(without, r))</td><td>\(cost(with, r))</td><td>\(cost(without - with, r))</td><td>\(without > 0 ? ReportText.percent((without - with) / without) : "–")</td>"
        }
        for y in r.years {
            h += "<tr><td>\(ReportText.financialYear(y.year))</td>" + row(y.expectedCostWithout, y.expectedCostWithPlan) + "</tr>\n"
        }
        let without = r.years.reduce(0) { $0 + $1.expectedCostWithout }, with = r.years.reduce(0) { $0 + $1.expectedCostWithPlan }
        h += "</tbody>\n<tfoot><tr><td>Total</td>" + row(without, with) + "</tr></tfoot>\n</table>\n"

        h += "<h3>Where the expected cost comes from, over \(r.plan.years) years</h3>\n"
        guard u == .pounds, let w = r.details.costsWithPlan, let n = r.details.costsWithout else {
            return h + "<p>This plan's document has no breakdown of its costs\(u == .riskYears ? " (it was saved before costs were in pounds)" : "").</p>\n</section>\n"
        }
        h += "<table class=\"num\">\n<thead><tr><th>Part</th><th>With the plan</th><th>Without the plan</th><th>Avoided</th></tr></thead>\n<tbody>\n"
        func part(_ label: String, _ with: Double, _ without: Double, _ cls: String = "") -> String {
            "<tr\(cls.isEmpty ? "" : " class=\"\(cls)\"")><td>\(e(label))</td><td>\(ReportText.pounds(with))</td><td>\(ReportText.pounds(without))</td><td>\(ReportText.pounds(without - with))</td></tr>\n"
        }
        h += part("Lost scans (units down, at the value of a lost scan)", w.lostScans, n.lostScans)
        h += part("Repairs", w.repairs, n.repairs)
        h += part("Upkeep (maintenance contracts; for additional units also the in-house cost of their scans)", w.upkeep, n.upkeep)
        h += part("Unmet demand (scans done elsewhere)", w.unmetDemand, n.unmetDemand)
        h += part("Expected cost: money", w.expected, n.expected, "total")
        h += part("The rules' price: not money", w.rulesPrice, n.rulesPrice)
        if w.backlogAtEnd != 0 || n.backlogAtEnd != 0 {
            h += part("The backlog left at the end: not money spent in the horizon", w.backlogAtEnd, n.backlogAtEnd)
        }
        h += part("What the optimiser minimises", w.total, n.total, "total")
        h += "</tbody>\n</table>\n"
        h += "<p class=\"note\">The rules' price is a price the policy puts on breaking a hard rule (a unit past its maximum age or too long out of support) and on units older than the age profile's limit, so that the optimiser avoids them. Nobody pays it: it is not money, and it is shown apart from the expected cost. The money that would actually meet the rules is in \(ref("rules", r)).\(w.backlogAtEnd != 0 || n.backlogAtEnd != 0 ? " The backlog left at the end is the part of each unit's whole price used up by the horizon's last year: what the plan leaves the years after it to replace, priced so that a plan does not let the fleet age in its last years. It falls in the last year's figure above, and is not money spent within the horizon." : "")</p>\n"
        return h + "</section>\n"
    }

    static func rules(_ r: BoardReportInput) -> String {
        let d = r.details
        var h = open("rules", r)
        let units = d.breachingUnits
        if d.breaches.isEmpty && d.ageShareBreaches.isEmpty && d.moneyToMeetRules.isEmpty {
            if r.plan.breachYears > 0 {
                return h + "<p class=\"lead\"><strong>The plan breaks a hard rule \(ReportText.int(r.plan.breachYears)) times</strong> (a unit breaking a rule in a year), but its document does not list them: `capital plan show \(r.plan.id)` does.</p>\n</section>\n"
            }
            if r.plan.unit == .riskYears {
                return h + "<p class=\"lead\">This plan was saved before hard rules (maximum age, end of support, the age profile) were checked: none are reported for it.</p>\n</section>\n"
            }
            return h + "<p class=\"lead\">Every unit meets the hard rules in every year of the plan (maximum age, replacement after end of support, the must-replace-by list), and no modality's share of units over 10 years is above the target. No money beyond the budgets is needed to meet them.</p>\n</section>\n"
        }
        let money = d.moneyToMeetRulesTotal
        h += "<p class=\"lead\"><strong>"
        h += units.isEmpty ? "No unit breaks a hard rule" : "\(ReportText.int(units.count)) unit\(units.count == 1 ? "" : "s") break\(units.count == 1 ? "s" : "") a hard rule (\(ReportText.int(d.breaches.count)) breaches: a unit breaking a rule in a year)"
        if !d.ageShareBreaches.isEmpty {
            h += "; \(Set(d.ageShareBreaches.map(\.modality)).count) modalities are over the 10% target for units over 10 years in \(d.ageShareBreaches.count) modality-years"
        }
        h += ".</strong> "
        h += money > .zero ? "Meeting every rule would need <strong>\(BoardReportHTML.money(money)) more</strong> than the budgets, in these years.</p>\n"
            : "The plan lists no money that would meet them.</p>\n"
        if !d.moneyToMeetRules.isEmpty {
            let budgets = Dictionary(r.years.map { ($0.year, $0) }, uniquingKeysWith: { a, _ in a })
            h += "<table class=\"num\">\n<thead><tr><th>Year</th><th>Budget</th><th>Planned spend</th><th>More to meet the rules</th><th>Budget plus that</th></tr></thead>\n<tbody>\n"
            for m in d.moneyToMeetRules {
                let y = budgets[m.year]
                h += "<tr><td>\(ReportText.financialYear(m.year))</td><td>\(y.map { BoardReportHTML.money($0.budget) } ?? "–")</td><td>\(y.map { BoardReportHTML.money($0.spend) } ?? "–")</td><td>\(BoardReportHTML.money(m.amount))</td><td>\(y.map { BoardReportHTML.money($0.budget + m.amount) } ?? "–")</td></tr>\n"
            }
            h += "</tbody>\n<tfoot><tr><td>Total</td><td></td><td></td><td>\(BoardReportHTML.money(money))</td><td></td></tr></tfoot>\n</table>\n"
            h += "<p class=\"note\">The money replaces each unit in breach in the year it first breaks a rule (and again when it next falls due), then the oldest units wherever a modality's share over 10 years is above the target, at that year's whole price. It is what it would take on top of this plan; later planned replacements it makes unneeded are not netted off.</p>\n"
        }
        if !units.isEmpty {
            let limit = 100
            h += "<h3>Units breaking a hard rule</h3>\n<table class=\"num compact\">\n<thead><tr><th>Asset</th><th class=\"text\">Trust</th><th class=\"text\">Modality</th><th class=\"text\">Rule</th><th>First year</th><th>Age then</th><th>Years in breach</th></tr></thead>\n<tbody>\n"
            for u in units.prefix(limit) {
                h += "<tr><td>\(e(u.asset))</td><td class=\"text\">\(e(u.trust))</td><td class=\"text\">\(e(u.modality.displayName))</td><td class=\"text\">\(e(u.rules.map(PlanDetails.Breach.ruleText).joined(separator: "; ")))</td><td>\(ReportText.financialYear(u.firstYear))</td><td>\(u.ageInFirstYear)</td><td>\(u.years)</td></tr>\n"
            }
            h += "</tbody>\n</table>\n"
            if units.count > limit {
                h += "<p class=\"note\"><strong>\(ReportText.int(units.count - limit)) more units</strong> break a rule; the workbook's Breaches sheet lists every one, year by year.</p>\n"
            }
        }
        if !d.ageShareBreaches.isEmpty {
            h += "<h3>Modalities over the 10% target for units over 10 years</h3>\n<table class=\"num\">\n<thead><tr><th>Modality</th><th>Years over target</th><th>Worst year</th><th>Units over 10 then</th><th>Share then</th><th>Target</th></tr></thead>\n<tbody>\n"
            for (m, rows) in Dictionary(grouping: d.ageShareBreaches, by: \.modality).sorted(by: { $0.key < $1.key }) {
                let worst = rows.max { ($0.share, -$0.year) < ($1.share, -$1.year) }!
                h += "<tr><td>\(e(m.displayName))</td><td>\(rows.count)</td><td>\(ReportText.financialYear(worst.year))</td><td>\(ReportText.int(worst.over10)) of \(ReportText.int(worst.units))</td><td>\(ReportText.percent(worst.share))</td><td>\(ReportText.percent(worst.target, decimals: 0))</td></tr>\n"
            }
            h += "</tbody>\n</table>\n"
        }
        return h + "</section>\n"
    }

    /// A table of amounts by row and financial year in £ thousands, with a total column and a total row: the figures
    /// behind a stacked chart, for a board paper that is printed or read aloud.
    static func yearTable(_ label: String, years: [Int], rows: [(name: String, amounts: [Pence])]) -> String {
        var h = "<table class=\"num compact\">\n<thead><tr><th>\(e(label)) <span class=\"unit\">£ thousands</span></th>"
            + years.map { "<th>\(ReportText.financialYear($0))</th>" }.joined() + "<th>Total</th></tr></thead>\n<tbody>\n"
        for row in rows {
            h += "<tr><td>\(e(row.name))</td>" + row.amounts.map { "<td>\(ReportText.thousands($0))</td>" }.joined()
                + "<td>\(ReportText.thousands(row.amounts.reduce(Pence.zero, +)))</td></tr>\n"
        }
        let totals = years.indices.map { i in rows.reduce(Pence.zero) { $0 + $1.amounts[i] } }
        return h + "</tbody>\n<tfoot><tr><td>Total</td>" + totals.map { "<td>\(ReportText.thousands($0))</td>" }.joined()
            + "<td>\(ReportText.thousands(totals.reduce(Pence.zero, +)))</td></tr></tfoot>\n</table>\n"
    }
}
