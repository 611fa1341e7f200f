import CapitalCore
import Foundation
import Planning

/// Text, CSV and JSON forms of saved plans and their comparison (`capital plan list|show|compare`), so the CLI stays thin.
package enum SavedPlanRendering {
    /// The saved plans, a row each: id, version, name, status, who approved, solver status, gap, total spend, when created.
    package static func list(_ plans: [SavedPlan]) -> Tabular {
        Tabular(columns: ["id", "version", "name", "status", "approved_by", "solver_status", "gap", "total_spend", "created_at"],
                rows: plans.map { [String($0.id), String($0.version), $0.name, $0.status.rawValue, $0.approvedBy, $0.solverStatus,
                                   $0.gap.map { "\($0)" }, $0.totalSpend.plain, $0.createdAt.iso] },
                numericColumns: ["id", "version"], moneyColumns: ["total_spend"], percentColumns: ["gap"],
                optionalColumns: ["created_at", "solver_status"], trimmableColumns: ["name", "approved_by"])
    }

    /// A saved plan and its years in `format`: JSON `{"plan", "years"}`; CSV a row per year (budget, spend,
    /// replacements, additions, the objective's terms with and without the plan); the table is a header (status
    /// and approval, certificate, what the plan rests on, totals) above the same rows.
    package static func plan(_ plan: SavedPlan, years: [SavedPlanYear], format: Tabular.Format) throws -> String {
        if format == .json {
            let yearObjects = try years.map { y -> [String: Any] in
                var o = try RecordJSON.object(y)
                o["expected_cost"] = figure(y.expectedCost, plan.objectiveUnit)
                o["expected_cost_without"] = figure(y.expectedCostWithout, plan.objectiveUnit)
                return o
            }
            return try RecordJSON.serialize(["plan": try object(plan), "years": yearObjects])
        }
        var out = ""
        if format == .table {
            out = """
                plan \(plan.id) "\(plan.name)", version \(plan.version), \(plan.status)\(plan.approvedBy.map { " by \($0) at \(plan.approvedAt?.iso ?? "")" } ?? "")
                \(plan.solverStatus): objective \(amount(plan.objective, plan.objectiveUnit)), bound \(amount(plan.bound, plan.objectiveUnit)), gap \(plan.gap.map { String(format: "%.2f%%", NSDecimalNumber(decimal: $0).doubleValue * 100) } ?? "-")
                built from \(plan.policyFile) and import batches \(plan.registerBatches.map(String.init).joined(separator: ", "))
                \(plan.replacements) replacements costing \(plan.totalSpend.formatted); \(plan.unfunded) assets left at risk

                """
        }
        let unit = plan.objectiveUnit == "GBP" ? "expected_cost" : "risk_years"
        return out + Tabular(columns: ["year", "budget", "spend", "replacements", "additions", "\(unit)_with_plan", "\(unit)_without"],
                             rows: years.map { [String($0.year), $0.budget.plain, $0.spend.plain, String($0.replacements),
                                                String($0.additions), "\($0.expectedCost)", "\($0.expectedCostWithout)"] },
                             numericColumns: ["replacements", "additions"],
                             moneyColumns: plan.objectiveUnit == "GBP" ? ["budget", "spend", "\(unit)_with_plan", "\(unit)_without"]
                                 : ["budget", "spend"],
                             optionalColumns: ["\(unit)_without", "additions"]).render(format)
    }

    /// Two plans compared in `format`: JSON is the whole comparison; CSV the years side by side (spend and expected
    /// cost of each plan); the table adds the assets the plans replace in different years (the first of them when many).
    package static func comparison(_ cmp: PlanComparison, format: Tabular.Format) throws -> String {
        if format == .json {
            var o = try RecordJSON.object(cmp)
            o["a"] = try object(cmp.a)
            o["b"] = try object(cmp.b)
            o["years"] = try cmp.years.map { y -> [String: Any] in
                var year = try RecordJSON.object(y)
                year["expected_cost_a"] = y.expectedCostA.map { figure($0, cmp.a.objectiveUnit) } ?? NSNull()
                year["expected_cost_b"] = y.expectedCostB.map { figure($0, cmp.b.objectiveUnit) } ?? NSNull()
                return year
            }
            return try RecordJSON.serialize(o)
        }
        let a = cmp.a.id, b = cmp.b.id
        var out = Tabular(columns: ["year", "spend_\(a)", "spend_\(b)", "expected_cost_\(a)", "expected_cost_\(b)"],
                          rows: cmp.years.map { [String($0.year), $0.spendA?.plain, $0.spendB?.plain,
                                                 $0.expectedCostA.map { "\($0)" }, $0.expectedCostB.map { "\($0)" }] },
                          moneyColumns: ["spend_\(a)", "spend_\(b)"]).render(format)
        if format == .table {
            out += "\n\(cmp.movedCount) asset(s) replaced in different years\(cmp.movedCount > cmp.moved.count ? " (first \(cmp.moved.count))" : ""):\n"
            out += Tabular(columns: ["trust", "asset", "years_\(a)", "years_\(b)"],
                           rows: cmp.moved.map { [$0.trust, $0.asset, $0.yearsA.map(String.init).joined(separator: " "),
                                                  $0.yearsB.map(String.init).joined(separator: " ")] }).table()
        }
        return out
    }

    /// A saved plan's header as JSON: its figures as exact strings (money in pounds and pence for a plan in `GBP`),
    /// as every JSON capital prints carries money, so no reader meets a binary float.
    static func object(_ plan: SavedPlan) throws -> [String: Any] {
        var o = try RecordJSON.object(plan)
        o["objective"] = plan.objective.map { figure($0, plan.objectiveUnit) } ?? NSNull()
        o["bound"] = plan.bound.map { figure($0, plan.objectiveUnit) } ?? NSNull()
        o["cost_without"] = figure(plan.costWithout, plan.objectiveUnit)
        o["gap"] = plan.gap.map { "\($0)" } ?? NSNull()
        return o
    }

    /// An expected cost, objective or bound as a JSON string: pounds and pence ("1234.57") for a plan in `GBP`, else
    /// the exact decimal (risk-years).
    static func figure(_ value: Decimal, _ unit: String) -> String {
        guard unit == "GBP" else { return "\(value)" }
        var v = value, rounded = Decimal()
        NSDecimalRound(&rounded, &v, 2, .plain)
        return Pence(exactly: rounded)?.plain ?? "\(rounded)"
    }

    /// An objective or bound: pounds for a plan in `GBP`, else risk-years; `-` when there is none.
    static func amount(_ value: Decimal?, _ unit: String) -> String {
        guard let value else { return "-" }
        guard unit == "GBP" else { return "\(value) risk-years" }
        return PlanRenderer.poundsText(NSDecimalNumber(decimal: value).doubleValue)
    }
}
