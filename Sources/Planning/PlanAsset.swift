import CapitalCore

/// One register entry as the planner sees it: a plain value, with no database behind it.
///
/// Rule kept: an asset is identified by its trust and asset tag together (tags are unique per trust, not across the
/// network); ``key`` (`TRUST/TAG`) is the item id the optimiser sees. Disposed assets are ignored by the planner.
public struct PlanAsset: Sendable, Equatable {
    /// Whether the unit is still in the register's installed base.
    public enum Status: String, Sendable, Codable {
        case active, disposed
    }

    /// The trust's ODS code.
    public let trust: String
    /// The site the unit is at.
    public let site: String
    /// The asset tag, unique within the trust.
    public var tag: String
    /// The unit's modality.
    public let modality: Modality
    /// When the unit was installed; its age in a year is the year minus the install year.
    public let installDate: CalendarDate
    /// What the trust paid; used as the price basis when the policy says `price_basis: purchase_cost`.
    public let purchaseCost: Pence?
    /// The asset's own expected life; nil uses the policy's figure for its modality.
    public let expectedLifeYears: Int?
    /// End of manufacturer support; nil when unknown (never counted as ended).
    public let supportEnd: CalendarDate?
    /// Failures recorded in the last twelve months.
    public let failuresLastYear: Int
    /// Hours of downtime in the last twelve months.
    public let downtimeHoursLastYear: Double
    /// The asset's own clinical criticality 1–5; nil uses the policy's figure for its modality.
    public var criticality: Int?
    /// Share of capacity used (0–1); nil when unknown.
    public let utilisation: Double?
    /// The unit's maintenance contract a year (the register's contract cost); nil uses the policy's fraction of the
    /// equipment price.
    public let maintenanceAnnualCost: Pence?
    /// Whether the unit is active; the planner ignores disposed units.
    public var status: Status

    /// Creates a plan asset from its parts; only the identity, modality and install date are required.
    public init(trust: String, site: String, tag: String, modality: Modality, installDate: CalendarDate,
                purchaseCost: Pence? = nil, expectedLifeYears: Int? = nil, supportEnd: CalendarDate? = nil,
                failuresLastYear: Int = 0, downtimeHoursLastYear: Double = 0, criticality: Int? = nil,
                utilisation: Double? = nil, maintenanceAnnualCost: Pence? = nil, status: Status = .active) {
        self.trust = trust
        self.site = site
        self.tag = tag
        self.modality = modality
        self.installDate = installDate
        self.purchaseCost = purchaseCost
        self.expectedLifeYears = expectedLifeYears
        self.supportEnd = supportEnd
        self.failuresLastYear = failuresLastYear
        self.downtimeHoursLastYear = downtimeHoursLastYear
        self.criticality = criticality
        self.utilisation = utilisation
        self.maintenanceAnnualCost = maintenanceAnnualCost
        self.status = status
    }

    /// `TRUST/TAG`: unique across the network.
    public var key: String { "\(trust)/\(tag)" }
}
