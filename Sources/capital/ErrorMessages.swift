import CapitalStore

/// The CLI's words for what the libraries need: the libraries' errors are typed and name no flags; here each is
/// told in terms of the option or command that supplies it.
extension StoreRequirement {
    var cliMessage: String {
        switch self {
        case .approver, .issuer: return "\(self): --by NAME"
        case .purpose: return "\(self): --purpose TEXT"
        case .businessCase: return "\(self); give its reference with --business-case REF"
        case .ownerApproval(_, _, let threshold):
            return "\(self); give its reference with --owner-approval REF"
                + (threshold == nil ? " (or agree a threshold first: `capital calls threshold AMOUNT`)" : "")
        case .approvedPlan: return "\(self): approve one with `capital plan approve ID --by NAME`, or name one with --plan ID"
        case .approvedShareSet:
            return "\(self): approve a share set first (`capital shares compute --save`, then `capital shares approve ID --by NAME`)"
        case .member(let trust, _): return "\(self): add it with `capital trust add \(trust) --name NAME`"
        case .networkName: return "\(self) with --network NAME (or set CAPITAL_NETWORK)"
        case .allMembersShared: return "\(self) with --partial"
        case .network: return "\(self): create one with `capital network create NAME --formed YYYY-MM-DD`"
        }
    }
}
