import CapitalCore

/// One unit's equipment-support (maintenance) contract as the register records it.
///
/// Rule kept: anything the register did not say stays nil (no invented end dates or costs); the manufacturer is
/// the register's normalised name ("GE Medical Systems" → "GE HealthCare"), nil when unknown.
public struct MaintenanceContract: Sendable, Equatable {
    /// The code of the trust whose unit the contract covers.
    public let trust: String
    /// The unit's site code; `nil` when the register does not say.
    public let site: String?
    /// The unit's asset tag.
    public let tag: String
    /// The unit's modality.
    public let modality: Modality
    /// The unit's manufacturer, normalised; `nil` when unknown.
    public let manufacturer: String?
    /// Who holds the contract (the manufacturer or a third-party maintainer).
    public let supplier: String?
    /// The day the contract ends; `nil` when the register does not say.
    public let endDate: CalendarDate?
    /// Annual cost ex VAT.
    public let annualCost: Pence?

    /// Creates a contract from its parts.
    public init(trust: String, site: String? = nil, tag: String, modality: Modality, manufacturer: String? = nil,
                supplier: String? = nil, endDate: CalendarDate? = nil, annualCost: Pence? = nil) {
        self.trust = trust
        self.site = site
        self.tag = tag
        self.modality = modality
        self.manufacturer = manufacturer
        self.supplier = supplier
        self.endDate = endDate
        self.annualCost = annualCost
    }

    /// `TRUST/TAG`.
    public var key: String { "\(trust)/\(tag)" }
}
