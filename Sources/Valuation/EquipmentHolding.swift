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
    public var trust: String
    public var assetTag: String
    public var modality: Modality
    public var purchaseCost: Pence?
    public var netBookValue: Pence?
    public var installDate: CalendarDate?
    public var expectedLifeYears: Int
    public var exclusiveToNetwork: Bool
    public var status: EquipmentStatus

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
