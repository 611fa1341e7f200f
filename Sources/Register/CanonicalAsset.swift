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
    /// The site as the register wrote it (a name in CMMS exports, a code such as `NG01` in finance
    /// registers); nil when not given.
    public var site: String?
    /// The trust's own asset tag (equipment number): required, unique within the trust.
    public var assetTag: String
    /// The manufacturer's serial number as written (finance registers: the word after a marker such as
    /// `S/N` in the description); nil when not given.
    public var serial: String?
    /// The manufacturer after alias normalisation ("GE Medical Systems" → "GE HealthCare").
    public var manufacturer: String?
    /// The manufacturer exactly as the register gave it.
    public var manufacturerAsGiven: String?
    /// The model as written (finance registers: the rest of the description); nil when not given.
    public var model: String?
    /// The imaging modality, recognised by the vocabulary's keywords in the profile's `modality_from` fields.
    public var modality: Modality
    /// The install (in-service) date; nil when not given or unreadable (the row then carries an issue).
    public var installDate: CalendarDate?
    /// Purchase cost ex VAT (converted from VAT-inclusive registers using the profile's VAT rate).
    public var purchaseCost: Pence?
    /// Net book value ex VAT; nil when not given, or when it exceeded the purchase cost (with a warning).
    public var netBookValue: Pence?
    /// Expected life in whole years (1–50): the register's (months converted), else install to planned
    /// replacement, else the modality's policy default; `expectedLifeSource` says which.
    public var expectedLifeYears: Int
    /// Where `expectedLifeYears` came from.
    public var expectedLifeSource: LifeSource
    /// When the manufacturer's support ends; nil when not given, or when it was before the install date
    /// (with a warning).
    public var endOfManufacturerSupport: CalendarDate?
    /// The status from the register's status words: in use when it says nothing (or an unknown word, with
    /// a warning); disposed once the disposal date has passed.
    public var status: AssetStatus
    /// Made exclusively available to the network; `nil` when the register does not say.
    public var exclusiveToNetwork: Bool?
    /// Clinical criticality 1–5.
    public var criticality: Int
    /// Whether `criticality` came from the register (true) or is the modality's default (false).
    public var criticalityFromRegister: Bool
    /// Failures in the last 12 months; nil when not given, not a whole number of zero or more, or implausible.
    public var failuresLastYear: Int?
    /// Downtime in the last 12 months in whole hours (days converted when the profile counts days,
    /// rounded half up); nil when not given, not a number, or implausible (over 9,999,999 hours).
    public var downtimeHoursLastYear: Int?
    /// The maintenance contract's supplier as written; nil when not given.
    public var contractSupplier: String?
    /// When the maintenance contract ends; nil when not given.
    public var contractEnd: CalendarDate?
    /// The maintenance contract's cost per year, ex VAT; nil when not given.
    public var contractAnnualCost: Pence?
    /// The department as written; nil when not given.
    public var department: String?
    /// The register's description, or its modality column's text when it has no description; nil when
    /// neither is given.
    public var description: String?
    /// When the asset is disposed of (one on or before the import's as-of date makes `status` disposed);
    /// nil when not given.
    public var disposalDate: CalendarDate?
    /// The name of the file the row came from.
    public var sourceFile: String
    /// The row's physical row number in that file (a CSV's header is row 1; XLSX rows are the sheet's own).
    public var sourceRow: Int
    /// The row as read: ordered (header, value) pairs, for a `jsonb` column (`raw.jsonText`).
    public var raw: RawRow
}
