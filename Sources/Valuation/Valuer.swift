import CapitalCore
import Foundation

/// How one capital investment was valued: at current cost (within three months of formation) or discounted.
public struct InvestmentValuation: Sendable, Equatable {
    /// The investment as given.
    public let investment: Investment
    /// `nil` at current cost; otherwise the factor (1 + rate)^(days / 365.25) the amount was divided by.
    public let discountFactor: Decimal?
    /// Its value at formation, in pence (the amount itself at current cost).
    public let value: Pence
}

/// One trust's valued contributions: a value per category, their total, and how each was reached.
///
/// `total` is always exactly the sum of the nine category values. The cost base is carried along
/// unchanged for the cost-base share methods. `notes` lists anything a reader should know, such as
/// register assets that could not be valued.
public struct TrustValuation: Sendable, Equatable {
    /// The trust code.
    public let trust: String
    /// The value of each category, in pence; read through the subscript, which gives zero for a missing one.
    public let values: [ValuationCategory: Pence]
    /// The trust's cost base, unchanged from the file.
    public let costs: CostBase
    /// How each capital investment was valued, in file order.
    public let investments: [InvestmentValuation]
    /// How each register asset counted was valued, by asset tag; empty when the file overrides imaging equipment.
    public let equipment: [EquipmentValuation]
    /// Things a reader should know, such as assets that could not be valued.
    public let notes: [String]

    /// The value of `category` in pence; zero when it has none.
    public subscript(category: ValuationCategory) -> Pence { values[category] ?? .zero }

    /// Sum of the nine categories: the trust's value under the contribution method.
    public var total: Pence { ValuationCategory.allCases.reduce(.zero) { $0 + self[$1] } }
}

/// Turns a network's contributions and equipment register into valued contributions per trust.
///
/// The rules (domain notes; NHS England/IPEM 2021 §4.1, §5.3): activity at the common price list;
/// staff, executive, land (book value), IT equipment and working capital as given; stranded costs
/// at 12 months' cost (the annual figure); capital investment dated up to formation + 3 calendar
/// months at current cost, later ones discounted to formation at (1 + rate)^(days / 365.25);
/// imaging equipment from the register (see `EquipmentValuer`), only assets exclusive to the
/// network unless `allEquipment`, unless the file overrides it. Register rows of trusts not in the
/// file are ignored.
public enum Valuer {
    /// Values every trust in `contributions` at `asOf` (formation by default), with register `equipment`; assets not exclusive to the network count only when `allEquipment`.
    public static func value(_ contributions: Contributions, equipment: [EquipmentHolding],
                             asOf: CalendarDate? = nil, allEquipment: Bool = false) -> [TrustValuation] {
        let date = asOf ?? contributions.formed
        let byTrust = Dictionary(grouping: equipment, by: \.trust)
        return contributions.trusts.map { trust in
            var values: [ValuationCategory: Pence] = [:]
            var notes: [String] = []
            values[.activity] = activityValue(trust.activity, prices: contributions.priceList)
            values[.staff] = trust.staff
            values[.executive] = trust.executive
            values[.land] = trust.land
            let investments = trust.investments.map {
                valueInvestment($0, formed: contributions.formed, rate: contributions.discountRate)
            }
            values[.capitalInvestment] = investments.reduce(.zero) { $0 + $1.value }
            var assets: [EquipmentValuation] = []
            if let override = trust.imagingEquipmentOverride {
                values[.imagingEquipment] = override
                notes.append("imaging equipment taken from the file (\(override.formatted)), not the register")
            } else {
                let holdings = (byTrust[trust.code] ?? [])
                    .filter { allEquipment || $0.exclusiveToNetwork }
                    .sorted { $0.assetTag < $1.assetTag }
                assets = holdings.map { EquipmentValuer.value($0, asOf: date) }
                for a in assets where a.basis == .noValueData {
                    notes.append("asset \(a.assetTag): no net book value and no cost with install date; counted £0.00")
                }
                values[.imagingEquipment] = assets.reduce(.zero) { $0 + $1.value }
            }
            values[.itEquipment] = trust.itEquipment
            values[.workingCapital] = trust.workingCapital
            values[.strandedCosts] = strandedValue(annualCost: trust.strandedCosts)
            return TrustValuation(trust: trust.code, values: values, costs: trust.costs,
                                  investments: investments, equipment: assets, notes: notes)
        }
    }

    /// Σ examinations × price. Every modality must be on the price list (the parser checks); a missing one counts zero.
    public static func activityValue(_ activity: [Modality: Int64], prices: [Modality: Pence]) -> Pence {
        activity.keys.sorted().reduce(.zero) { sum, m in sum + (prices[m] ?? .zero) * (activity[m] ?? 0) }
    }

    /// Stranded costs are valued at the cost of the 12 months after they become redundant: 12/12 of the annual cost.
    public static func strandedValue(annualCost: Pence) -> Pence { annualCost }

    /// The last date on which an investment still counts at current cost: formation + 3 calendar months.
    public static func currentCostWindowEnd(formed: CalendarDate) -> CalendarDate { formed.adding(months: 3) }

    /// Current cost up to formation + 3 months (inclusive); afterwards amount / (1 + rate)^(days / 365.25),
    /// days counted from formation, computed in 38-digit `Decimal` and rounded once to the penny.
    public static func valueInvestment(_ investment: Investment, formed: CalendarDate, rate: Decimal) -> InvestmentValuation {
        if investment.date <= currentCostWindowEnd(formed: formed) {
            return InvestmentValuation(investment: investment, discountFactor: nil, value: investment.amount)
        }
        let factor = discountFactor(rate: rate, days: formed.days(to: investment.date))
        return InvestmentValuation(investment: investment, discountFactor: factor,
                                   value: Pence(rounding: investment.amount.decimalPounds / factor))
    }

    /// (1 + rate)^(days / 365.25).
    public static func discountFactor(rate: Decimal, days: Int) -> Decimal {
        DecimalMath.power(1 + rate, Decimal(days * 4) / 1461)
    }
}
