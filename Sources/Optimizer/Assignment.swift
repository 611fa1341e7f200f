import Foundation

/// A complete choice (one option per item) with its exact integer resource loads.
///
/// Rule kept: `load[r]` is always the exact sum of `useAmount` of the chosen options on resource `r`,
/// so ``isFeasible(_:)`` is an exact integer check.
struct Assignment: Sendable {
    /// Global option index chosen for each item.
    var choice: [Int32]
    var load: [Int64]

    init(_ model: CompactModel, choice: [Int32]) {
        self.choice = choice
        var load = [Int64](repeating: 0, count: model.resourceCount)
        for o in choice {
            let o = Int(o)
            for k in model.useStart[o]..<model.useStart[o + 1] {
                load[Int(model.useResource[k])] += model.useAmount[k]
            }
        }
        self.load = load
    }

    /// Sum of the chosen penalties, added in item order (deterministic).
    func objective(_ model: CompactModel) -> Double {
        var total = 0.0
        for o in choice { total += model.penalty[Int(o)] }
        return total
    }

    /// Exact check that no resource is over its limit.
    func isFeasible(_ model: CompactModel) -> Bool {
        for r in 0..<model.resourceCount where load[r] > model.limit[r] { return false }
        return true
    }

    /// Moves item `item` to option `option`, updating the loads.
    mutating func move(_ model: CompactModel, item: Int, to option: Int) {
        let old = Int(choice[item])
        if old == option { return }
        for k in model.useStart[old]..<model.useStart[old + 1] {
            load[Int(model.useResource[k])] -= model.useAmount[k]
        }
        for k in model.useStart[option]..<model.useStart[option + 1] {
            load[Int(model.useResource[k])] += model.useAmount[k]
        }
        choice[item] = Int32(option)
    }

    /// True when moving `item` to `option` keeps every resource that `option` uses within its limit
    /// (resources only the old option uses can only get lighter).
    func canMove(_ model: CompactModel, item: Int, to option: Int) -> Bool {
        let old = Int(choice[item])
        for k in model.useStart[option]..<model.useStart[option + 1] {
            let r = Int(model.useResource[k])
            let after = load[r] - model.use(of: old, on: r) + model.useAmount[k]
            if after > model.limit[r] { return false }
        }
        return true
    }

    /// True when every resource that `option` uses is within its limit under the current loads.
    func withinLimits(_ model: CompactModel, option: Int) -> Bool {
        for k in model.useStart[option]..<model.useStart[option + 1] {
            let r = Int(model.useResource[k])
            if load[r] > model.limit[r] { return false }
        }
        return true
    }

    /// Total overload, each resource's excess divided by its scale.
    func scaledExcess(_ model: CompactModel) -> Double {
        var total = 0.0
        for r in 0..<model.resourceCount where load[r] > model.limit[r] {
            total += Double(load[r] - model.limit[r]) / model.scale[r]
        }
        return total
    }
}
