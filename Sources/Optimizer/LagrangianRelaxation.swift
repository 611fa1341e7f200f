import Foundation

/// The Lagrangian relaxation of the resource limits: with multipliers `λ ≥ 0` (one per resource, in scaled units),
/// every item independently takes the option of least reduced cost `penalty + Σ λ_r · use_r / scale_r`, and
///
///     L(λ) = Σ_items min_option reducedCost − Σ_r λ_r · limit_r / scale_r
///
/// is a lower bound on the optimum for every `λ ≥ 0` (weak duality). Because the item subproblems have the
/// integrality property, `max L(λ)` equals the LP-relaxation bound.
///
/// Rule kept: the returned `bound` never exceeds the exact `L(λ)`: the floating-point sum is lowered by a relative
/// margin (1e-9 of the sum of the absolute values of its terms) that dominates any rounding error.
struct LagrangianRelaxation: Sendable {
    let model: CompactModel

    struct Evaluation {
        /// Safe lower bound (rounding margin subtracted); `+∞` when some item has no allowed option.
        var bound: Double
        /// The unmargined floating-point value of L(λ).
        var value: Double
    }

    /// Evaluates `L(λ)`, writing the minimising option of each item into `choice` and the subgradient
    /// `Σ use/scale of chosen − limit/scale` into `subgradient`. `allowed`, when given, masks options out.
    func evaluate(_ lambda: [Double], allowed: [Bool]? = nil,
                  choice: inout [Int32], subgradient: inout [Double]) -> Evaluation {
        let m = model
        var total = 0.0
        var magnitude = 0.0
        for r in 0..<m.resourceCount {
            subgradient[r] = -m.limitScaled[r]
            total -= lambda[r] * m.limitScaled[r]
            magnitude += abs(lambda[r] * m.limitScaled[r])
        }
        var missing = false
        m.withDualBuffers(lambda) { b, lambda in
        choice.withUnsafeMutableBufferPointer { choice in
        subgradient.withUnsafeMutableBufferPointer { grad in
            for i in 0..<m.itemCount {
                var best = Double.infinity
                var bestOption = -1
                for o in b.optionStart[i]..<b.optionStart[i + 1] {
                    if let allowed, !allowed[o] { continue }
                    let cost = b.reducedCost(o, lambda)
                    if cost < best { best = cost; bestOption = o }
                }
                if bestOption < 0 { missing = true; continue }
                choice[i] = Int32(bestOption)
                total += best
                magnitude += abs(best)
                for k in b.useStart[bestOption]..<b.useStart[bestOption + 1] {
                    grad[Int(b.useResource[k])] += b.useScaled[k]
                }
            }
        }}}
        if missing { return Evaluation(bound: .infinity, value: .infinity) }
        let margin = 1e-9 * magnitude + 1e-12
        return Evaluation(bound: total - margin, value: total)
    }

    /// Reduced cost of every option at `λ` and each item's least reduced cost (masked options get `+∞`).
    func reducedCosts(_ lambda: [Double], allowed: [Bool]? = nil) -> (cost: [Double], itemMinimum: [Double]) {
        let m = model
        var cost = [Double](repeating: .infinity, count: m.optionCount)
        var minimum = [Double](repeating: .infinity, count: m.itemCount)
        for i in 0..<m.itemCount {
            for o in m.optionStart[i]..<m.optionStart[i + 1] {
                if let allowed, !allowed[o] { continue }
                var c = m.penalty[o]
                for k in m.useStart[o]..<m.useStart[o + 1] { c += lambda[Int(m.useResource[k])] * m.useScaled[k] }
                cost[o] = c
                minimum[i] = min(minimum[i], c)
            }
        }
        return (cost, minimum)
    }
}
