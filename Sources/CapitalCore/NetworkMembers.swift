/// How the network is constituted (NHS England/IPEM commercial guide §3).
public enum NetworkStructure: String, CaseIterable, Sendable, Codable {
    /// Trusts collaborate under agreements; no new body.
    case collaboration, alliance, hosted
    case jointVenture = "joint_venture"
    case communityInterestCompany = "community_interest_company"
    case outsourced
}

/// An imaging network: the trusts that pool imaging services, and when the entity was formed.
public struct Network: Sendable, Codable, Equatable {
    /// The database's id for it.
    public let id: Int64
    /// Its name, unique.
    public let name: String
    /// When it was formed (the date contributions are valued at, unless a share set says otherwise).
    public let formedOn: CalendarDate
    /// How it is constituted.
    public let structure: NetworkStructure
    /// How many member trusts it has.
    public let trustCount: Int

    /// Creates a network from its parts.
    public init(id: Int64, name: String, formedOn: CalendarDate, structure: NetworkStructure, trustCount: Int) {
        self.id = id; self.name = name; self.formedOn = formedOn; self.structure = structure; self.trustCount = trustCount
    }
}

/// A member (owner) trust, identified by its ODS code within its network.
public struct Trust: Sendable, Codable, Equatable {
    /// An NHS trust or a foundation trust (their approval and borrowing rules differ).
    public enum Kind: String, Sendable, Codable { case nhsTrust = "nhs_trust", foundationTrust = "foundation_trust" }
    /// The database's id for it.
    public let id: Int64
    /// Its ODS code (e.g. `RXA`), unique within the network.
    public let odsCode: String
    /// Its name.
    public let name: String
    /// NHS trust or foundation trust.
    public let kind: Kind
    /// How many sites it has.
    public let siteCount: Int
    /// How many assets its register holds (retired ones excluded).
    public let assetCount: Int

    /// Creates a trust from its parts.
    public init(id: Int64, odsCode: String, name: String, kind: Kind, siteCount: Int, assetCount: Int) {
        self.id = id; self.odsCode = odsCode; self.name = name; self.kind = kind; self.siteCount = siteCount
        self.assetCount = assetCount
    }
}

/// A hospital or diagnostic centre of one trust.
public struct Site: Sendable, Codable, Equatable {
    /// The database's id for it.
    public let id: Int64
    /// Its trust's ODS code.
    public let trustCode: String
    /// Its code within the trust (as finance registers write locations).
    public let code: String
    /// Its name (as CMMS exports write it).
    public let name: String

    /// Creates a site from its parts.
    public init(id: Int64, trustCode: String, code: String, name: String) {
        self.id = id; self.trustCode = trustCode; self.code = code; self.name = name
    }
}
