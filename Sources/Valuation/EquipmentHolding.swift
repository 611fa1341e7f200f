import CapitalCore

/// Where an asset stands in the register; only a disposed asset is worth nothing to the network.
public enum EquipmentStatus: String, Sendable, Codable, CaseIterable {
    case inService = "in_service"
    case standby
    case outOfService = "out_of_service"
    case disposed
}

/// One imaging asset from a trust's register, as the database hands it to the valuation.
///
/// The valuation reads it and never changes it. Its value at a date is the register's net book
/// value where present, otherwise straight-line depreciation of purchase cost over expected life
/// by days, never below zero (see `EquipmentValuer`). A disposed asset counts zero.
public struct EquipmentHolding: Sendable, Equatable {
    /// The code of the trust whose register holds the asset.
    public let trust: String
    /// The asset tag, unique within the trust's register.
    public let assetTag: String
    /// What kind of equipment it is.
    public let modality: Modality
    /// The purchase cost in pence; `nil` when the register has none.
    public let purchaseCost: Pence?
    /// The register's net book value in pence, used as the value when present; `nil` when the register has none.
    public let netBookValue: Pence?
    /// The day it was installed, from which depreciation runs; `nil` when unknown.
    public let installDate: CalendarDate?
    /// Expected life in years, over which cost depreciates to zero.
    public let expectedLifeYears: Int
    /// Whether it is used only by the network; only such assets count unless all equipment is asked for.
    public let exclusiveToNetwork: Bool
    /// Where it stands in the register; a disposed asset is worth zero.
    public let status: EquipmentStatus

    /// Creates a holding from its parts; expected life defaults to the modality's (`Modality.defaultLifeYears`).
    public init(trust: String, assetTag: String, modality: Modality, purchaseCost: Pence? = nil,
                netBookValue: Pence? = nil, installDate: CalendarDate? = nil, expectedLifeYears: Int? = nil,
                exclusiveToNetwork: Bool = false, status: EquipmentStatus = .inService) {
        self.trust = trust
        self.assetTag = assetTag
        self.modality = modality
        self.purchaseCost = purchaseCost
        self.netBookValue = netBookValue
        self.installDate = installDate
        self.expectedLifeYears = expectedLifeYears ?? modality.defaultLifeYears
        self.exclusiveToNetwork = exclusiveToNetwork
        self.status = status
    }
}
