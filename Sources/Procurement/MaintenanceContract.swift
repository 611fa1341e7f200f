import CapitalCore
import Register

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

    /// The contract a register entry records, or nil when it records none (no supplier, end date or cost) or the
    /// unit is disposed.
    public init?(asset: CanonicalAsset) {
        guard asset.status != .disposed,
              asset.contractSupplier != nil || asset.contractEnd != nil || asset.contractAnnualCost != nil else { return nil }
        self.init(trust: asset.trust, site: asset.site, tag: asset.assetTag, modality: asset.modality,
                  manufacturer: asset.manufacturer, supplier: asset.contractSupplier, endDate: asset.contractEnd,
                  annualCost: asset.contractAnnualCost)
    }

    /// `TRUST/TAG`.
    public var key: String { "\(trust)/\(tag)" }
}
