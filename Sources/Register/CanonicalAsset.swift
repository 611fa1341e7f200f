import CapitalCore

/// Whether an asset is working, kept in reserve, broken, or gone. Register words ("Condemned",
/// "in use", "Standby", "Out of Service") map here through the vocabulary's status lists.
public enum AssetStatus: String, Sendable, Codable, CaseIterable {
    case inUse = "in_use"
    case standby = "standby"
    case outOfService = "out_of_service"
    case disposed = "disposed"
}

/// Where an asset's expected life came from: the register itself, the gap between install and planned
/// replacement dates, or the policy default for its modality (`Modality.defaultLifeYears`).
public enum LifeSource: String, Sendable, Codable {
    case register
    case replacementDate = "replacement_date"
    case policyDefault = "policy_default"
}

/// One imaging asset in the network's single, clean register shape, whatever system it came from.
///
/// Every identifier is text exactly as the trust wrote it (after trimming); every date is a real
/// `CalendarDate`; money is integer `Pence`, ex VAT. Anything the register did not say is `nil` rather
/// than invented, except the expected life and criticality, which fall back to the modality's policy
/// defaults and say so (`expectedLifeSource`, `criticalityFromRegister`). The raw row travels with it.
public struct CanonicalAsset: Sendable, Equatable {
    /// The owner trust's code (ODS-like, e.g. `R1A`): asset tags are unique within it.
    public var trust: String
    public var site: String?
    /// The trust's own asset tag (equipment number): required, unique within the trust.
    public var assetTag: String
    public var serial: String?
    /// The manufacturer after alias normalisation ("GE Medical Systems" → "GE HealthCare").
    public var manufacturer: String?
    /// The manufacturer exactly as the register gave it.
    public var manufacturerAsGiven: String?
    public var model: String?
    public var modality: Modality
    public var installDate: CalendarDate?
    /// Purchase cost ex VAT (converted from VAT-inclusive registers using the profile's VAT rate).
    public var purchaseCost: Pence?
    public var netBookValue: Pence?
    public var expectedLifeYears: Int
    public var expectedLifeSource: LifeSource
    public var endOfManufacturerSupport: CalendarDate?
    public var status: AssetStatus
    /// Made exclusively available to the network; `nil` when the register does not say.
    public var exclusiveToNetwork: Bool?
    /// Clinical criticality 1–5.
    public var criticality: Int
    public var criticalityFromRegister: Bool
    public var failuresLastYear: Int?
    public var downtimeHoursLastYear: Int?
    public var contractSupplier: String?
    public var contractEnd: CalendarDate?
    public var contractAnnualCost: Pence?
    public var department: String?
    public var description: String?
    public var disposalDate: CalendarDate?
    /// The file the row came from and its physical row number.
    public var sourceFile: String
    public var sourceRow: Int
    /// The row as read: ordered (header, value) pairs, for a `jsonb` column (`raw.jsonText`).
    public var raw: RawRow
}
