import CapitalCore
import Foundation

/// How an asset's value at the valuation date was arrived at.
public enum EquipmentValueBasis: String, Sendable, Codable {
    /// The register's net book value, taken as given.
    case netBookValue = "net_book_value"
    /// Purchase cost depreciated straight-line by days over expected life.
    case depreciated
    /// Disposed: worth nothing to the network.
    case disposed
    /// Neither net book value nor cost and install date: cannot be valued, counted zero.
    case noValueData = "no_value_data"
}

/// One asset's contribution to its trust's imaging-equipment category, with how it was valued.
public struct EquipmentValuation: Sendable, Equatable {
    /// The asset tag.
    public let assetTag: String
    /// The asset's modality.
    public let modality: Modality
    /// How the value was reached.
    public let basis: EquipmentValueBasis
    /// The value at the valuation date, in pence; never negative.
    public let value: Pence
}

/// Values register assets at a date: net book value where present, else straight-line depreciation.
///
/// The convention, fixed so results can be checked by hand: value = cost × max(0, 1 − d / (L × 365.25)),
/// where d is whole days from install date to valuation date (0 if installed later) and L the expected
/// life in years. It is computed exactly as the fraction cost × (36525·L − 100·d) / (36525·L) and rounded
/// to the penny once per asset, half away from zero. Never below zero; a disposed asset counts zero;
/// negative register figures are treated as zero.
public enum EquipmentValuer {
    /// The value of `holding` at `asOf`: zero if disposed, else its net book value, else depreciated cost, else zero (`noValueData`).
    public static func value(_ holding: EquipmentHolding, asOf: CalendarDate) -> EquipmentValuation {
        func result(_ basis: EquipmentValueBasis, _ value: Pence) -> EquipmentValuation {
            EquipmentValuation(assetTag: holding.assetTag, modality: holding.modality, basis: basis,
                               value: max(value, .zero))
        }
        if holding.status == .disposed { return result(.disposed, .zero) }
        if let nbv = holding.netBookValue { return result(.netBookValue, nbv) }
        guard let cost = holding.purchaseCost, let installed = holding.installDate else {
            return result(.noValueData, .zero)
        }
        return result(.depreciated, depreciated(cost: cost, installed: installed,
                                                lifeYears: holding.expectedLifeYears, asOf: asOf))
    }

    /// Straight-line depreciated value of `cost` at `asOf` (see the type's convention).
    public static func depreciated(cost: Pence, installed: CalendarDate, lifeYears: Int, asOf: CalendarDate) -> Pence {
        guard cost > .zero else { return .zero }
        guard lifeYears > 0 else { return .zero }
        let days = max(0, installed.days(to: asOf))
        let denominator = Decimal(lifeYears) * 36525
        let remaining = max(Decimal(0), denominator - Decimal(days) * 100)
        return Pence(rounding: cost.decimalPounds * remaining / denominator)
    }
}
