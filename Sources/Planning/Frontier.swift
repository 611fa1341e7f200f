import CapitalCore
import Optimizer

/// One point of the budget–cost frontier: the plan's result with every year's network budget set to `budget`.
public struct FrontierPoint: Sendable, Equatable {
    /// Every year's network budget at this point.
    public let budget: Pence
    /// How far the solver got at this budget.
    public let status: SolveResult.Status
    /// The plan's objective over the horizon in pounds (expected cost plus the rules' price); nil without a plan.
    public let expectedCost: Double?
    /// Unit-years breaking a hard rule under the plan.
    public var breachYears: Int = 0
    /// A proven lower bound (pounds) on the objective at this budget; nil when none was proven.
    public let bound: Double?
    /// `(expectedCost − bound) ÷ |expectedCost|`, a fraction; nil without both.
    public let gap: Double?
    /// Total spend over the horizon.
    public let spend: Pence
    /// Wall-clock seconds the solver spent on this point.
    public let seconds: Double
}

/// Expected cost against annual budget, so finance can see what another million buys.
///
/// Rule kept: each point solves the same model with only the `budget:Y` limits changed (all years set to the
/// point's budget); points come back in the order given. Each point starts from the plan of the largest smaller
/// budget solved before it (a plan that fits a budget fits any larger one), so the expected cost never rises as the
/// budget rises, whatever the gap tolerance.
public enum Frontier {
    /// Plans once per budget in `budgets` (each set as every year's network budget), in the order given. Throws a
    /// ``UserError`` only for contradictory input (see ``PlanModel``).
    public static func sweep(assets: [PlanAsset], policy: PlanningPolicy, demand: [DemandEntry] = [], budgets: [Pence],
                             options: SolverOptions = SolverOptions()) throws -> [FrontierPoint] {
        let base = try PlanModel(assets: assets, policy: policy, demand: demand)
        var solved: [(budget: Pence, choices: [String: String])] = []
        return budgets.map { budget in
            var o = options
            o.warmStart = solved.filter { $0.budget <= budget }.max { $0.budget < $1.budget }?.choices
            let plan = Planner.plan(base.withAnnualBudget(budget), options: o)
            if !plan.assets.isEmpty || !plan.additions.isEmpty { solved.append((budget, Planner.choices(of: plan))) }
            return FrontierPoint(budget: budget, status: plan.status, expectedCost: plan.objective,
                                 breachYears: plan.breaches.count, bound: plan.bound,
                                 gap: plan.gap, spend: plan.totalSpend, seconds: plan.seconds)
        }
    }
}

/// The budgets of a frontier sweep, from the command line's `--budgets 8m..20m --steps 7`.
///
/// Rule kept: `steps` evenly spaced amounts from the low to the high end inclusive, each rounded down to the penny
/// (the last is exactly the high end); one step gives the low end only; a single amount (`12m`) gives itself.
package enum BudgetRange {
    /// `need`: what `50%` means (the fleet's steady-state need a year); a share needs it.
    package static func parse(_ text: String, steps: Int, need: Pence? = nil) throws -> [Pence] {
        guard steps >= 1 else { throw UserError("a frontier needs at least 1 step, not \(steps)") }
        let parts = text.components(separatedBy: "..")
        guard (1...2).contains(parts.count) else {
            throw UserError("budget range `\(text)`: write LOW..HIGH, e.g. 8m..20m (m = million pounds, k = thousand) or 50%..150%")
        }
        let amounts = try parts.map { part -> Pence in
            let trimmed = part.trimmingCharacters(in: .whitespaces)
            if trimmed.hasSuffix("%") {
                guard let need else { throw UserError("budget range `\(text)`: a share of need needs the register") }
                guard let share = Double(trimmed.dropLast()), share.isFinite, (0...10_000).contains(share) else {
                    throw UserError("budget range `\(text)`: `\(part)` is not a share such as 50%")
                }
                return PlanningPolicy.wholePounds(Double(need.value) * share / 100)
            }
            guard let p = MoneyText.parse(part), p >= .zero else {
                throw UserError("budget range `\(text)`: `\(part)` is not an amount of pounds (e.g. 8m, 750k, 12000000)")
            }
            return p
        }
        guard amounts.count == 2 else { return amounts }
        let (low, high) = (amounts[0], amounts[1])
        guard low <= high else { throw UserError("budget range `\(text)`: the low end is above the high end") }
        if steps == 1 { return [low] }
        return (0..<steps).map { i in
            // In floating point: (high − low) × i can overflow Int64 for amounts a user may type.
            i == steps - 1 ? high
                : Pence(low.value + Int64((Double(high.value - low.value) * Double(i) / Double(steps - 1)).rounded(.down)))
        }
    }
}
