import CapitalCore

/// One unit's equipment-support (maintenance) contract as the register records it.
///
/// Rule kept: anything the register did not say stays nil (no invented end dates or costs); the manufacturer is
/// the register's normalised name ("GE Medical Systems" → "GE HealthCare"), nil when unknown.
public struct MaintenanceContract: Sendable, Equatable {
    public var trust: String
    public var site: String?
    public var tag: String
    public var modality: Modality
    public var manufacturer: String?
    /// Who holds the contract (the manufacturer or a third-party maintainer).
    public var supplier: String?
    public var endDate: CalendarDate?
    /// Annual cost ex VAT.
    public var annualCost: Pence?

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
