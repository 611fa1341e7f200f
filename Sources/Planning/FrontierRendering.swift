import CapitalCore
import Foundation

/// Text forms of a frontier sweep: an aligned table, CSV and JSON.
///
/// Rule kept: one row per budget in sweep order, with the risk bought by the step from the previous budget
/// (`risk saved`); money as decimal pounds strings in CSV and JSON.
public enum FrontierRenderer {
    static let columns = ["annual_budget", "status", "residual_risk", "bound", "gap", "spend", "risk_saved"]

    static func rows(_ points: [FrontierPoint]) -> [[String?]] {
        points.enumerated().map { i, p in
            var saved: String? = nil
            if i > 0, let a = points[i - 1].residualRisk, let b = p.residualRisk { saved = PlanRenderer.riskText(a - b) }
            return [p.budget.plain, p.status.rawValue, p.residualRisk.map(PlanRenderer.riskText),
                    p.bound.map { String(format: "%.2f", $0) }, p.gap.map { String(format: "%.4f", $0) },
                    p.spend.plain, saved]
        }
    }

    public static func table(_ points: [FrontierPoint]) -> String {
        var t = TextTable(header: ["annual budget", "status", "residual risk", "bound", "gap", "spend", "risk saved"],
                          alignments: [.right, .left, .right, .right, .right, .right, .right])
        for (p, row) in zip(points, rows(points)) {
            var cells = row.map { $0 ?? "-" }
            cells[0] = p.budget.formatted
            cells[4] = p.gap.map { String(format: "%.2f%%", $0 * 100) } ?? "-"
            cells[5] = p.spend.formatted
            t.append(cells)
        }
        return t.render()
    }

    public static func csv(_ points: [FrontierPoint]) -> String {
        Tabular(columns: columns, rows: rows(points)).csv()
    }

    public static func json(_ points: [FrontierPoint]) -> String {
        struct Row: Encodable {
            var annual_budget: Pence, status: String, residual_risk: Double?, bound: Double?, gap: Double?
            var spend: Pence, seconds: Double
            func encode(to encoder: any Encoder) throws {
                enum K: String, CodingKey { case annual_budget, status, residual_risk, bound, gap, spend, seconds }
                var c = encoder.container(keyedBy: K.self)
                try c.encode(annual_budget, forKey: .annual_budget); try c.encode(status, forKey: .status)
                try c.encode(residual_risk, forKey: .residual_risk); try c.encode(bound, forKey: .bound)
                try c.encode(gap, forKey: .gap); try c.encode(spend, forKey: .spend); try c.encode(seconds, forKey: .seconds)
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = (try? encoder.encode(points.map {
            Row(annual_budget: $0.budget, status: $0.status.rawValue, residual_risk: $0.residualRisk, bound: $0.bound,
                gap: $0.gap, spend: $0.spend, seconds: $0.seconds)
        })) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
