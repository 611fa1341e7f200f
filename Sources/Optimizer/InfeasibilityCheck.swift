import Foundation

/// Quick, exact proofs that a model has no feasible plan, each with a reason a planner can act on.
///
/// Rule kept: a reason is returned only when infeasibility is certain: an item with no options, an item whose every
/// option alone exceeds some limit, or a resource whose limit is below the least that the items must use of it.
enum InfeasibilityCheck {
    static func reason(_ model: OptimizationModel, _ m: CompactModel) -> String? {
        for (i, item) in model.items.enumerated() {
            let range = m.optionStart[i]..<m.optionStart[i + 1]
            if range.isEmpty { return "item \(item.id) has no options" }
            var blocked: [String] = []
            for o in range {
                var blocker: Int? = nil
                for k in m.useStart[o]..<m.useStart[o + 1] where m.useAmount[k] > m.limit[Int(m.useResource[k])] {
                    blocker = Int(m.useResource[k]); break
                }
                guard let r = blocker else { blocked = []; break }
                let label = item.options[o - range.lowerBound].label
                blocked.append("\(label) needs \(m.use(of: o, on: r)) of \(model.resources[r].id) (limit \(m.limit[r]))")
            }
            if !blocked.isEmpty {
                return "item \(item.id): every option alone exceeds a resource limit: " + blocked.joined(separator: "; ")
            }
        }
        var least = [Int64](repeating: 0, count: m.resourceCount)
        for i in 0..<m.itemCount {
            let range = m.optionStart[i]..<m.optionStart[i + 1]
            var touched: [Int] = []
            for k in m.useStart[range.lowerBound]..<m.useStart[range.upperBound] {
                let r = Int(m.useResource[k])
                if !touched.contains(r) { touched.append(r) }
            }
            for r in touched { least[r] += range.map { m.use(of: $0, on: r) }.min() ?? 0 }
        }
        for r in 0..<m.resourceCount where least[r] > m.limit[r] {
            return "resource \(model.resources[r].id): even the least use of every item totals \(least[r]), "
                + "over its limit \(m.limit[r])"
        }
        return nil
    }
}
