import CapitalCore
import Foundation

/// How one capital investment was valued: at current cost (within three months of formation), discounted, or left out.
public struct InvestmentValuation: Sendable, Equatable {
    /// Why an investment is left out of the valuation.
    public enum Exclusion: Sendable, Equatable {
        /// Dated earlier than three months before formation (the window ends the day before `windowStart`).
        case beforeWindow(windowStart: CalendarDate)
        /// Dated after the entity's agreed lifespan ends.
        case beyondLifespan(lifespanEnd: CalendarDate, years: Int)
    }
    /// The investment as given.
    public let investment: Investment
    /// `nil` at current cost; otherwise the factor (1 + rate)^(days / 365.25) the amount was divided by.
    public let discountFactor: Decimal?
    /// Its value at formation, in pence (the amount itself at current cost; zero when excluded).
    public let value: Pence
    /// Set when the investment is left out of the valuation, with the reason.
    public var excluded: Exclusion? = nil

    /// The note a reader sees for an excluded investment, quoting the rule; nil when it counts.
    public func note(formed: CalendarDate) -> String? {
        let what = "investment of \(investment.amount.formatted) dated \(investment.date.iso)"
        switch excluded {
        case nil: return nil
        case .beforeWindow(let start)?:
            return "\(what) is more than three months before formation (\(formed.iso); the window opens \(start.iso)): "
                + "left out (guidance: investments \"committed by potential owner trusts within three months of the creation "
                + "of the new entity will be included\")"
        case .beyondLifespan(let end, let years)?:
            return "\(what) is after the entity's agreed lifespan (\(years) years, to \(end.iso)): left out (guidance: "
                + "\"planned capital expenditure within the predicted lifespan of the new entity as agreed by all parties at its formation\")"
        }
    }
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
    /// Liabilities the trust brings, from the file (for the going-concern method).
    public var liabilities: Pence = .zero
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

    /// Net assets as a going concern: imaging equipment at register book value + working capital − liabilities
    /// (may be negative; the going-concern method then does not apply). Checked when valued, so this cannot trap.
    public var netAssets: Pence { self[.imagingEquipment] + self[.workingCapital] - liabilities }
}

/// Turns a network's contributions and equipment register into valued contributions per trust.
///
/// The rules (domain notes; NHS England/IPEM 2021 §4.1, §5.3): activity at the common price list;
/// staff, executive, land (book value), IT equipment and working capital as given; stranded costs
/// at 12 months' cost (the annual figure); capital investment dated within three calendar months
/// either side of formation at current cost, later ones discounted to formation at
/// (1 + rate)^(days / 365.25), earlier ones and ones after the agreed lifespan left out with a note;
/// imaging equipment from the register (see `EquipmentValuer`): the whole imaging inventory (the
/// guidance's first estimate) unless `exclusiveOnly`, unless the file overrides it. Register rows of
/// trusts not in the file are ignored.
public enum Valuer {
    /// Values every trust in `contributions` at `asOf` (formation by default), with register `equipment`; with
    /// `exclusiveOnly` only assets flagged exclusive to the network count. `lifespanYears` (else the file's) bounds
    /// the investments that count.
    ///
    /// Every sum is checked: figures adding up beyond what `Pence` holds (±£92 quadrillion) are a `UserError`
    /// naming the trust and category, never a trap.
    public static func value(_ contributions: Contributions, equipment: [EquipmentHolding],
                             asOf: CalendarDate? = nil, exclusiveOnly: Bool = false,
                             lifespanYears: Int? = nil) throws -> [TrustValuation] {
        let date = asOf ?? contributions.formed
        let lifespan = lifespanYears ?? contributions.lifespanYears
        let byTrust = Dictionary(grouping: equipment, by: \.trust)
        return try contributions.trusts.map { trust in
            var values: [ValuationCategory: Pence] = [:]
            var notes: [String] = []
            guard let activity = checkedActivityValue(trust.activity, prices: contributions.priceList) else {
                throw UserError("trust \(trust.code): activity × price list is more than £92 quadrillion; check the activity counts and prices")
            }
            values[.activity] = activity
            values[.staff] = trust.staff
            values[.executive] = trust.executive
            values[.land] = trust.land
            let investments = trust.investments.map {
                valueInvestment($0, formed: contributions.formed, rate: contributions.discountRate, lifespanYears: lifespan)
            }
            notes += investments.compactMap { $0.note(formed: contributions.formed) }
            values[.capitalInvestment] = try checkedSum(investments.map(\.value), "trust \(trust.code): capital investments")
            var assets: [EquipmentValuation] = []
            if let override = trust.imagingEquipmentOverride {
                values[.imagingEquipment] = override
                notes.append("imaging equipment taken from the file (\(override.formatted)), not the register")
            } else {
                let holdings = (byTrust[trust.code] ?? [])
                    .filter { !exclusiveOnly || $0.exclusiveToNetwork }
                    .sorted { $0.assetTag < $1.assetTag }
                assets = holdings.map { EquipmentValuer.value($0, asOf: date) }
                for a in assets where a.basis == .noValueData {
                    notes.append("asset \(a.assetTag): no net book value and no cost with install date; counted £0.00")
                }
                values[.imagingEquipment] = try checkedSum(assets.map(\.value), "trust \(trust.code): imaging equipment in the register")
            }
            values[.itEquipment] = trust.itEquipment
            values[.workingCapital] = trust.workingCapital
            values[.strandedCosts] = strandedValue(annualCost: trust.strandedCosts)
            _ = try checkedSum(ValuationCategory.allCases.map { values[$0] ?? .zero }, "trust \(trust.code): contribution value") // `total` is safe
            let (netAssets, o) = (values[.imagingEquipment] ?? .zero).value.addingReportingOverflow((values[.workingCapital] ?? .zero).value)
            if o || netAssets.subtractingReportingOverflow(trust.liabilities.value).overflow {
                throw UserError("trust \(trust.code): net assets (equipment + working capital − liabilities) are beyond £92 quadrillion; check the figures")
            }
            var valuation = TrustValuation(trust: trust.code, values: values, costs: trust.costs,
                                           investments: investments, equipment: assets, notes: notes)
            valuation.liabilities = trust.liabilities
            return valuation
        }
    }

    /// Σ examinations × price. Every modality must be on the price list (the parser checks); a missing one counts zero.
    public static func activityValue(_ activity: [Modality: Int64], prices: [Modality: Pence]) -> Pence {
        activity.keys.sorted().reduce(.zero) { sum, m in sum + (prices[m] ?? .zero) * (activity[m] ?? 0) }
    }

    /// Σ examinations × price, or nil when it is beyond `Pence`'s range.
    public static func checkedActivityValue(_ activity: [Modality: Int64], prices: [Modality: Pence]) -> Pence? {
        var sum: Int64 = 0
        for m in activity.keys.sorted() {
            let (product, o1) = (prices[m] ?? .zero).value.multipliedReportingOverflow(by: activity[m] ?? 0)
            let (next, o2) = sum.addingReportingOverflow(product)
            if o1 || o2 { return nil }
            sum = next
        }
        return Pence(sum)
    }

    /// The sum of `parts`, or a `UserError` saying `what` adds up beyond `Pence`'s range.
    static func checkedSum(_ parts: [Pence], _ what: @autoclosure () -> String) throws -> Pence {
        var sum: Int64 = 0
        for p in parts {
            let (next, overflow) = sum.addingReportingOverflow(p.value)
            if overflow { throw UserError("\(what()) adds up to more than £92 quadrillion; check the figures") }
            sum = next
        }
        return Pence(sum)
    }

    /// Stranded costs are valued at the cost of the 12 months after they become redundant: 12/12 of the annual cost.
    public static func strandedValue(annualCost: Pence) -> Pence { annualCost }

    /// The last date on which an investment still counts at current cost: formation + 3 calendar months.
    public static func currentCostWindowEnd(formed: CalendarDate) -> CalendarDate { formed.addingClamped(months: 3) }

    /// The first date on which an investment counts (at current cost): formation − 3 calendar months.
    public static func currentCostWindowStart(formed: CalendarDate) -> CalendarDate { formed.addingClamped(months: -3) }

    /// Left out (value zero, with the reason) before formation − 3 months or after formation + `lifespanYears`;
    /// at current cost from formation − 3 months to formation + 3 months (both inclusive); afterwards
    /// amount / (1 + rate)^(days / 365.25), days counted from formation, computed in 38-digit `Decimal` and
    /// rounded once to the penny.
    public static func valueInvestment(_ investment: Investment, formed: CalendarDate, rate: Decimal,
                                       lifespanYears: Int? = nil) -> InvestmentValuation {
        let start = currentCostWindowStart(formed: formed)
        if investment.date < start {
            return InvestmentValuation(investment: investment, discountFactor: nil, value: .zero,
                                       excluded: .beforeWindow(windowStart: start))
        }
        if let years = lifespanYears, investment.date > formed.addingClamped(months: 12 * years) {
            return InvestmentValuation(investment: investment, discountFactor: nil, value: .zero,
                                       excluded: .beyondLifespan(lifespanEnd: formed.addingClamped(months: 12 * years), years: years))
        }
        if investment.date <= currentCostWindowEnd(formed: formed) {
            return InvestmentValuation(investment: investment, discountFactor: nil, value: investment.amount)
        }
        let factor = discountFactor(rate: rate, days: formed.days(to: investment.date))
        return InvestmentValuation(investment: investment, discountFactor: factor,
                                   value: Pence(rounding: investment.amount.decimalPounds / factor))
    }

    /// Warnings about how imaging equipment was counted: with `exclusiveOnly`, no register (or only some trusts'
    /// registers) flags any asset exclusive to the network, so those trusts' equipment counts £0.
    public static func equipmentWarnings(_ contributions: Contributions, equipment: [EquipmentHolding], exclusiveOnly: Bool) -> [String] {
        guard exclusiveOnly else { return [] }
        let fromRegister = contributions.trusts.filter { $0.imagingEquipmentOverride == nil }.map(\.code)
        let byTrust = Dictionary(grouping: equipment, by: \.trust)
        let unflagged = fromRegister.filter { code in !(byTrust[code] ?? []).contains { $0.exclusiveToNetwork } }
        guard !unflagged.isEmpty else { return [] }
        if unflagged.count == fromRegister.count {
            return ["warning: --exclusive-only, but no register flags any asset exclusive to the network, so imaging equipment "
                    + "counts £0.00 for every trust; the guidance's first estimate is the whole inventory (leave out --exclusive-only)"]
        }
        return ["warning: --exclusive-only, but the registers of \(unflagged.joined(separator: ", ")) flag no asset exclusive to "
                + "the network, so their imaging equipment counts £0.00 while others' counts; flag their assets or value the whole inventory"]
    }

    /// (1 + rate)^(days / 365.25).
    public static func discountFactor(rate: Decimal, days: Int) -> Decimal {
        DecimalMath.power(1 + rate, Decimal(days * 4) / 1461)
    }
}
