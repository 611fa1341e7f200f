import CapitalCore
import Postgres

/// The one approve-and-supersede step for documents a network keeps in versions (replacement plans, ownership share
/// sets): under the network's lock, the draft becomes approved with the approver's name and time, and the version in
/// force before it is superseded, in one transaction. The database's unique index keeps at most one approved version
/// per network whatever runs concurrently; history is never deleted.
struct VersionApproval {
    /// The table (`plan` or `share_set`): a constant of the store, never input.
    let table: String
    /// The document in words (`plan`, `share set`), for messages.
    let noun: String
    /// The advisory lock's base; the network's id is added.
    let lockBase: Int64

    /// Approves draft `id` of `network` by `approver`; `check` runs inside the transaction before anything changes
    /// (e.g. a plan must have a feasible schedule).
    func approve(id: Int64, by approver: String, network: Network, connection: Connection,
                 check: (Connection) throws -> Void = { _ in }) throws {
        guard !approver.trimmingCharacters(in: .whitespaces).isEmpty else { throw StoreRequirement.approver(of: noun) }
        try connection.transaction { c in
            try c.execute("SELECT pg_advisory_xact_lock(\(lockBase + network.id))")
            guard let row = try c.queryFirst("""
                SELECT version, status FROM \(identifier: table) WHERE id = \(id) AND network_id = \(network.id) FOR UPDATE
                """) else {
                throw UserError("no \(noun) \(id) in \(network.name)")
            }
            let version: Int = try row.decode("version"), status: ApprovalStatus = try row.decode("status")
            guard status == .draft else {
                throw UserError("\(noun) \(id) (version \(version)) is \(status), not a draft: only a draft can be approved")
            }
            try check(c)
            try c.execute("""
                UPDATE \(identifier: table) SET status = 'superseded', superseded_at = now()
                WHERE network_id = \(network.id) AND status = 'approved'
                """)
            try c.execute("""
                UPDATE \(identifier: table) SET status = 'approved', approved_by = \(approver), approved_at = now() WHERE id = \(id)
                """)
        }
    }
}
