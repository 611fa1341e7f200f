import CapitalCore
import Foundation

/// The ownership shares the network funds by: one exact `Decimal` share per trust code.
///
/// Shares need not sum to exactly one (a file may carry 38-digit truncations of 1/3); every use
/// divides by their sum, so they act as proportions. Zero shares are allowed (the trust pays
/// nothing); negative shares, duplicate trusts and an all-zero set are refused.
public struct OwnershipShares: Sendable, Equatable {
    /// Sorted by trust code.
    public let entries: [(trust: String, share: Decimal)]
    /// The share method these came from, if the file said (e.g. "contribution").
    public let method: String?

    /// Shares from (trust code, share) pairs, sorted by trust code; throws a `UserError` for an empty trust code, a trust given twice, a negative share, or no share above zero.
    public init(_ entries: [(trust: String, share: Decimal)], method: String? = nil) throws {
        var seen: Set<String> = []
        for e in entries {
            guard !e.trust.isEmpty else { throw UserError("a share is given for an empty trust code") }
            guard seen.insert(e.trust).inserted else { throw UserError("trust \(e.trust) has two shares; give one") }
            guard e.share >= 0 else { throw UserError("trust \(e.trust) has a negative share (\(e.share))") }
        }
        guard entries.contains(where: { $0.share > 0 }) else {
            throw UserError("no trust has a share above zero, so there is nothing to apportion by")
        }
        self.entries = entries.sorted { $0.trust < $1.trust }
        self.method = method
    }

    /// The trust codes, sorted.
    public var trusts: [String] { entries.map(\.trust) }

    /// The share of `trust` as given (not normalised), or `nil` if it has none.
    public func share(of trust: String) -> Decimal? { entries.first { $0.trust == trust }?.share }

    /// The shares without `leavers`, re-normalised so the remaining ones sum to one.
    public func excluding(_ leavers: Set<String>) throws -> OwnershipShares {
        let kept = entries.filter { !leavers.contains($0.trust) }
        let sum = kept.reduce(Decimal(0)) { $0 + $1.share }
        guard sum > 0 else { throw UserError("no trust with a share above zero remains after \(leavers.sorted().joined(separator: ", ")) left") }
        return try OwnershipShares(kept.map { (trust: $0.trust, share: $0.share / sum) }, method: method)
    }

    /// Equal when the method and every trust and share, in order, are the same.
    public static func == (a: OwnershipShares, b: OwnershipShares) -> Bool {
        a.method == b.method && a.entries.map(\.trust) == b.entries.map(\.trust) && a.entries.map(\.share) == b.entries.map(\.share)
    }
}
