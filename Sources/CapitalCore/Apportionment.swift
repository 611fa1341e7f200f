import Foundation

/// Splits a whole number of units (pence, basis points) in proportion to weights so that the
/// parts sum exactly to the whole: the largest-remainder (Hamilton) method.
///
/// Each part first gets the floor of its exact quota `total × weight / Σweights`; the units left
/// over go one each to the parts with the largest remainders. Ties are broken deterministically:
/// larger weight first, then the earlier key in the order given (callers pass keys sorted, e.g. by
/// trust code, so a tie always falls the same way whatever order the data arrived in).
public enum Apportionment {
    /// Why a set of weights cannot be apportioned between.
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case noWeights
        case negativeWeight(index: Int)
        case zeroTotalWeight
        /// The reason in words, for an error message.
        public var description: String {
            switch self {
            case .noWeights: return "nothing to apportion between: no parts given"
            case .negativeWeight(let i): return "weight \(i + 1) is negative"
            case .zeroTotalWeight: return "the weights add up to zero, so there is no proportion to split by"
            }
        }
    }

    /// Parts of `total` (which may be negative: a refund) in proportion to `weights`.
    /// - Returns: one part per weight, in the same order, summing exactly to `total`.
    public static func largestRemainder(total: Int64, weights: [Decimal]) throws -> [Int64] {
        guard !weights.isEmpty else { throw Failure.noWeights }
        if let bad = weights.firstIndex(where: { $0 < 0 }) { throw Failure.negativeWeight(index: bad) }
        let sum = weights.reduce(Decimal(0), +)
        guard sum > 0 else { throw Failure.zeroTotalWeight }
        let magnitude = Decimal(total.magnitude)
        var floors = [Int64](repeating: 0, count: weights.count)
        var remainders = [Decimal](repeating: 0, count: weights.count)
        for (i, w) in weights.enumerated() {
            // Exact quota in Decimal (38 significant digits): quota = |total| × w / sum.
            let quota = magnitude * w / sum
            var q = quota, f = Decimal()
            NSDecimalRound(&f, &q, 0, .down)
            floors[i] = NSDecimalNumber(decimal: f).int64Value
            remainders[i] = quota - f
        }
        var left = Int64(total.magnitude) - floors.reduce(0, +)
        let order = weights.indices.sorted { a, b in
            if remainders[a] != remainders[b] { return remainders[a] > remainders[b] }
            if weights[a] != weights[b] { return weights[a] > weights[b] }
            return a < b
        }
        var k = 0
        while left > 0 {
            // Decimal division can round the last digit: guard so we never loop forever.
            floors[order[k % order.count]] += 1
            left -= 1
            k += 1
        }
        while left < 0 { // only if Decimal rounding over-counted a floor; take back from smallest remainders
            let i = order[order.count - 1 - (k % order.count)]
            if floors[i] > 0 { floors[i] -= 1; left += 1 }
            k += 1
        }
        return total < 0 ? floors.map { -$0 } : floors
    }

    /// Percentages with `places` decimals that sum to exactly 100 (e.g. 100.00%), from exact shares.
    /// Returned as integer units of 10^-places percent (places 2: 10000 = 100.00%).
    public static func percentUnits(weights: [Decimal], places: Int = 2) throws -> [Int64] {
        var units: Int64 = 100
        for _ in 0..<places { units *= 10 }
        return try largestRemainder(total: units, weights: weights)
    }

    /// Formats integer percent units as text ("12.34").
    public static func formatUnits(_ units: Int64, places: Int = 2) -> String {
        var scale: Int64 = 1
        for _ in 0..<places { scale *= 10 }
        let sign = units < 0 ? "-" : ""
        let m = units.magnitude
        let frac = String(m % UInt64(scale))
        let padded = String(repeating: "0", count: places - frac.count) + frac
        return places == 0 ? "\(sign)\(m)" : "\(sign)\(m / UInt64(scale)).\(padded)"
    }
}
