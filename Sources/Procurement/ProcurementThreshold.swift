import CapitalCore

/// The value at or above which a lot must be procured under the full rules of the Procurement Act 2023.
///
/// Since 2021 UK thresholds include VAT, while plan costs (and so lot values) are ex VAT. A threshold therefore says
/// whether its ``amount`` includes VAT, and ``isMet(byExVAT:)`` grosses the lot value up at ``vatBasisPoints``
/// before comparing, in exact integer arithmetic. The Act applies when the estimated value is *not less than* the
/// threshold, so a value exactly at it counts.
///
/// The default, ``nhsGoods2026``, is the central-government figure for supply and services contracts from
/// 1 January 2026 (Procurement Act 2023 (Threshold Amounts) (Amendment) Regulations 2025, PPN 023): NHS trusts and
/// foundation trusts count as central government for thresholds. It is a parameter: a network sets its own.
public struct ProcurementThreshold: Sendable, Equatable, CustomStringConvertible {
    /// The threshold in pence.
    public let amount: Pence
    /// Whether ``amount`` includes VAT (true for every statutory UK threshold since 2021).
    public let includesVAT: Bool
    /// VAT rate used to gross up ex-VAT values, in basis points (2000 = 20%).
    public let vatBasisPoints: Int64

    /// A threshold of `amount`, with or without VAT; VAT at 20% unless `vatBasisPoints` says otherwise.
    public init(amount: Pence, includesVAT: Bool, vatBasisPoints: Int64 = 2000) {
        self.amount = amount
        self.includesVAT = includesVAT
        self.vatBasisPoints = vatBasisPoints
    }

    /// A threshold compared directly with ex-VAT lot values (a network's own internal limit, say).
    public static func exVAT(_ amount: Pence) -> ProcurementThreshold {
        ProcurementThreshold(amount: amount, includesVAT: false)
    }

    /// £135,018 including VAT: supply contracts of central-government authorities (NHS trusts included), from
    /// 1 January 2026.
    public static let nhsGoods2026 = ProcurementThreshold(amount: .pounds(135_018), includesVAT: true)

    /// £139,688 including VAT: the same threshold for procurements begun in 2024 and 2025 (PPN 11/23).
    public static let nhsGoods2024 = ProcurementThreshold(amount: .pounds(139_688), includesVAT: true)

    /// Whether a lot valued at `value` ex VAT is at or above the threshold.
    public func isMet(byExVAT value: Pence) -> Bool {
        guard includesVAT else { return value >= amount }
        // value × (1 + rate) ≥ amount, scaled by 10,000 to stay in integers.
        return value.value * (10_000 + vatBasisPoints) >= amount.value * 10_000
    }

    /// `£135,018.00 inc VAT` or `£150,000.00 ex VAT`.
    public var description: String { "\(amount.formatted) \(includesVAT ? "inc" : "ex") VAT" }
}
