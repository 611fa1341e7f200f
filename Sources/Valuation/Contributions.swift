import CapitalCore
import Foundation

/// What one trust puts into the network at formation, as read from the contributions file.
///
/// Every amount is whole pence and never negative; a field the file leaves out is zero. The
/// figures are inputs, not values: `Valuer` turns them into valued categories (discounting
/// later investments, depreciating equipment) so that the file stays what finance leads agreed.
public struct TrustContribution: Sendable, Equatable {
    /// The trust code (e.g. "RAA").
    public let code: String
    /// Examinations a year by modality, valued at the common price list.
    public var activity: [Modality: Int64]
    /// Key imaging delivery staff, at their full-year cost, in pence.
    public var staff: Pence
    /// Key executive management staff, in pence.
    public var executive: Pence
    /// Land and assets for the network's exclusive use, at book value, in pence.
    public var land: Pence
    /// Capital investments committed, each with its date.
    public var investments: [Investment]
    /// IT equipment contributed, in pence.
    public var itEquipment: Pence
    /// Working capital contributed, in pence.
    public var workingCapital: Pence
    /// The annual cost of what becomes redundant; valued at 12 months, i.e. this annual figure.
    public var strandedCosts: Pence
    /// The trust's imaging cost base, for the pay, non-pay and operating methods.
    public var costs: CostBase
    /// When given, used instead of the register value of the trust's imaging equipment.
    public var imagingEquipmentOverride: Pence?
    /// Liabilities the trust brings (for the going-concern method), in pence.
    public var liabilities: Pence = .zero
    /// The YAML line of the trust's entry, for messages.
    public let line: Int?

    /// Creates a trust's contribution from its parts; every amount defaults to zero.
    public init(code: String, activity: [Modality: Int64] = [:], staff: Pence = 0, executive: Pence = 0,
                land: Pence = 0, investments: [Investment] = [], itEquipment: Pence = 0,
                workingCapital: Pence = 0, strandedCosts: Pence = 0, costs: CostBase = CostBase(),
                imagingEquipmentOverride: Pence? = nil, line: Int? = nil) {
        self.code = code
        self.activity = activity
        self.staff = staff
        self.executive = executive
        self.land = land
        self.investments = investments
        self.itEquipment = itEquipment
        self.workingCapital = workingCapital
        self.strandedCosts = strandedCosts
        self.costs = costs
        self.imagingEquipmentOverride = imagingEquipmentOverride
        self.line = line
    }
}

/// A capital investment a trust commits to the network: an amount on a date.
///
/// Dated within three calendar months either side of formation it counts at current cost; dated later it is
/// discounted back to the formation date at the network's discount rate; dated earlier than three months before
/// formation, or beyond the entity's agreed lifespan, it is left out of the valuation with a note (`Valuer`).
public struct Investment: Sendable, Equatable {
    /// The amount invested, in pence.
    public let amount: Pence
    /// The day the investment is made.
    public let date: CalendarDate
    /// The YAML line of the investment, for messages; `nil` when not read from a file.
    public let line: Int?
    /// Creates an investment from its parts.
    public init(amount: Pence, date: CalendarDate, line: Int? = nil) {
        self.amount = amount
        self.date = date
        self.line = line
    }
}

/// A trust's imaging cost base for the cost-base share methods: pay, direct non-pay and total operating cost.
///
/// The three are separate methods and are not added together: total operating cost already
/// includes pay and non-pay (plus overheads), so the figures are compared, never summed.
public struct CostBase: Sendable, Equatable {
    /// Imaging pay cost, in pence.
    public var pay: Pence
    /// Imaging direct non-pay cost, in pence.
    public var nonPay: Pence
    /// Total imaging operating cost (pay, non-pay and overheads), in pence.
    public var operating: Pence
    /// Creates a cost base from its parts; each defaults to zero.
    public init(pay: Pence = 0, nonPay: Pence = 0, operating: Pence = 0) {
        self.pay = pay
        self.nonPay = nonPay
        self.operating = operating
    }
}

/// The whole contributions file of one network: formation date, discount rate, common price list, trusts.
///
/// Trusts are kept sorted by code so every output and every tie-break is the same whatever order
/// the file lists them in. Every modality with activity has a price (checked when parsed).
public struct Contributions: Sendable, Equatable {
    /// The network's name, if the file gives one.
    public let network: String?
    /// The network's formation date: the valuation date by default and the date investments are discounted to.
    public let formed: CalendarDate
    /// Annual rate for discounting future capital investment, e.g. 0.035.
    public let discountRate: Decimal
    /// Common test price list: pence per examination, the same for every trust.
    public let priceList: [Modality: Pence]
    /// Each trust's contribution, sorted by trust code.
    public let trusts: [TrustContribution]
    /// The entity's predicted lifespan in years as agreed at formation (`lifespan_years:`); investments dated after
    /// formation + this are left out. `nil`: the file does not say (the network agreement's figure is used when known).
    public var lifespanYears: Int?

    /// Creates a network's contributions from its parts; the trusts are sorted by code.
    public init(network: String? = nil, formed: CalendarDate, discountRate: Decimal,
                priceList: [Modality: Pence], trusts: [TrustContribution], lifespanYears: Int? = nil) {
        self.lifespanYears = lifespanYears
        self.network = network
        self.formed = formed
        self.discountRate = discountRate
        self.priceList = priceList
        self.trusts = trusts.sorted { $0.code < $1.code }
    }
}
