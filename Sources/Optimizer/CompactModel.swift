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

        var rows = OptionRows()
        var maxUse = [Int64](repeating: 0, count: resourceCount)
        var itemsOfResource = [[Int32]](repeating: [], count: resourceCount)
        var integral = true
        for (i, item) in model.items.enumerated() {
            for option in item.options {
                if option.penalty != option.penalty.rounded() || abs(option.penalty) > 1e15 { integral = false }
                // Sorted by resource index: dictionary order is not deterministic.
                let uses = option.uses.compactMap { key, amount -> (Int, Int64)? in
                    amount == 0 ? nil : (resourceIndex[key]!, amount)
                }.sorted { $0.0 < $1.0 }
                for (r, amount) in uses {
                    rows.use(Int32(r), amount)
                    maxUse[r] = max(maxUse[r], amount)
                    if itemsOfResource[r].last != Int32(i) { itemsOfResource[r].append(Int32(i)) }
                }
                rows.endOption(item: Int32(i), penalty: option.penalty)
            }
            rows.endItem()
        }
        (optionStart, optionItem, penalty, useStart, useResource, useAmount) = rows.arrays
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
        var rows = OptionRows()
        var useScaled: [Double] = []
        var count = 0
        for i in Swift.stride(from: 0, to: full.itemCount, by: stride) {
            for o in full.optionStart[i]..<full.optionStart[i + 1] {
                for k in full.useStart[o]..<full.useStart[o + 1] {
                    rows.use(full.useResource[k], full.useAmount[k])
                    useScaled.append(full.useScaled[k])
                }
                rows.endOption(item: Int32(count), penalty: full.penalty[o])
            }
            rows.endItem()
            count += 1
        }
        let fraction = Double(count) / Double(max(1, full.itemCount))
        itemCount = count
        resourceCount = full.resourceCount
        (optionStart, optionItem, penalty, useStart, useResource, useAmount) = rows.arrays
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

/// The options and their uses in compressed rows, as both of ``CompactModel``'s initialisers build them: an item's
/// options are added one by one (each after its uses), then the item is closed.
private struct OptionRows {
    var optionStart = [0], optionItem: [Int32] = [], penalty: [Double] = []
    var useStart = [0], useResource: [Int32] = [], useAmount: [Int64] = []

    /// Adds a use of `amount` of resource `resource` to the option being built.
    mutating func use(_ resource: Int32, _ amount: Int64) {
        useResource.append(resource)
        useAmount.append(amount)
    }

    /// Closes the option being built: it belongs to `item` and costs `penalty`.
    mutating func endOption(item: Int32, penalty value: Double) {
        optionItem.append(item)
        penalty.append(value)
        useStart.append(useResource.count)
    }

    /// Closes the item being built: its options are those added since the last item was closed.
    mutating func endItem() { optionStart.append(penalty.count) }

    /// The six arrays, in ``CompactModel``'s order.
    var arrays: ([Int], [Int32], [Double], [Int], [Int32], [Int64]) {
        (optionStart, optionItem, penalty, useStart, useResource, useAmount)
    }
}
