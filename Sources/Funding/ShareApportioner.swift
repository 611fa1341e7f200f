import CapitalCore
import Foundation

/// Splits an amount of money between trusts by ownership share, to the penny, summing exactly.
///
/// The largest-remainder method: each trust first gets the floor of its exact quota
/// amount × share / Σshares (in 38-digit `Decimal`); the pennies left go one each to the largest
/// remainders. Ties: larger remainder, then larger share, then trust code ascending — so the
/// answer never depends on the order the shares arrived in. Each part is within 1p of its exact
/// quota; a zero share gets nothing; a negative amount (a refund) is split the same way, negated.
public enum ShareApportioner {
    /// Each trust's part, sorted by trust code, summing exactly to `amount`.
    public static func apportion(amount: Pence, shares: [(trust: String, share: Decimal)]) throws -> [(trust: String, amount: Pence)] {
        try apportion(amount: amount, shares: OwnershipShares(shares))
    }

    /// Each trust's part, sorted by trust code, summing exactly to `amount`; throws as `Apportionment.largestRemainder` does.
    public static func apportion(amount: Pence, shares: OwnershipShares) throws -> [(trust: String, amount: Pence)] {
        // OwnershipShares keeps entries sorted by trust code; Apportionment breaks remaining ties by
        // larger weight, then earlier index, which is therefore the trust code ascending.
        let parts = try Apportionment.largestRemainder(total: amount.value, weights: shares.entries.map(\.share))
        return zip(shares.entries, parts).map { (trust: $0.trust, amount: Pence($1)) }
    }
}
