import Foundation

/// Runs the solve phases on a ``CompactModel`` and keeps the incumbent plan and the best proven bound.
///
/// Rules kept: `incumbent` is only replaced by a plan that is feasible by the exact integer check and strictly
/// cheaper; `bound` only ever comes from a safe Lagrangian value or from a finished branch and bound.
struct SolverEngine {
    let m: CompactModel
    let options: SolverOptions
    let deadline: Deadline
    let relaxation: LagrangianRelaxation
    var incumbent: Assignment?
    var incumbentObjective = Double.infinity
    var bound = -Double.infinity
    var multipliers: [Double]
    var iterations = 0
    var nodes = 0
    var provenOptimal = false
    var infeasibleReason: String?
    /// Σ over items of the largest penalty: no feasible plan can cost more.
    let largestObjective: Double

    init(_ m: CompactModel, options: SolverOptions, deadline: Deadline) {
        self.m = m
        self.options = options
        self.deadline = deadline
        self.relaxation = LagrangianRelaxation(model: m)
        self.multipliers = [Double](repeating: 0, count: m.resourceCount)
        var largest = 0.0
        for i in 0..<m.itemCount {
            largest += (m.optionStart[i]..<m.optionStart[i + 1]).map { m.penalty[$0] }.max() ?? 0
        }
        self.largestObjective = largest
    }

    /// True when the incumbent is proven optimal or within the requested gap tolerance.
    var closed: Bool {
        guard incumbent != nil else { return false }
        if provenOptimal || provedByBound { return true }
        return relativeGap <= options.relativeGapTolerance
    }

    /// The bound shows the incumbent is optimal: within 1 for whole-number penalties, within 1e-9 relative otherwise.
    var provedByBound: Bool {
        guard incumbent != nil, bound.isFinite else { return false }
        if m.integralPenalties { return bound.rounded(.up) >= incumbentObjective }
        return bound >= incumbentObjective - 1e-9 * max(1, abs(incumbentObjective))
    }

    var reportedBound: Double {
        if provenOptimal { return incumbentObjective }
        let b = m.integralPenalties ? bound.rounded(.up) : bound
        return incumbent != nil ? min(b, incumbentObjective) : b
    }

    var relativeGap: Double {
        (incumbentObjective - reportedBound) / max(abs(incumbentObjective), 1e-9)
    }

    mutating func consider(_ candidate: Assignment) {
        let exact = Assignment(m, choice: candidate.choice)
        guard exact.isFeasible(m) else { return }
        let value = exact.objective(m)
        if value < incumbentObjective {
            incumbent = exact
            incumbentObjective = value
            if trace { log("new plan \(value) from \(phase)") }
        }
    }

    /// Which phase is running, for the trace (`CAPITAL_SOLVER_TRACE=1` prints every new plan and phase to stderr).
    var phase = "warm start"
    let trace = ProcessInfo.processInfo.environment["CAPITAL_SOLVER_TRACE"] != nil

    func log(_ text: String) {
        FileHandle.standardError.write(Data(String(format: "%7.3f s  bound %.2f  ", deadline.elapsed, bound).utf8
                                            + Data((text + "\n").utf8)))
    }

    mutating func run() {
        if m.optionCount > 20_000 {
            largeRun()
            return
        }
        phase = "dual phase (Lagrangian heuristic)"
        dualPhase(until: options.timeLimit * 0.35, maxIterations: 20_000)
        if trace { log("dual phase done") }
        if infeasibleReason != nil || closed { return }
        let allowed = reducedCostMask()
        let small = m.optionCount <= options.branchAndBoundOptionLimit
        if m.optionCount <= 20_000 {
            // Tabu search and exact neighbourhoods; the exhaustive branch and bound below gets half of the time on
            // models small enough for it to finish, a tenth otherwise (on 20 × 200 assignments it never finished).
            let share = m.optionCount <= 1000 ? 0.5 : (small ? 0.9 : 1.0)
            hybridSearch(allowed: allowed, until: Deadline(seconds: deadline.remaining * share),
                         giveUp: small ? 20_000 + 200 * m.itemCount : Int.max)
            if closed { return }
        } else if var a = incumbent {
            _ = LocalSearch.pairDescent(m, &a, allowed: allowed, deadline: deadline)
            consider(a)
            dualPhase(until: options.timeLimit, maxIterations: .max)
        }
        if small && !closed && !deadline.passed {
            phase = "branch and bound"
            var tree = BranchAndBound(m, allowed: reducedCostMask(), incumbent: incumbent)
            tree.run(lambda: multipliers, deadline: deadline)
            nodes += tree.nodes
            iterations += tree.iterations
            if let found = tree.incumbent { consider(found) }
            if !tree.timedOut {
                if incumbent != nil { provenOptimal = true } else {
                    infeasibleReason = "no combination of options fits every resource limit "
                        + "(proven by exhaustive branch and bound)"
                }
            }
        }
    }

    /// Large models: subgradient ascent with Polyak steps towards the incumbent, and the Lagrangian greedy
    /// (``LargeScaleSolver``) every few iterations, until the gap tolerance is met or the time is up.
    mutating func largeRun() {
        var large = LargeScaleSolver(m, relaxation: relaxation, deadline: deadline)
        var lambda = [Double](repeating: 0, count: m.resourceCount)
        var choice = [Int32](repeating: 0, count: m.itemCount)
        var gradient = [Double](repeating: 0, count: m.resourceCount)
        var nextHeuristic = 1
        var count = 0
        var stepSize = large.initialSteps()
        var previousSign = [Int8](repeating: 0, count: m.resourceCount)
        let growth = 1.2, shrink = 0.5
        // Warm start: Rprop on a sample of about 10,000 items (limits shrunk in proportion) converges the
        // multipliers ten times faster per iteration; the full model then only polishes them.
        let sampleItems = 10_000
        if m.itemCount >= 2 * sampleItems {
            let sample = LagrangianRelaxation(model: CompactModel(sampleOf: m, stride: m.itemCount / sampleItems))
            var sampleChoice = [Int32](repeating: 0, count: sample.model.itemCount)
            var sampleBest = -Double.infinity
            var sampleLambda = lambda
            let sampleUntil = deadline.elapsed + 0.25 * deadline.remaining
            var sampleCount = 0
            // With an iteration limit the warm start is bounded by iterations only, so it does not depend on the clock.
            while sampleCount < 3000 && (options.iterationLimit != nil || deadline.elapsed < sampleUntil) {
                sampleCount += 1
                let e = sample.evaluate(lambda, choice: &sampleChoice, subgradient: &gradient)
                if e.bound > sampleBest { sampleBest = e.bound; sampleLambda = lambda }
                rprop(&lambda, gradient: gradient, step: &stepSize, previous: &previousSign, growth: growth, shrink: shrink)
            }
            lambda = sampleLambda
            for r in stepSize.indices { stepSize[r] *= 0.5; previousSign[r] = 0 }
        }
        // Resources whose every use is the same amount (site capacities: one replacement each) get their
        // multipliers by exact coordinate ascent after every step; the others (budgets) by Rprop, or, when
        // there are such uniform resources, by deflected Polyak steps towards the incumbent (Rprop stalls at
        // the kinks the coordinate steps create: on a 5,000-asset plan it stopped 0.6% below the LP bound,
        // Polyak steps reach it).
        let uniform = LargeScaleSolver.uniformResources(m)
        var byCoordinate = [Bool](repeating: false, count: m.resourceCount)
        for u in uniform { byCoordinate[u.resource] = true }
        let exchangeResources = (0..<m.resourceCount).filter { !byCoordinate[$0] }
        if !uniform.isEmpty { large.coordinateSweep(&lambda, uniform: uniform) }
        var polyak = PolyakSteps(resourceCount: m.resourceCount)
        var lns = NeighbourhoodSearch(m, seed: options.seed)
        // Exact neighbourhoods on the best plan once the prices have settled (counted in iterations: deterministic):
        // after every greedy when the run is for the best plan; after every third when it stops at a gap tolerance,
        // where the bound's progress matters as much (a frontier point at 1% took 15 s instead of 2 s otherwise).
        let lnsFrom = 100
        let lnsEvery = options.relativeGapTolerance > 0 ? 3 : 1
        var greedies = 0
        let trace = ProcessInfo.processInfo.environment["CAPITAL_SOLVER_TRACE"] != nil
        while !deadline.passed && count < (options.iterationLimit ?? .max) {
            count += 1
            let evaluation = relaxation.evaluate(lambda, choice: &choice, subgradient: &gradient)
            if evaluation.bound == .infinity { break }
            if evaluation.bound > bound {
                bound = evaluation.bound
                multipliers = lambda
            }
            if bound > largestObjective + 1e-9 * max(1, abs(largestObjective)) {
                infeasibleReason = "the resource limits cannot all be met: a Lagrangian certificate shows every "
                    + "plan would need more than the limits allow"
                return
            }
            if trace && count % 25 == 0 {
                FileHandle.standardError.write(Data(String(format: "it %5d  %6.2f s  L %.1f  bound %.1f  plan %.1f\n",
                                                           count, deadline.elapsed, evaluation.value, bound,
                                                           incumbentObjective).utf8))
            }
            if closed { break }
            // Iteration-based schedule (not time-based), so the same input gives the same plan. The greedy runs
            // alternately from the best multipliers so far and from the current ones.
            if count >= nextHeuristic {
                nextHeuristic = count + (count < 40 ? 4 : 10)
                let before = incumbentObjective
                phase = "Lagrangian greedy"
                if let plan = large.greedy((count / 10) % 2 == 0 ? multipliers : lambda) { consider(plan) }
                phase = "exchange search"
                // A new best plan gets one-for-many exchanges on the budgets (the greedy's moves are one item at a time).
                if incumbentObjective < before, var a = incumbent {
                    if ExchangeSearch.run(m, &a, resources: exchangeResources, deadline: deadline) { consider(a) }
                }
                greedies += 1
                if count >= lnsFrom, greedies % lnsEvery == 0, var a = incumbent {
                    phase = "neighbourhood search"
                    if lns.run(&a, allowed: nil, lambda: multipliers, deadline: deadline, maxRounds: 10,
                               focus: 2, maxItems: 24, nodeLimit: 100) { consider(a) }
                }
                if closed { break }
            }
            if uniform.isEmpty {
                rprop(&lambda, gradient: gradient, step: &stepSize, previous: &previousSign, growth: growth, shrink: shrink)
            } else {
                polyak.step(&lambda, gradient: gradient, value: evaluation.value, bound: evaluation.bound,
                            target: incumbentObjective, skip: byCoordinate)
                large.coordinateSweep(&lambda, uniform: uniform)
            }
        }
        iterations += count
        if !closed && !deadline.passed, let plan = large.greedy(multipliers) { consider(plan) }
        if incumbent == nil, !deadline.passed, let plan = large.greedy(lambda) { consider(plan) }
        if !closed, var a = incumbent, ExchangeSearch.run(m, &a, resources: exchangeResources, deadline: deadline) {
            consider(a)
        }
    }

    /// Rprop on the dual: per-resource step sizes, grown while the sign of the subgradient persists, shrunk when it
    /// flips; multipliers stay ≥ 0.
    private func rprop(_ lambda: inout [Double], gradient: [Double], step: inout [Double], previous: inout [Int8],
                       growth: Double, shrink: Double) {
        for r in 0..<lambda.count {
            let g = gradient[r]
            if lambda[r] <= 0 && g <= 1e-12 { previous[r] = 0; continue }
            let sign: Int8 = g > 1e-12 ? 1 : (g < -1e-12 ? -1 : 0)
            if sign == 0 { continue }
            if sign == previous[r] { step[r] *= growth } else if previous[r] != 0 { step[r] *= shrink }
            previous[r] = sign
            lambda[r] = max(0, lambda[r] + Double(sign) * step[r])
        }
    }

    /// Deflected subgradient steps of Polyak's length on the multipliers not set by coordinate ascent:
    /// `d = g + 0.3·d_prev` (projected on `λ ≥ 0`), `λ += θ·(target − L)/‖d‖² · d`, with the target the incumbent's
    /// objective (or 2% above `L` before there is one). `θ` halves after 20 steps without a better bound and starts
    /// again at 1 once it is below 0.001, so the search never freezes.
    struct PolyakSteps {
        var theta = 1.0
        var best = -Double.infinity
        var stall = 0
        var direction: [Double]

        init(resourceCount: Int) { direction = [Double](repeating: 0, count: resourceCount) }

        mutating func step(_ lambda: inout [Double], gradient: [Double], value: Double, bound: Double, target: Double,
                           skip: [Bool]) {
            if bound > best + 1e-9 * abs(best) { best = bound; stall = 0 } else {
                stall += 1
                if stall >= 20 { theta *= 0.5; stall = 0; if theta < 1e-3 { theta = 1 } }
            }
            var norm = 0.0
            for r in 0..<lambda.count where !skip[r] {
                var d = gradient[r] + 0.3 * direction[r]
                if lambda[r] <= 0 && d < 0 { d = 0 }
                direction[r] = d
                norm += d * d
            }
            guard norm > 1e-30 else { return }
            let goal = target.isFinite && target > value ? target : value + max(0.02 * abs(value), 1e-3)
            let t = theta * (goal - value) / norm
            for r in 0..<lambda.count where !skip[r] { lambda[r] = max(0, lambda[r] + t * direction[r]) }
        }
    }

    /// Subgradient ascent on the Lagrangian dual with the Lagrangian heuristic, until `until` seconds from the start.
    mutating func dualPhase(until seconds: Double, maxIterations: Int) {
        var dual = SubgradientOptimizer(relaxation, lambda: multipliers)
        var nextHeuristic = 1
        var count = 0
        var heuristicSeconds = 0.0
        let phaseStart = deadline.elapsed
        while count < maxIterations && !dual.converged && deadline.elapsed < seconds {
            count += 1
            let upper: Double? = incumbent != nil ? incumbentObjective : nil
            let lambdaUsed = dual.lambda
            dual.step(upperBound: upper)
            if dual.bestBound > bound { bound = dual.bestBound; multipliers = dual.bestLambda }
            if bound == .infinity || bound > largestObjective + 1e-9 * max(1, abs(largestObjective)) {
                infeasibleReason = "the resource limits cannot all be met: a Lagrangian certificate shows every "
                    + "plan would need more than the limits allow"
                return
            }
            // The heuristic may take at most a quarter of the phase's time (it dominates on large models).
            if count >= nextHeuristic && heuristicSeconds <= 0.25 * (deadline.elapsed - phaseStart) {
                nextHeuristic = count < 20 ? count + 1 : count + 10
                let before = deadline.elapsed
                lagrangianHeuristic(dual.choice, lambda: lambdaUsed)
                heuristicSeconds += deadline.elapsed - before
            }
            if closed { break }
        }
        iterations += count
        lagrangianHeuristic(lagrangianChoice(multipliers), lambda: multipliers)
    }

    /// Repairs the relaxed choice by reduced cost, then improves it by shift descent.
    mutating func lagrangianHeuristic(_ choice: [Int32], lambda: [Double]) {
        var a = Assignment(m, choice: choice)
        let (cost, _) = relaxation.reducedCosts(lambda)
        guard Repair.run(m, &a, cost: cost) else { return }
        LocalSearch.shiftDescent(m, &a)
        consider(a)
    }

    func lagrangianChoice(_ lambda: [Double]) -> [Int32] {
        var choice = [Int32](repeating: 0, count: m.itemCount)
        var gradient = [Double](repeating: 0, count: m.resourceCount)
        _ = relaxation.evaluate(lambda, choice: &choice, subgradient: &gradient)
        return choice
    }

    /// Options that may still appear in a strictly better plan: the others are removed because the bound with the
    /// option forced in, `L + reducedCost − item's least reduced cost`, already reaches the incumbent.
    func reducedCostMask() -> [Bool] {
        var allowed = [Bool](repeating: true, count: m.optionCount)
        guard incumbent != nil, bound.isFinite else { return allowed }
        let cutoff = m.integralPenalties
            ? incumbentObjective - 1 + 1e-9
            : incumbentObjective - 1e-9 * max(1, abs(incumbentObjective))
        let (cost, minimum) = relaxation.reducedCosts(multipliers)
        for i in 0..<m.itemCount {
            for o in m.optionStart[i]..<m.optionStart[i + 1] {
                let slack = 1e-9 * (abs(cost[o]) + abs(minimum[i]) + abs(bound))
                if bound + (cost[o] - minimum[i]) - slack > cutoff { allowed[o] = false }
            }
        }
        return allowed
    }

    func result(for model: OptimizationModel) -> SolveResult {
        let seconds = deadline.elapsed
        if let reason = infeasibleReason {
            return SolveResult(status: .infeasible, seconds: seconds, reason: reason, nodes: nodes,
                               iterations: iterations)
        }
        guard let plan = incumbent else {
            return SolveResult(status: .unknown, bound: bound.isFinite ? reportedBound : nil, seconds: seconds,
                               reason: "no plan within the limits was found in the time allowed, and none was "
                                   + "proven impossible", nodes: nodes, iterations: iterations)
        }
        // Final exact check before anything is returned.
        let check = Assignment(m, choice: plan.choice)
        guard check.isFeasible(m) else {
            return SolveResult(status: .unknown, seconds: seconds, reason: "internal error: the plan found is over a "
                               + "limit and was withheld", nodes: nodes, iterations: iterations)
        }
        var choices: [String: String] = [:]
        for (i, item) in model.items.enumerated() {
            choices[item.id] = item.options[Int(plan.choice[i]) - m.optionStart[i]].label
        }
        let proven = provenOptimal || provedByBound
        let boundValue = bound.isFinite || provenOptimal ? reportedBound : nil
        let gap = boundValue.map { (incumbentObjective - $0) / max(abs(incumbentObjective), 1e-9) }
        return SolveResult(status: proven ? .optimal : .feasible, objective: check.objective(m), bound: boundValue,
                           gap: gap, seconds: seconds, choices: choices, nodes: nodes, iterations: iterations)
    }
}
