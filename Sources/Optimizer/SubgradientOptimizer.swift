import Foundation

/// Maximises the Lagrangian dual `L(λ)` by a deflected subgradient method with Polyak steps.
///
/// Direction `d = g + ½·d_prev` (projected on `λ ≥ 0`), step `θ·(target − L)/‖d‖²`, where the target is the best
/// known objective (or a guess above `L` when none is known). `θ` halves after `patience` iterations without a
/// better bound, and the search then restarts from the best multipliers. Rule kept: `bestBound` is the largest
/// *safe* value seen, hence a valid lower bound; `bestLambda` are the multipliers that produced it.
struct SubgradientOptimizer {
    let relaxation: LagrangianRelaxation
    var lambda: [Double]
    var bestLambda: [Double]
    var bestBound = -Double.infinity
    var theta: Double
    var patience: Int
    var iterations = 0
    /// The Lagrangian choice at the latest evaluation (one option per item).
    var choice: [Int32]
    private var direction: [Double]
    private var subgradient: [Double]
    private var sinceImprovement = 0

    init(_ relaxation: LagrangianRelaxation, lambda: [Double]? = nil, theta: Double = 2.0, patience: Int = 20) {
        let m = relaxation.model
        self.relaxation = relaxation
        self.lambda = lambda ?? [Double](repeating: 0, count: m.resourceCount)
        self.bestLambda = self.lambda
        self.theta = theta
        self.patience = patience
        self.choice = [Int32](repeating: 0, count: m.itemCount)
        self.direction = [Double](repeating: 0, count: m.resourceCount)
        self.subgradient = [Double](repeating: 0, count: m.resourceCount)
    }

    var converged: Bool { theta < 1e-4 }

    /// One evaluation and one multiplier update. Returns the evaluation at the multipliers used.
    /// `upperBound` is the best known objective, if any. `allowed` masks options out (branch and bound).
    @discardableResult
    mutating func step(upperBound: Double?, allowed: [Bool]? = nil) -> LagrangianRelaxation.Evaluation {
        iterations += 1
        let evaluation = relaxation.evaluate(lambda, allowed: allowed, choice: &choice, subgradient: &subgradient)
        if evaluation.bound == .infinity {
            bestBound = .infinity
            return evaluation
        }
        if bestBound == -.infinity || evaluation.bound > bestBound + 1e-12 * max(1, abs(bestBound)) {
            if evaluation.bound > bestBound { bestBound = evaluation.bound; bestLambda = lambda }
            sinceImprovement = 0
        } else {
            sinceImprovement += 1
            if sinceImprovement >= patience {
                theta *= 0.5
                sinceImprovement = 0
                lambda = bestLambda
                for r in direction.indices { direction[r] = 0 }
                return evaluation
            }
        }
        var norm = 0.0
        for r in lambda.indices {
            var d = subgradient[r] + 0.5 * direction[r]
            if lambda[r] <= 0 && d < 0 { d = 0 }
            direction[r] = d
            norm += d * d
        }
        if norm <= 1e-30 {
            // The relaxed choice is feasible and complementary slackness holds for the active resources.
            theta = 0
            return evaluation
        }
        let target: Double
        if let upperBound, upperBound > evaluation.value {
            target = upperBound
        } else {
            target = evaluation.value + max(0.02 * abs(evaluation.value), 1e-3)
        }
        let t = theta * (target - evaluation.value) / norm
        for r in lambda.indices { lambda[r] = max(0, lambda[r] + t * direction[r]) }
        return evaluation
    }
}
