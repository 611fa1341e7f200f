import CapitalCore

/// The network's service agreement as the guidance asks the owner trusts to set it at formation (NHS England/IPEM
/// 2021 §3, §5.3): formation date, legal structure, each owner trust's initial contract period, the minimum notice
/// to leave, the entity's predicted lifespan, the call-approval threshold and, for a hosted network, the host trust.
///
/// Defaults are the guidance's figures: a seven-year initial contract period ("considered the minimum") and 12
/// months' notice ("a 12-month notice period would be appropriate"). Every change is a new version (the store keeps them all).
public struct NetworkAgreement: Sendable, Equatable, Codable {
    /// The guidance's initial contract period, in years.
    public static let defaultInitialContractYears = 7
    /// The guidance's minimum notice, in months.
    public static let defaultMinimumNoticeMonths = 12

    /// When the entity was formed: the valuation date and the start of every owner trust's initial contract.
    public var formedOn: CalendarDate
    /// How the network is constituted.
    public var structure: NetworkStructure
    /// Calls above this need the owner trusts' approval; nil: none agreed (they approve every call).
    public var callApprovalThreshold: Pence?
    /// Each owner trust's exclusive initial contract, in years from formation (7 by default).
    public var initialContractYears: Int
    /// The minimum notice to leave, in calendar months (12 by default).
    public var minimumNoticeMonths: Int
    /// The entity's predicted lifespan in years, as agreed at formation; nil: not agreed.
    public var lifespanYears: Int?
    /// A hosted network's host trust (ODS code): it raises capital and contracts for the network.
    public var hostTrust: String?

    /// An agreement from its parts; the guidance's defaults where not given.
    public init(formedOn: CalendarDate, structure: NetworkStructure = .collaboration, callApprovalThreshold: Pence? = nil,
                initialContractYears: Int = defaultInitialContractYears, minimumNoticeMonths: Int = defaultMinimumNoticeMonths,
                lifespanYears: Int? = nil, hostTrust: String? = nil) {
        self.formedOn = formedOn; self.structure = structure; self.callApprovalThreshold = callApprovalThreshold
        self.initialContractYears = initialContractYears; self.minimumNoticeMonths = minimumNoticeMonths
        self.lifespanYears = lifespanYears; self.hostTrust = hostTrust
    }

    /// The day every owner trust's initial contract period ends (formation + the initial contract years).
    public var initialContractEnd: CalendarDate { formedOn.addingClamped(months: 12 * initialContractYears) }

    /// The day the entity's agreed lifespan ends; nil when none is agreed.
    public var lifespanEnd: CalendarDate? { lifespanYears.map { formedOn.addingClamped(months: 12 * $0) } }

    /// Checks the figures are in range; throws a `UserError` naming the field.
    public func validate() throws {
        guard (1...50).contains(initialContractYears) else {
            throw UserError("initial contract period \(initialContractYears) years is outside 1 to 50 (the guidance: seven years is the minimum needed)")
        }
        guard (0...120).contains(minimumNoticeMonths) else {
            throw UserError("minimum notice \(minimumNoticeMonths) months is outside 0 to 120 (the guidance: 12 months would be appropriate)")
        }
        if let years = lifespanYears, !(1...200).contains(years) {
            throw UserError("predicted lifespan \(years) years is outside 1 to 200")
        }
        if let t = callApprovalThreshold, t < .zero { throw UserError("the approval threshold cannot be negative (\(t.formatted))") }
        if structure != .hosted, let host = hostTrust {
            throw UserError("a host trust (\(host)) is only for a hosted network; this one is \(structure.rawValue)")
        }
    }
}
