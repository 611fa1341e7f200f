import Foundation

extension SolverEngine {
    /// Small and medium models, after the dual phase: tabu search in slices of iterations, each followed by rounds of
    /// large-neighbourhood search (``NeighbourhoodSearch``) on the best plan; a plan the neighbourhoods improve is
    /// handed back to the tabu search, which continues from it. Reduced-cost fixing is recomputed after every slice
    /// (a cheaper incumbent removes more options from the neighbourhoods).
    ///
    /// Slices and rounds are counted in iterations, so the same seed and input give the same sequence of plans; the
    /// clock only decides how far the sequence gets. Stops at `until`, when the gap closes, or when the tabu search
    /// has gone `giveUp` iterations without a new best plan and a slice of neighbourhoods found nothing either.
    mutating func hybridSearch(allowed initial: [Bool], until phaseDeadline: Deadline, giveUp: Int) {
        let start = incumbent ?? Assignment(m, choice: lagrangianChoice(multipliers))
        var tabu = TabuSearch(m, start: start, allowed: initial, multipliers: multipliers, seed: options.seed)
        var lns = NeighbourhoodSearch(m, seed: options.seed)
        let stopAt = m.integralPenalties ? reportedBound : -Double.infinity
        let slice = max(200, m.itemCount)
        var allowed = initial
        var tabuGaveUp = false
        var lnsSeconds = 0.0
        while !phaseDeadline.passed && !closed {
            if !tabuGaveUp {
                let before = tabu.iterations
                phase = "tabu search"
                tabu.run(deadline: phaseDeadline, maxIterations: slice, stopAt: stopAt, giveUpAfter: giveUp)
                if tabu.bestObjective.isFinite { consider(tabu.best) }
                tabuGaveUp = tabu.iterations - before < slice && !phaseDeadline.passed && tabu.bestObjective > stopAt
                if closed || phaseDeadline.passed { break }
                allowed = reducedCostMask()
            }
            guard var a = incumbent else { if tabuGaveUp { break } else { continue } }
            phase = "neighbourhood search"
            let t0 = deadline.elapsed
            defer { lnsSeconds += deadline.elapsed - t0 }
            let improved = lns.run(&a, allowed: allowed, lambda: multipliers, deadline: phaseDeadline,
                                   maxRounds: max(10, m.resourceCount), focus: 3, maxItems: 40, nodeLimit: 200)
            if improved {
                consider(a)
                tabu.adopt(a)
            } else if tabuGaveUp {
                break
            }
        }
        iterations += tabu.iterations
        nodes += lns.nodes
        if trace { log("hybrid search done: \(tabu.iterations) tabu iterations, \(lns.rounds) neighbourhoods, "
                       + "\(lns.improvements) improved, \(lns.nodes) nodes, \(lnsSeconds) s in neighbourhoods") }
    }
}
