import CapitalCore
import Foundation

/// Text forms of a frontier sweep: an aligned table, CSV and JSON.
///
/// Rule kept: one row per budget in sweep order, with the expected cost the step from the previous budget avoids
/// (`avoided`); money as decimal pounds strings in CSV and JSON, whole pounds in the table.
public enum FrontierRenderer {
    static let columns = ["annual_budget", "status", "expected_cost", "bound", "gap", "spend", "avoided", "breach_years"]

    static func rows(_ points: [FrontierPoint]) -> [[String?]] {
        points.enumerated().map { i, p in
            var saved: String? = nil
            if i > 0, let a = points[i - 1].expectedCost, let b = p.expectedCost { saved = PlanRenderer.pounds(a - b).plain }
            return [p.budget.plain, p.status.rawValue, p.expectedCost.map { PlanRenderer.pounds($0).plain },
                    p.bound.map { PlanRenderer.pounds($0).plain }, p.gap.map { String(format: "%.4f", $0) },
                    p.spend.plain, saved, String(p.breachYears)]
        }
    }

    /// An aligned text table, one row per point, whole pounds, with a footer saying what the expected cost counts.
    public static func table(_ points: [FrontierPoint]) -> String {
        // Fits 100 columns: the bound is in the CSV and JSON (the gap states the certificate here).
        var t = TextTable(header: ["annual budget", "status", "expected cost", "gap", "spend", "avoided", "breach years"],
                          alignments: [.right, .left, .right, .right, .right, .right, .right])
        for (i, p) in points.enumerated() {
            var avoided = "-"
            if i > 0, let a = points[i - 1].expectedCost, let b = p.expectedCost { avoided = PlanRenderer.poundsText(a - b) }
            t.append([p.budget.formatted, p.status.rawValue, p.expectedCost.map(PlanRenderer.poundsText) ?? "-",
                      p.gap.map { String(format: "%.2f%%", $0 * 100) } ?? "-", p.spend.formatted, avoided,
                      String(p.breachYears)])
        }
        t.footer.append("expected cost: pounds over the horizon, service loss + repairs + upkeep + unmet demand + the rules' price")
        t.footer.append("avoided: expected cost the budget step saves against the row above; breach years: unit-years breaking a hard rule")
        return t.render()
    }

    /// CSV with the columns `annual_budget,status,expected_cost,bound,gap,spend,avoided,breach_years`.
    public static func csv(_ points: [FrontierPoint]) -> String {
        Tabular(columns: columns, rows: rows(points)).csv()
    }

    /// A pretty-printed JSON array, one object per point, money as decimal pound strings and `unit` `GBP`.
    public static func json(_ points: [FrontierPoint]) -> String {
        struct Row: Encodable {
            var annual_budget: Pence, status: String, expected_cost: Pence?, bound: Pence?, gap: Double?
            var spend: Pence, seconds: Double, breach_years: Int
            func encode(to encoder: any Encoder) throws {
                enum K: String, CodingKey { case annual_budget, status, expected_cost, bound, gap, spend, seconds, breach_years, unit }
                var c = encoder.container(keyedBy: K.self)
                try c.encode(annual_budget, forKey: .annual_budget); try c.encode(status, forKey: .status)
                try c.encode(expected_cost, forKey: .expected_cost); try c.encode(bound, forKey: .bound)
                try c.encode(gap, forKey: .gap); try c.encode(spend, forKey: .spend); try c.encode(seconds, forKey: .seconds)
                try c.encode(breach_years, forKey: .breach_years); try c.encode("GBP", forKey: .unit)
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = (try? encoder.encode(points.map {
            Row(annual_budget: $0.budget, status: $0.status.rawValue, expected_cost: $0.expectedCost.map(PlanRenderer.pounds),
                bound: $0.bound.map(PlanRenderer.pounds), gap: $0.gap, spend: $0.spend, seconds: $0.seconds,
                breach_years: $0.breachYears)
        })) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
