import Foundation

/// Large-neighbourhood search: frees a small group of items, fixes every other item where it is, and re-optimises the
/// group exactly with ``BranchAndBound`` (node-limited) against the capacity the fixed items leave.
///
/// A neighbourhood is a few *focus* resources (chosen by a seeded generator, favouring the fullest ones) and the items
/// whose current option uses them (a seeded sample of at most `maxItems`). Each freed item may take any option that
/// reduced-cost fixing has not removed and that fits, on its own, the room left on the resources outside the focus
/// (so on a generalized assignment a neighbourhood is "re-assign the jobs of these two or three agents among them and
/// the slack of the others"; on the planner, "re-time these assets within these years' budgets and the room left in
/// the other years").
///
/// Rules kept: the sub-problem's incumbent is the group's current options, and the branch and bound only returns a
/// strictly cheaper one, so a round never worsens the plan; the result is re-checked exactly against the integer
/// limits of the full model before it replaces the plan; with the same seed, rounds and input, the same moves are made.
struct NeighbourhoodSearch {
    let m: CompactModel
    private var rng: SplitMix64
    /// Rounds tried and rounds that found a cheaper plan.
    var rounds = 0
    var improvements = 0
    var nodes = 0

    init(_ m: CompactModel, seed: UInt64) {
        self.m = m
        rng = SplitMix64(seed: seed ^ 0x5DEE_CE66_D1CE_4E5B)
    }

    /// Runs `maxRounds` neighbourhoods (or until the deadline) on `a`, which must be feasible; returns true when `a`
    /// got cheaper. `allowed` masks options out (reduced-cost fixing); `lambda` warm-starts each sub-problem's dual.
    @discardableResult
    mutating func run(_ a: inout Assignment, allowed: [Bool]?, lambda: [Double], deadline: Deadline,
                      maxRounds: Int, focus: Int = 3, maxItems: Int = 40, nodeLimit: Int = 400) -> Bool {
        guard a.isFeasible(m), m.resourceCount > 0, m.itemCount > 1 else { return false }
        var improvedAny = false
        var users = [[Int32]](repeating: [], count: m.resourceCount)
        for _ in 0..<maxRounds {
            if deadline.passed { break }
            rounds += 1
            // Items by the resources their current option uses.
            for r in users.indices { users[r].removeAll(keepingCapacity: true) }
            for i in 0..<m.itemCount {
                let o = Int(a.choice[i])
                for k in m.useStart[o]..<m.useStart[o + 1] { users[Int(m.useResource[k])].append(Int32(i)) }
            }
            var group: [Int] = []
            if m.itemCount <= maxItems {
                // The whole model fits in one neighbourhood: re-optimise it all.
                group = Array(0..<m.itemCount)
            } else if rounds % 2 == 0, let related = relatedItems(maxItems: maxItems) {
                group = related
            } else {
                var seen = Set<Int32>()
                for r in pickFocus(a, users: users, count: focus) {
                    for i in users[r] where seen.insert(i).inserted { group.append(Int(i)) }
                }
                if group.count < 2 { group.append(contentsOf: randomItems(2 + Int(rng.next() % 8), excluding: seen)) }
            }
            // A seeded sample when the group is too large (partial Fisher–Yates), kept in item order.
            if group.count > maxItems {
                for k in 0..<maxItems {
                    let j = k + Int(rng.next() % UInt64(group.count - k))
                    group.swapAt(k, j)
                }
                group = Array(group.prefix(maxItems))
            }
            group.sort()
            if reoptimise(&a, group: group, allowed: allowed, lambda: lambda, deadline: deadline,
                          nodeLimit: nodeLimit) {
                improvements += 1
                improvedAny = true
            }
        }
        return improvedAny
    }

    /// Focus resources: the first by a seeded draw weighted towards full resources (load / limit, squared), the others
    /// at random among the resources that have users (so every pair can meet).
    private mutating func pickFocus(_ a: Assignment, users: [[Int32]], count: Int) -> [Int] {
        let candidates = (0..<m.resourceCount).filter { !users[$0].isEmpty }
        if candidates.isEmpty { return [] }
        var weights: [Double] = candidates.map { r in
            let fill = m.limit[r] > 0 ? Double(a.load[r]) / Double(m.limit[r]) : 1
            return 0.05 + fill * fill
        }
        var chosen: [Int] = []
        let total = weights.reduce(0, +)
        var x = Double(rng.next() >> 11) / Double(1 << 53) * total
        var first = candidates.count - 1
        for (k, w) in weights.enumerated() { x -= w; if x <= 0 { first = k; break } }
        chosen.append(candidates[first])
        weights[first] = 0
        while chosen.count < min(count, candidates.count) {
            let k = Int(rng.next() % UInt64(candidates.count))
            if !chosen.contains(candidates[k]) { chosen.append(candidates[k]) }
        }
        return chosen
    }

    /// A seeded item and the items that share a *narrow* resource with any of its options (one that at most
    /// `maxItems` items can use: on the planner, the assets of one site and modality through its capacities); nil
    /// when there are fewer than three such items (on a generalized assignment every agent is open to every job).
    private mutating func relatedItems(maxItems: Int) -> [Int]? {
        let seed = Int(rng.next() % UInt64(m.itemCount))
        var group = [seed]
        var seen: Set<Int32> = [Int32(seed)]
        for k in m.useStart[m.optionStart[seed]]..<m.useStart[m.optionStart[seed + 1]] {
            let r = Int(m.useResource[k])
            guard m.resourceItemStart[r + 1] - m.resourceItemStart[r] <= maxItems else { continue }
            for q in m.resourceItemStart[r]..<m.resourceItemStart[r + 1] where seen.insert(m.resourceItems[q]).inserted {
                group.append(Int(m.resourceItems[q]))
                if group.count >= maxItems { return group }
            }
        }
        return group.count >= 3 ? group : nil
    }

    private mutating func randomItems(_ count: Int, excluding: Set<Int32>) -> [Int] {
        var out: [Int] = []
        for _ in 0..<count {
            let i = Int(rng.next() % UInt64(m.itemCount))
            if !excluding.contains(Int32(i)) && !out.contains(i) { out.append(i) }
        }
        return out
    }

    /// Solves the group's sub-problem and applies a strictly cheaper answer. Returns true when `a` improved.
    private mutating func reoptimise(_ a: inout Assignment, group: [Int], allowed: [Bool]?,
                                     lambda: [Double], deadline: Deadline, nodeLimit: Int) -> Bool {
        // Room the fixed items leave on every resource.
        var room = m.limit
        for r in 0..<m.resourceCount { room[r] -= a.load[r] }
        for i in group {
            let o = Int(a.choice[i])
            for k in m.useStart[o]..<m.useStart[o + 1] { room[Int(m.useResource[k])] += m.useAmount[k] }
        }
        var options: [[Int]] = []
        var current: [Int32] = []
        var movable = false
        for i in group {
            let now = Int(a.choice[i])
            var list: [Int] = []
            for o in m.optionStart[i]..<m.optionStart[i + 1] {
                if o != now {
                    if let allowed, !allowed[o] { continue }
                    var fits = true
                    for k in m.useStart[o]..<m.useStart[o + 1] where m.useAmount[k] > room[Int(m.useResource[k])] {
                        fits = false
                        break
                    }
                    if !fits { continue }
                    movable = true
                }
                if o == now { current.append(Int32(list.count)) }
                list.append(o)
            }
            options.append(list)
        }
        guard movable else { return false }
        var resources: [Int] = []
        let sub = CompactModel(group: options, of: m, room: room, resources: &resources)
        var subChoice = current
        for (k, c) in current.enumerated() { subChoice[k] = Int32(sub.optionStart[k]) + c }
        let start = Assignment(sub, choice: subChoice)
        guard start.isFeasible(sub) else { return false }
        var tree = BranchAndBound(sub, allowed: [Bool](repeating: true, count: sub.optionCount), incumbent: start)
        tree.run(lambda: resources.map { lambda[$0] }, deadline: deadline, nodeLimit: nodeLimit)
        nodes += tree.nodes
        guard let found = tree.incumbent, found.objective(sub) < start.objective(sub) else { return false }
        var candidate = a
        for (k, i) in group.enumerated() {
            let local = Int(found.choice[k]) - sub.optionStart[k]
            candidate.move(m, item: i, to: options[k][local])
        }
        guard candidate.isFeasible(m), candidate.objective(m) < a.objective(m) else { return false }
        a = candidate
        return true
    }
}

extension CompactModel {
    /// The sub-model of a group of items of `full`: item `k` has the options `options[k]` (global indices of `full`);
    /// its resources are those these options use (`resources[local]` is the index in `full`), each with its scale in
    /// `full` (so `full`'s multipliers apply) and the limit `room[r]` (what the items outside the group leave).
    init(group options: [[Int]], of full: CompactModel, room: [Int64], resources: inout [Int]) {
        var local: [Int32: Int32] = [:]
        resources = []
        var optionStart = [0], optionItem: [Int32] = [], penalty: [Double] = []
        var useStart = [0], useResource: [Int32] = [], useAmount: [Int64] = [], useScaled: [Double] = []
        var itemsOfResource: [[Int32]] = []
        for (k, list) in options.enumerated() {
            for o in list {
                for q in full.useStart[o]..<full.useStart[o + 1] {
                    let global = full.useResource[q]
                    let r: Int32
                    if let known = local[global] { r = known } else {
                        r = Int32(resources.count)
                        local[global] = r
                        resources.append(Int(global))
                        itemsOfResource.append([])
                    }
                    useResource.append(r)
                    useAmount.append(full.useAmount[q])
                    useScaled.append(full.useScaled[q])
                    if itemsOfResource[Int(r)].last != Int32(k) { itemsOfResource[Int(r)].append(Int32(k)) }
                }
                optionItem.append(Int32(k))
                penalty.append(full.penalty[o])
                useStart.append(useResource.count)
            }
            optionStart.append(penalty.count)
        }
        var resourceItemStart = [0], resourceItems: [Int32] = []
        for list in itemsOfResource {
            resourceItems.append(contentsOf: list)
            resourceItemStart.append(resourceItems.count)
        }
        itemCount = options.count
        resourceCount = resources.count
        self.optionStart = optionStart
        self.optionItem = optionItem
        self.penalty = penalty
        self.useStart = useStart
        self.useResource = useResource
        self.useAmount = useAmount
        self.useScaled = useScaled
        limit = resources.map { room[$0] }
        scale = resources.map { full.scale[$0] }
        limitScaled = resources.map { Double(room[$0]) / full.scale[$0] }
        self.resourceItemStart = resourceItemStart
        self.resourceItems = resourceItems
        integralPenalties = full.integralPenalties
    }
}
