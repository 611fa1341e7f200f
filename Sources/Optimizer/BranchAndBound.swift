import Foundation

/// Depth-first branch and bound that proves optimality (or infeasibility) on small models.
///
/// Each node restricts some items to one option (`allowed` masks the others). Its bound is the Lagrangian dual
/// re-optimised by a few subgradient steps warm-started from the parent's multipliers, plus an exact per-resource
/// test (the least possible use of every item must fit). Options whose reduced cost pushes the bound past the
/// incumbent are removed (reduced-cost fixing). Branching takes the item with the largest use of the most
/// overloaded resource in the Lagrangian choice and tries its options by increasing reduced cost.
/// Rule kept: a subtree is pruned only when it provably holds no solution better than the incumbent
/// (by at least 1 when penalties are whole numbers, by a relative 1e-9 otherwise), so when the search finishes
/// before the deadline the incumbent is optimal, or the model is infeasible if there is none.
struct BranchAndBound {
    let m: CompactModel
    let relaxation: LagrangianRelaxation
    var allowed: [Bool]
    var incumbent: Assignment?
    var incumbentObjective: Double
    var nodes = 0
    var iterations = 0
    var timedOut = false
    private var trail: [Int32] = []
    private var minUse: [Int64]

    init(_ m: CompactModel, allowed: [Bool], incumbent: Assignment?) {
        self.m = m
        self.relaxation = LagrangianRelaxation(model: m)
        self.allowed = allowed
        self.incumbent = incumbent
        self.incumbentObjective = incumbent?.objective(m) ?? .infinity
        self.minUse = [Int64](repeating: 0, count: m.resourceCount)
    }

    /// Largest bound value that still leaves room for a strictly better solution.
    private var cutoff: Double {
        if incumbentObjective == .infinity { return .infinity }
        if m.integralPenalties { return incumbentObjective - 1 + 1e-9 }
        return incumbentObjective - 1e-9 * max(1, abs(incumbentObjective))
    }

    mutating func run(lambda: [Double], deadline: Deadline, nodeLimit: Int = .max) {
        search(lambda: lambda, depth: 0, deadline: deadline, nodeLimit: nodeLimit)
    }

    private mutating func search(lambda: [Double], depth: Int, deadline: Deadline, nodeLimit: Int) {
        if timedOut { return }
        if deadline.passed || nodes >= nodeLimit { timedOut = true; return }
        nodes += 1
        if !resourcesCanFit() { return }

        var dual = SubgradientOptimizer(relaxation, lambda: lambda, theta: depth == 0 ? 1.0 : 0.5, patience: 3)
        let steps = depth == 0 ? 200 : 25
        for _ in 0..<steps {
            let upper: Double? = incumbentObjective.isFinite ? incumbentObjective : nil
            dual.step(upperBound: upper, allowed: allowed)
            if dual.bestBound > cutoff || dual.converged { break }
            considerCandidate(dual.choice)
        }
        iterations += dual.iterations
        if dual.bestBound > cutoff { return }

        // Lagrangian choice at the best multipliers, and reduced-cost fixing.
        let (cost, itemMinimum) = relaxation.reducedCosts(dual.bestLambda, allowed: allowed)
        let mark = trail.count
        defer { restore(to: mark) }
        let base = dual.bestBound
        for i in 0..<m.itemCount {
            for o in m.optionStart[i]..<m.optionStart[i + 1] where allowed[o] {
                if base + (cost[o] - itemMinimum[i]) > cutoff { disable(o) }
            }
        }
        var choice = [Int32](repeating: 0, count: m.itemCount)
        for i in 0..<m.itemCount {
            var bestOption = -1
            for o in m.optionStart[i]..<m.optionStart[i + 1] where allowed[o] {
                if bestOption < 0 || cost[o] < cost[bestOption] { bestOption = o }
            }
            if bestOption < 0 { return }
            choice[i] = Int32(bestOption)
        }
        considerCandidate(choice)
        if !resourcesCanFit() { return }

        guard let item = branchingItem(choice) else {
            return  // every item is fixed: the only candidate was considered above
        }
        let options = (m.optionStart[item]..<m.optionStart[item + 1])
            .filter { allowed[$0] }
            .sorted { cost[$0] < cost[$1] || (cost[$0] == cost[$1] && $0 < $1) }
        for o in options {
            let childMark = trail.count
            for other in options where other != o { disable(other) }
            search(lambda: dual.bestLambda, depth: depth + 1, deadline: deadline, nodeLimit: nodeLimit)
            restore(to: childMark)
            if timedOut { return }
            // Later siblings may have been fixed away by a better incumbent.
            disable(o)
        }
    }

    private mutating func considerCandidate(_ choice: [Int32]) {
        let candidate = Assignment(m, choice: choice)
        guard candidate.isFeasible(m) else { return }
        var improved = candidate
        LocalSearch.shiftDescent(m, &improved)
        let value = improved.objective(m)
        if value < incumbentObjective { incumbent = improved; incumbentObjective = value }
    }

    /// Exact necessary condition: each resource must hold the least allowed use of every item.
    private mutating func resourcesCanFit() -> Bool {
        for r in 0..<m.resourceCount { minUse[r] = 0 }
        for i in 0..<m.itemCount {
            let range = m.optionStart[i]..<m.optionStart[i + 1]
            if !range.contains(where: { allowed[$0] }) { return false }
            var seen: [Int] = []
            for k in m.useStart[range.lowerBound]..<m.useStart[range.upperBound] {
                let r = Int(m.useResource[k])
                if seen.contains(r) { continue }
                seen.append(r)
                var least = Int64.max
                for o in range where allowed[o] { least = min(least, m.use(of: o, on: r)) }
                if least == Int64.max { return false }
                minUse[r] += least
                if minUse[r] > m.limit[r] { return false }
            }
        }
        return true
    }

    private func branchingItem(_ choice: [Int32]) -> Int? {
        let a = Assignment(m, choice: choice)
        var worst = -1
        var worstExcess = 0.0
        for r in 0..<m.resourceCount where a.load[r] > m.limit[r] {
            let excess = Double(a.load[r] - m.limit[r]) / m.scale[r]
            if excess > worstExcess { worstExcess = excess; worst = r }
        }
        var bestItem: Int? = nil
        var bestUse: Int64 = -1
        func free(_ i: Int) -> Bool {
            var count = 0
            for o in m.optionStart[i]..<m.optionStart[i + 1] where allowed[o] { count += 1 }
            return count > 1
        }
        if worst >= 0 {
            for k in m.resourceItemStart[worst]..<m.resourceItemStart[worst + 1] {
                let i = Int(m.resourceItems[k])
                let use = m.use(of: Int(choice[i]), on: worst)
                if use > bestUse && free(i) { bestUse = use; bestItem = i }
            }
            if bestItem != nil { return bestItem }
        }
        for i in 0..<m.itemCount where free(i) { return i }
        return nil
    }

    private mutating func disable(_ o: Int) {
        if allowed[o] { allowed[o] = false; trail.append(Int32(o)) }
    }

    private mutating func restore(to mark: Int) {
        while trail.count > mark { allowed[Int(trail.removeLast())] = true }
    }
}
