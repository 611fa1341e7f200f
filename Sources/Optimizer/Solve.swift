import Foundation

/// Chooses one option per item so that every resource stays within its limit, minimising the total penalty,
/// and certifies the answer with a lower bound.
///
/// Method: exact infeasibility checks; Lagrangian relaxation of the resource limits maximised by subgradient steps
/// (the bound, close to the LP bound) with a Lagrangian heuristic (repair of the relaxed choice by reduced cost, then
/// shift descent); reduced-cost fixing; a tabu search with strategic oscillation (small and medium models) or pair
/// moves (large models); large-neighbourhood search that re-optimises small groups of items exactly with the branch
/// and bound (``NeighbourhoodSearch``); and a depth-first branch and bound that proves optimality on small models.
///
/// Rules kept: the returned plan is re-checked exactly against every integer limit before it is returned; the bound
/// never exceeds the optimum; `optimal` and `infeasible` are reported only when proven (see ``SolveResult``).
public func solve(_ model: OptimizationModel, options: SolverOptions = SolverOptions()) -> SolveResult {
    let deadline = Deadline(seconds: options.timeLimit)
    do {
        try model.validate()
    } catch {
        return SolveResult(status: .unknown, seconds: deadline.elapsed, reason: "invalid model: \(error)")
    }
    let compact = CompactModel(model)
    if let reason = InfeasibilityCheck.reason(model, compact) {
        return SolveResult(status: .infeasible, seconds: deadline.elapsed, reason: reason)
    }
    var engine = SolverEngine(compact, options: options, deadline: deadline)
    if let warm = options.warmStart {
        var choice: [Int32] = []
        choice.reserveCapacity(model.items.count)
        for (i, item) in model.items.enumerated() {
            let label = warm[item.id] ?? "none"
            let k = item.options.firstIndex { $0.label == label } ?? item.options.firstIndex { $0.label == "none" } ?? 0
            choice.append(Int32(compact.optionStart[i] + k))
        }
        engine.consider(Assignment(compact, choice: choice))
    }
    engine.run()
    return engine.result(for: model)
}
