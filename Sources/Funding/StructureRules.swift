import CapitalCore

/// What the legal structure allows, in the guidance's words (NHS England/IPEM 2021 §3 and its table of options).
///
/// Rules kept: a joint venture (an LLP or a limited company) and a community interest company are "only suitable
/// where the parties are NHS foundation trusts", so every owner trust must be a foundation trust; a unit hosted by
/// one trust "cannot ... raise capital other than through the normal channels of the host trust", so a hosted
/// network names its host, a member, before capital is called.
public enum StructureRules {
    /// The guidance's words for the foundation-trust-only structures.
    public static func foundationOnlyRule(_ structure: NetworkStructure) -> String? {
        switch structure {
        case .jointVenture:
            return "a joint venture (LLP or limited company) \"would only be suitable where the parties to the joint venture are NHS foundation trusts\" (NHS England/IPEM 2021 §3.4-3.5)"
        case .communityInterestCompany:
            return "a community interest company \"would only be suitable where the parties forming the CIC are NHS foundation trusts\" (NHS England/IPEM 2021 §3.6)"
        default: return nil
        }
    }

    /// Refuses an owner trust the structure does not allow: an NHS trust (not a foundation trust) in a joint venture or CIC.
    public static func checkOwner(code: String, kind: Trust.Kind, structure: NetworkStructure) throws {
        guard kind == .nhsTrust, let rule = foundationOnlyRule(structure) else { return }
        throw UserError("trust \(code) is an NHS trust, not a foundation trust, so it cannot be an owner of this \(structure.rawValue) network: \(rule). "
                        + "An NHS trust may instead contract with the entity as a customer")
    }

    /// Refuses owners the structure does not allow, naming every one.
    public static func checkOwners(_ owners: [(code: String, kind: Trust.Kind)], structure: NetworkStructure) throws {
        guard let rule = foundationOnlyRule(structure) else { return }
        let refused = owners.filter { $0.kind == .nhsTrust }.map(\.code).sorted()
        guard !refused.isEmpty else { return }
        throw UserError("\(refused.joined(separator: ", ")) \(refused.count == 1 ? "is an NHS trust, not a foundation trust" : "are NHS trusts, not foundation trusts"), "
                        + "so cannot own shares of this \(structure.rawValue) network: \(rule)")
    }

    /// The rule for a hosted network's capital: its host must be named and be a member before capital is called.
    public static let hostedRule = "a hosted unit \"cannot enter into long-term contracts or raise capital other than through the normal channels of the host trust\" (NHS England/IPEM 2021 §3.3)"

    /// For a hosted network, the host trust capital is raised through; throws when none is named or it is not a member.
    /// Nil for any other structure.
    public static func capitalRaisedThrough(_ agreement: NetworkAgreement, members: Set<String>) throws -> String? {
        guard agreement.structure == .hosted else { return nil }
        guard let host = agreement.hostTrust else {
            throw UserError("this network is hosted but names no host trust: \(hostedRule); set one with `capital network agreement set --host CODE`")
        }
        guard members.contains(host) else {
            throw UserError("host trust \(host) is not a member of the network: \(hostedRule)")
        }
        return host
    }
}
