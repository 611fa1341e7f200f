import Foundation

/// The solver's flat, index-based copy of a validated ``OptimizationModel``.
///
/// Options of all items are numbered globally (item `i` owns options `optionStart[i] ..< optionStart[i+1]`);
/// each option's uses are a CSR row (`useStart`, `useResource`, `useAmount`) sorted by resource index.
/// `useScaled`/`limitScaled` divide each resource by `scale[r]` so that multipliers of different resources are
/// comparable in the dual; exact feasibility is always checked with the integer `useAmount`/`limit`.
struct CompactModel: Sendable {
    let itemCount: Int
    let resourceCount: Int
    let optionStart: [Int]
    let optionItem: [Int32]
    let penalty: [Double]
    let useStart: [Int]
    let useResource: [Int32]
    let useAmount: [Int64]
    let useScaled: [Double]
    let limit: [Int64]
    let scale: [Double]
    let limitScaled: [Double]
    /// For each resource, the items that have at least one option using it (CSR).
    let resourceItemStart: [Int]
    let resourceItems: [Int32]
    /// True when every penalty is a whole number, so every objective value is a whole number.
    let integralPenalties: Bool

    var optionCount: Int { penalty.count }

    init(_ model: OptimizationModel) {
        var resourceIndex: [String: Int] = [:]
        for (index, resource) in model.resources.enumerated() { resourceIndex[resource.id] = index }
        let itemCount = model.items.count
        let resourceCount = model.resources.count
        let limit = model.resources.map(\.limit)
        self.itemCount = itemCount
        self.resourceCount = resourceCount
        self.limit = limit

        var optionStart = [0]
        var optionItem: [Int32] = []
        var penalty: [Double] = []
        var useStart = [0]
        var useResource: [Int32] = []
        var useAmount: [Int64] = []
        var maxUse = [Int64](repeating: 0, count: resourceCount)
        var itemsOfResource = [[Int32]](repeating: [], count: resourceCount)
        var integral = true
        for (i, item) in model.items.enumerated() {
            for option in item.options {
                optionItem.append(Int32(i))
                penalty.append(option.penalty)
                if option.penalty != option.penalty.rounded() || abs(option.penalty) > 1e15 { integral = false }
                // Sorted by resource index: dictionary order is not deterministic.
                let uses = option.uses.compactMap { key, amount -> (Int, Int64)? in
                    amount == 0 ? nil : (resourceIndex[key]!, amount)
                }.sorted { $0.0 < $1.0 }
                for (r, amount) in uses {
                    useResource.append(Int32(r))
                    useAmount.append(amount)
                    maxUse[r] = max(maxUse[r], amount)
                    if itemsOfResource[r].last != Int32(i) { itemsOfResource[r].append(Int32(i)) }
                }
                useStart.append(useResource.count)
            }
            optionStart.append(penalty.count)
        }
        self.optionStart = optionStart
        self.optionItem = optionItem
        self.penalty = penalty
        self.useStart = useStart
        self.useResource = useResource
        self.useAmount = useAmount
        self.integralPenalties = integral

        let scale = (0..<resourceCount).map { r in Double(max(limit[r], maxUse[r], 1)) }
        self.scale = scale
        self.limitScaled = (0..<resourceCount).map { Double(limit[$0]) / scale[$0] }
        var useScaled = [Double](repeating: 0, count: useAmount.count)
        for k in 0..<useAmount.count { useScaled[k] = Double(useAmount[k]) / scale[Int(useResource[k])] }
        self.useScaled = useScaled

        var resourceItemStart = [0]
        var resourceItems: [Int32] = []
        for list in itemsOfResource {
            resourceItems.append(contentsOf: list)
            resourceItemStart.append(resourceItems.count)
        }
        self.resourceItemStart = resourceItemStart
        self.resourceItems = resourceItems
    }

    /// A relaxation-only sample of `full`: every `stride`-th item, with the scaled limits shrunk in proportion and the
    /// same scales, so multipliers found on the sample are in the same units as on the full model. Only the fields
    /// used by ``LagrangianRelaxation`` are meaningful (integer limits and the resource→item lists are not).
    init(sampleOf full: CompactModel, stride: Int) {
        var optionStart = [0]
        var optionItem: [Int32] = []
        var penalty: [Double] = []
        var useStart = [0]
        var useResource: [Int32] = []
        var useAmount: [Int64] = []
        var useScaled: [Double] = []
        var count = 0
        for i in Swift.stride(from: 0, to: full.itemCount, by: stride) {
            for o in full.optionStart[i]..<full.optionStart[i + 1] {
                optionItem.append(Int32(count))
                penalty.append(full.penalty[o])
                for k in full.useStart[o]..<full.useStart[o + 1] {
                    useResource.append(full.useResource[k])
                    useAmount.append(full.useAmount[k])
                    useScaled.append(full.useScaled[k])
                }
                useStart.append(useResource.count)
            }
            optionStart.append(penalty.count)
            count += 1
        }
        let fraction = Double(count) / Double(max(1, full.itemCount))
        itemCount = count
        resourceCount = full.resourceCount
        self.optionStart = optionStart
        self.optionItem = optionItem
        self.penalty = penalty
        self.useStart = useStart
        self.useResource = useResource
        self.useAmount = useAmount
        self.useScaled = useScaled
        limit = full.limit
        scale = full.scale
        limitScaled = full.limitScaled.map { $0 * fraction }
        resourceItemStart = [Int](repeating: 0, count: full.resourceCount + 1)
        resourceItems = []
        integralPenalties = full.integralPenalties
    }

    /// The integer amount option `o` uses of resource `r` (0 if none).
    func use(of o: Int, on r: Int) -> Int64 {
        for k in useStart[o]..<useStart[o + 1] where Int(useResource[k]) == r { return useAmount[k] }
        return 0
    }
}
