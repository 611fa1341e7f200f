import CapitalCore
import Foundation
import Postgres

extension ImportHistory {
    /// `capital import undo BATCH`: puts the batch's trust's register back exactly as it was before the batch, in
    /// one transaction, with the user's rights (row-level security and the audit trail apply as to any change):
    /// the assets it added are removed, the assets it updated or retired get their prior rows back (from
    /// `asset_prior`, sql/0050), and the sites it created that no asset uses any more are removed. The batch stays,
    /// marked undone, with its rejected rows. Refused, with the reason, when the batch is already undone, when a
    /// later batch of the same trust stands, when an approved plan rests on it, when a saved plan lists an asset
    /// it added, or when it changed assets before capital kept their prior rows.
    public func undo(_ id: Int64) throws -> ImportUndoOutcome {
        let record = try batch(id)
        return try connection.transaction { c in
            guard let b = try c.queryFirst("""
                SELECT trust_id, keeps_prior FROM import_batch WHERE id = \(id) FOR UPDATE
                """) else { throw try notFound(id) }
            let trustID: Int64 = try b.decode("trust_id")
            // No import of the trust runs meanwhile (they hold the same lock for their whole transaction).
            try c.advisoryTransactionLock(RegisterStore.lockBase + trustID) { _ in }
            let refused = "batch \(id) (\(record.file), \(record.trust)) not undone, nothing changed"
            if let at = record.undoneAt {
                throw UserError("\(refused): it was undone already, on \(at.iso) by \(record.undoneBy ?? "?")")
            }
            if let later = try c.queryFirst("""
                SELECT id, file_name FROM import_batch WHERE trust_id = \(trustID) AND id > \(id) AND undone_at IS NULL ORDER BY id LIMIT 1
                """) {
                let laterID: Int64 = try later.decode("id"), file: String = try later.decode("file_name")
                throw UserError("\(refused): batch \(laterID) (\(file)) was imported for \(record.trust) after it; undo that first")
            }
            if let plan = try c.queryFirst("""
                SELECT version, name FROM plan WHERE status = 'approved' AND \(id) = ANY (register_batches) ORDER BY version LIMIT 1
                """) {
                let version: Int = try plan.decode("version"), name: String = try plan.decode("name")
                throw UserError("\(refused): approved plan v\(version) \"\(name)\" rests on it (the register it was made from includes this batch)")
            }
            if let plan = try c.queryFirst("""
                SELECT p.version, p.name, p.status FROM plan p
                WHERE EXISTS (SELECT 1 FROM asset a WHERE a.trust_id = \(trustID) AND a.first_batch_id = \(id)
                                AND (EXISTS (SELECT 1 FROM plan_replacement r WHERE r.plan_id = p.id AND r.asset_id = a.id)
                                     OR EXISTS (SELECT 1 FROM plan_unfunded u WHERE u.plan_id = p.id AND u.asset_id = a.id)))
                ORDER BY p.version LIMIT 1
                """) {
                let version: Int = try plan.decode("version"), name: String = try plan.decode("name"), status: String = try plan.decode("status")
                throw UserError("\(refused): saved plan v\(version) \"\(name)\" (\(status)) lists assets this batch added, which would leave it pointing at nothing")
            }
            if !(try b.decode("keeps_prior", as: Bool.self)) && record.updated + record.retired > 0 {
                throw UserError("\(refused): it updated or retired assets before capital kept their prior values (sql/0050), so they cannot be restored")
            }
            let rewritten: Int = try c.scalar("""
                SELECT count(*)::int FROM finance_record WHERE trust_id = \(trustID) AND batch_id = \(id) AND first_batch_id <> \(id)
                """)
            if rewritten > 0 {
                throw UserError("\(refused): it changed or retired \(rewritten) finance record(s) that earlier batches added, and their prior values are not kept; import the earlier finance register again instead")
            }
            let outcome = try restore(c, batch: id, trustID: trustID, trust: record.trust)
            try c.execute("UPDATE import_batch SET undone_at = now(), undone_by = session_user WHERE id = \(id)")
            return outcome
        }
    }

    /// The restoring statements of ``undo(_:)``, inside its transaction.
    private func restore(_ c: Connection, batch id: Int64, trustID: Int64, trust: String) throws -> ImportUndoOutcome {
        // Every column of asset but its identity, from the prior row's jsonb (so columns added to asset later are restored too).
        let columns: [String] = try c.query("""
            SELECT attname FROM pg_attribute WHERE attrelid = 'asset'::regclass AND attnum > 0 AND NOT attisdropped
              AND attidentity = '' AND attgenerated = '' ORDER BY attnum
            """).map { try $0.decode("attname") }
        let list = columns.map(SQL.quoteIdentifier).joined(separator: ", ")
        let values = columns.map { "p." + SQL.quoteIdentifier($0) }.joined(separator: ", ")
        // The first prior row of each asset (an asset is updated or retired by a batch, not both; the first is the oldest).
        let prior = """
            (SELECT DISTINCT ON (asset_id) asset_id, change, prior FROM asset_prior
             WHERE batch_id = \(id) AND trust_id = \(trustID) ORDER BY asset_id, id) h
            """
        let restored = try c.query(SQL(stringLiteral: """
            WITH back AS (UPDATE asset a SET (\(list)) = (\(values))
                FROM \(prior) CROSS JOIN LATERAL jsonb_populate_record(NULL::asset, h.prior) p
                WHERE a.id = h.asset_id AND a.trust_id = \(trustID)
                RETURNING h.change)
            SELECT count(*) FILTER (WHERE change = 'updated') AS updated, count(*) FILTER (WHERE change = 'retired') AS retired FROM back
            """))
        // A finance batch's records (sql/0055) go with it; a later batch rewriting them was refused above.
        _ = try c.execute("DELETE FROM finance_record WHERE trust_id = \(trustID) AND first_batch_id = \(id)")
        let removed = try c.execute("DELETE FROM asset WHERE trust_id = \(trustID) AND first_batch_id = \(id)")
        // Sites the batch created are those of its trust created in its transaction (now() is the transaction's start).
        let sites = try c.execute("""
            DELETE FROM site s USING import_batch b
            WHERE b.id = \(id) AND s.trust_id = \(trustID) AND s.created_at = b.imported_at
              AND NOT EXISTS (SELECT 1 FROM asset a WHERE a.site_id = s.id)
              AND NOT EXISTS (SELECT 1 FROM finance_record f WHERE f.site_id = s.id)
              AND NOT EXISTS (SELECT 1 FROM site_alias l WHERE l.site_id = s.id)
            """)
        return ImportUndoOutcome(batch: id, trust: trust, removed: removed, sitesRemoved: sites,
                                 restored: try restored.first?.decode("updated") ?? 0, unretired: try restored.first?.decode("retired") ?? 0)
    }
}
