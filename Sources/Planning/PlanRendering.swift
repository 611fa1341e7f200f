import CapitalCore
import Foundation

/// Text forms of a plan: the yearly summary table, the per-asset CSV, and the JSON plan document.
///
/// Rules kept: money in CSV and JSON is a decimal string of pounds (`"1234.50"`), never a binary float; CSV cells
/// are defused against spreadsheet formulas (``CSVWriter``); output is deterministic (keys sorted, assets in input
/// order, unfunded assets by risk saved).
public enum PlanRenderer {
    /// Per year: budget, spend, headroom, replacements, residual risk with the plan and without; then the
    /// certificate line.
    public static func summaryTable(_ plan: Plan) -> String {
        var t = TextTable(header: ["year", "budget", "spend", "headroom", "replacements", "risk with plan",
                                   "risk without"])
        for y in plan.yearSummaries {
            t.append([String(y.year), y.budget.formatted, y.spend.formatted, y.headroom.formatted,
                      String(y.replacements), riskText(y.residualRisk), riskText(y.baselineRisk)])
        }
        let withPlan = plan.yearSummaries.reduce(0) { $0 + $1.residualRisk }
        t.append(["total", plan.yearSummaries.reduce(Pence.zero) { $0 + $1.budget }.formatted, plan.totalSpend.formatted,
                  "", String(plan.yearSummaries.reduce(0) { $0 + $1.replacements }), riskText(withPlan),
                  riskText(plan.baselineRisk)])
        t.footer.append(certificate(plan))
        if !plan.unfunded.isEmpty {
            t.footer.append("unfunded assets (due, not replaced when due): \(plan.unfunded.count)")
        }
        return t.render()
    }

    /// `status optimal, objective …, bound …, gap 0.00%, 1.2 s`, plus the reason when there is one.
    public static func certificate(_ plan: Plan) -> String {
        var parts = ["status \(plan.status.rawValue)"]
        if let o = plan.objective { parts.append("objective \(riskText(o))") }
        if let b = plan.bound { parts.append("bound \(riskText(b))") }
        if let g = plan.gap { parts.append(String(format: "gap %.2f%%", g * 100)) }
        parts.append(String(format: "%.2f s", plan.seconds))
        var line = parts.joined(separator: ", ")
        if let r = plan.reason { line += "\nreason: \(r)" }
        return line
    }

    /// The unfunded assets, highest risk saved first, at most `limit` rows.
    public static func unfundedTable(_ plan: Plan, limit: Int = 20) -> String {
        var t = TextTable(header: ["asset", "modality", "due", "planned", "risk carried", "if replaced when due",
                                   "what binds"], alignments: [.left, .left, .right, .right, .right, .right, .left])
        for u in plan.unfunded.prefix(limit) {
            t.append([u.key, u.modality.rawValue, String(u.dueYear), u.plannedYear.map(String.init) ?? "-",
                      riskText(u.riskCarried), riskText(u.riskIfReplacedWhenDue),
                      u.reasons.map(\.text).joined(separator: "; ")])
        }
        if plan.unfunded.count > limit { t.footer.append("… and \(plan.unfunded.count - limit) more") }
        return t.render()
    }

    /// One row per asset: trust, site, tag, modality, replacement years, cost, risk with and without, due year.
    public static func assetsCSV(_ plan: Plan) -> String {
        let header = ["trust", "site", "asset", "modality", "replacement_years", "cost", "risk_with_plan",
                      "risk_without", "due_year", "excluded"]
        let rows = plan.assets.map { a in
            [a.trust, a.site, a.tag, a.modality.rawValue, a.replacements.map { String($0.year) }.joined(separator: " "),
             a.totalCost.plain, riskText(a.riskWithPlan), riskText(a.riskWithout), a.dueYear.map(String.init) ?? "",
             a.excluded ? "yes" : "no"]
        }
        return CSVWriter.document(header: header, rows: rows)
    }

    /// Risk as people read it: whole numbers without decimals, others with two.
    public static func riskText(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(format: "%.2f", value)
    }
}
