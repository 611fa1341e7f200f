import CapitalCore
import Foundation

/// One trust's result under one share method.
public struct TrustShare: Sendable, Equatable {
    public var trust: String
    /// The figure the method divides (nil for a blend, which mixes shares rather than values).
    public var value: Pence?
    /// Exact share, value ÷ total in 38-digit `Decimal` (for a blend, Σ weight × exact share).
    public var share: Decimal
    /// Rounded percent in hundredths (1234 = 12.34%); these sum to exactly 10000 across a set.
    public var percentUnits: Int64
    /// "12.34".
    public var percent: String { Apportionment.formatUnits(percentUnits) }
    /// The exact share as a decimal string.
    public var shareText: String { ShareText.exact(share) }
}

/// The ownership shares of every trust under one method, the rule being that the rounded
/// percentages always add up to exactly 100.00% (largest remainder) while the exact shares are
/// kept alongside so nothing is lost to rounding.
public struct ShareSet: Sendable, Equatable {
    public var method: ShareMethod
    /// Set for a blend: the normalised weights it used.
    public var weights: BlendWeights?
    /// Sorted by trust code.
    public var trusts: [TrustShare]
    /// Σ values (nil for a blend).
    public var total: Pence?

    public func share(of trust: String) -> TrustShare? { trusts.first { $0.trust == trust } }
}

