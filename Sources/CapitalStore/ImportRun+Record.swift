import CapitalCore
import Foundation
import Postgres
import Register

extension ImportRun {
    // MARK: 4. Rejected rows

    /// Phase 4: rejected rows (--allow-partial), with their raw data and issues, into `asset_reject`.
    func storeRejects() throws {
        if stagedRejects > 0 {
            outcome.rejectsStored = try connection.execute("""
                INSERT INTO asset_reject (batch_id, trust_id, row_number, raw, issues)
                SELECT \(batch), \(trust.id), row_number, raw, issues FROM import_stage_rows WHERE kind = 'r' ORDER BY row_number
                """)
        }
    }

    /// Phase 5, for a batch that is kept: its skipped rows (the first ``ImportReport/keptIssues``, as `--errors` lists
    /// them) into `asset_reject` as kind `skipped`, the reason as the row's one issue, for `capital import rejects`.
    func storeSkips() throws {
        let skips = report.skips
        guard !skips.isEmpty else { return }
        let issues = skips.map { s -> String in
            let r = s.reason
            return StageRow.skipJSON(rule: r.issue?.rule.rawValue ?? r.kind.rawValue, column: r.issue?.column ?? r.column,
                                     value: r.issue?.value ?? r.value, message: r.message)
        }
        try connection.execute("""
            INSERT INTO asset_reject (batch_id, trust_id, row_number, raw, issues, kind)
            SELECT \(batch), \(trust.id), r, '{}', i::jsonb, 'skipped'
            FROM unnest(\(skips.map { Int64($0.row) })::bigint[], \(issues)::text[]) AS s (r, i)
            """)
    }

    // MARK: 5. Recording the batch

    /// Phase 5, when nothing changed: record nothing (a re-import of the same file leaves no trace);
    /// throws ``RegisterStore/Rollback``.
    func rollBackIfUnchanged() throws {
        let identical: Int64? = try connection.queryFirst("""
            SELECT max(id) AS id FROM import_batch WHERE trust_id = \(trust.id) AND sha256 = \(outcome.sha256) AND id <> \(batch)
            """)?.decode("id", as: Int64?.self)
        if outcome.changes == 0 && outcome.sitesCreated.isEmpty && (outcome.rejectsStored == 0 || identical != nil) {
            outcome.identicalToBatch = identical
            outcome.batchID = nil
            if !options.dryRun { outcome.rejectsStored = 0 }
            throw RegisterStore.Rollback(outcome: finish(options.dryRun ? .dryRun : .unchanged))
        }
    }

    /// Phase 5: the batch's counts; the outcome of a loaded import (a dry run throws ``RegisterStore/Rollback``).
    func record() throws -> ImportOutcome {
        let c = connection
        // A big change leaves `asset`'s statistics far from the truth until autovacuum comes round,
        // and the next import's or plan's queries would be planned on them: refresh them now (a
        // sample of the table, committed with the import). Only the table's owner may ANALYZE it: capital_analyze
        // does it as the owner (sql/0045).
        if outcome.added + outcome.updated + outcome.retired >= 10_000 { _ = try c.query("SELECT capital_analyze('asset')") }
        clock.phase("statistics")

        let s = report.summary
        try c.execute("""
            UPDATE import_batch SET sha256 = \(outcome.sha256), rows_read = \(s.rowsRead), rows_loaded = \(staged), rows_rejected = \(s.rejected),
                rows_skipped = \(s.skippedNonImaging + s.skippedUnrecognised + s.skippedExactDuplicates),
                added = \(outcome.added), updated = \(outcome.updated), unchanged = \(outcome.unchanged),
                missing = \(outcome.missing), retired = \(outcome.retired), warnings = \(s.warnings),
                sites_created = \(outcome.sitesCreated.count), duplicates = \(outcome.duplicates)
            WHERE id = \(batch)
            """)
        try storeSkips()
        clock.phase("finish")
        if options.dryRun {
            outcome.batchID = nil
            throw RegisterStore.Rollback(outcome: finish(.dryRun))
        }
        return finish(.loaded)
    }
}
