import CapitalCore
import Optimizer

/// One point of the budget–risk frontier: the plan's result with every year's network budget set to `budget`.
public struct FrontierPoint: Sendable, Equatable {
    public var budget: Pence
    public var status: SolveResult.Status
    /// Total risk-years left standing over the horizon (the plan's objective); nil without a plan.
    public var residualRisk: Double?
    public var bound: Double?
    public var gap: Double?
    /// Total spend over the horizon.
    public var spend: Pence
    public var seconds: Double
}

/// Residual risk against annual budget, so finance can see what another million buys.
///
/// Rule kept: each point solves the same model with only the `budget:Y` limits changed (all years set to the
/// point's budget); points come back in the order given. Solved to optimality, more budget never leaves more
/// risk (the feasible plans only grow); with a gap tolerance, compare `bound` too.
public enum Frontier {
    public static func sweep(assets: [PlanAsset], policy: PlanningPolicy, budgets: [Pence],
                             options: SolverOptions = SolverOptions()) throws -> [FrontierPoint] {
        let base = try PlanModel(assets: assets, policy: policy)
        return budgets.map { budget in
            let plan = Planner.plan(base.withAnnualBudget(budget), options: options)
            return FrontierPoint(budget: budget, status: plan.status, residualRisk: plan.objective, bound: plan.bound,
                                 gap: plan.gap, spend: plan.totalSpend, seconds: plan.seconds)
        }
    }
}

/// The budgets of a frontier sweep, from the command line's `--budgets 8m..20m --steps 7`.
///
/// Rule kept: `steps` evenly spaced amounts from the low to the high end inclusive, each rounded down to the penny
/// (the last is exactly the high end); one step gives the low end only; a single amount (`12m`) gives itself.
public enum BudgetRange {
    public static func parse(_ text: String, steps: Int) throws -> [Pence] {
        guard steps >= 1 else { throw UserError("--steps must be at least 1, not \(steps)") }
        let parts = text.components(separatedBy: "..")
        guard (1...2).contains(parts.count) else {
            throw UserError("--budgets `\(text)`: write LOW..HIGH, e.g. 8m..20m (m = million pounds, k = thousand)")
        }
        let amounts = try parts.map { part -> Pence in
            guard let p = MoneyText.parse(part), p >= .zero else {
                throw UserError("--budgets `\(text)`: `\(part)` is not an amount of pounds (e.g. 8m, 750k, 12000000)")
            }
            return p
        }
        guard amounts.count == 2 else { return amounts }
        let (low, high) = (amounts[0], amounts[1])
        guard low <= high else { throw UserError("--budgets `\(text)`: the low end is above the high end") }
        if steps == 1 { return [low] }
        return (0..<steps).map { i in
            Pence(low.value + (high.value - low.value) * Int64(i) / Int64(steps - 1))
        }
    }
}
