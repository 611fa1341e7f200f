import CapitalCore
import Foundation

/// One trust's result under one share method.
public struct TrustShare: Sendable, Equatable {
    /// The trust code.
    public let trust: String
    /// The figure the method divides (nil for a blend, which mixes shares rather than values).
    public let value: Pence?
    /// Exact share, value ÷ total in 38-digit `Decimal` (for a blend, Σ weight × exact share).
    public let share: Decimal
    /// Rounded percent in hundredths (1234 = 12.34%); these sum to exactly 10000 across a set.
    public let percentUnits: Int64
    /// "12.34".
    public var percent: String { Apportionment.formatUnits(percentUnits) }
    /// The exact share as a decimal string.
    public var shareText: String { ShareText.exact(share) }
}

/// The ownership shares of every trust under one method, the rule being that the rounded
/// percentages always add up to exactly 100.00% (largest remainder) while the exact shares are
/// kept alongside so nothing is lost to rounding.
public struct ShareSet: Sendable, Equatable {
    /// The method the shares were computed by.
    public let method: ShareMethod
    /// Set for a blend: the normalised weights it used.
    public let weights: BlendWeights?
    /// Sorted by trust code.
    public let trusts: [TrustShare]
    /// Σ values (nil for a blend).
    public let total: Pence?

    /// The result for `trust`, or `nil` if it is not in the set.
    public func share(of trust: String) -> TrustShare? { trusts.first { $0.trust == trust } }
}

