import CapitalCore

/// What a store needs and was not given, typed so that a program can react to it and the CLI can say which option
/// supplies it. The description is in the library's terms (no command-line flags).
public enum StoreRequirement: Error, CustomStringConvertible, Sendable, Equatable {
    /// An approval or issue with no name of who approves (the document: "plan", "share set", "call CC-2026-001").
    case approver(of: String)
    /// Issuing a call with no name of who issues it.
    case issuer(of: String)
    /// A call with no purpose.
    case purpose
    /// A call with no business case (every call needs one approved by the management board).
    case businessCase(call: String)
    /// A call above the network's approval threshold (or with none agreed) approved without the owner trusts' approval.
    case ownerApproval(call: String, amount: Pence, threshold: Pence?)
    /// The network has no approved plan in force.
    case approvedPlan(network: String)
    /// The network has no approved share set in force.
    case approvedShareSet(network: String)
    /// A trust code that is not a member of the network.
    case member(trust: String, network: String)
    /// No network exists yet.
    case network
    /// More than one network exists and none was named.
    case networkName(among: [String])
    /// A share set saved without some member trusts (their share would be nil in every call) and not allowed to be.
    case allMembersShared(missing: [String], members: Int)

    /// What is missing, in words.
    public var description: String {
        switch self {
        case .approver(let what): return "say who approves the \(what)"
        case .issuer(let what): return "say who issues the \(what)"
        case .purpose: return "say what the call is for"
        case .businessCase(let call):
            return "call \(call) has no business case: every call needs one approved by the management board"
        case .ownerApproval(let call, let amount, let threshold):
            let why = threshold.map { "is above the network's threshold \($0.formatted)" } ?? "was made with no approval threshold set"
            return "call \(call) (\(amount.formatted)) \(why): it needs the owner trusts' approval under the scheme of delegation"
        case .approvedPlan(let network): return "\(network) has no approved plan"
        case .approvedShareSet(let network): return "\(network) has no approved share set"
        case .member(let trust, let network): return "trust \(trust) is not a member of \(network)"
        case .network: return "no network yet"
        case .networkName(let names): return "there are \(names.count) networks (\(names.joined(separator: ", "))): say which"
        case .allMembersShared(let missing, let members):
            return "the shares leave out \(missing.count) of the network's \(members) member trusts (\(missing.joined(separator: ", "))): "
                + "capital calls would charge them nothing; give every member's contributions, or save a partial set on purpose"
        }
    }
}
