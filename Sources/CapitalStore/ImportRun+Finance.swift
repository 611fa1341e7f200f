import CapitalCore
import Foundation
import Postgres
import Register

/// A finance file's records: how the import changed the trust's `finance_record` rows.
public struct FinanceCounts: Sendable, Codable, Equatable {
    /// Finance asset numbers new to the trust; records whose values changed (or that came back from retirement);
    /// records that matched the file exactly.
    public var added = 0, updated = 0, unchanged = 0
    /// The trust's finance records the file does not mention, and how many of them were retired (--retire-missing).
    public var missing = 0, retired = 0
    /// Whether the rows also became the trust's assets (a trust that has never imported a CMMS file).
    public var asAssets = false

    /// Records changed: added, updated or retired.
    public var changes: Int { added + updated + retired }

    /// The import report's line for a finance file.
    var line: String {
        "finance records: \(added) added, \(updated) updated, \(unchanged) unchanged, \(missing) missing"
            + (retired > 0 ? " (\(retired) retired)" : "")
            + (asAssets ? "; the trust has no CMMS import yet, so they are its assets too (docs/reconcile.md)" : "; not assets: `capital reconcile` links them")
            + "\n"
    }
}

extension ImportRun {
    // MARK: Two sources (issue 18)

    /// Which list this file is: `--source`, else the profile's `source:`.
    var sourceKind: SourceKind { options.source ?? source.pipeline.bound.profile.sourceKind }

    /// Records the batch's source kind and puts it in the outcome.
    func markSourceKind() throws {
        outcome.sourceKind = sourceKind
        if sourceKind != .cmms {
            try connection.execute("UPDATE import_batch SET source_kind = \(sourceKind.rawValue) WHERE id = \(batch)")
        }
    }

    /// Whether this file's rows go into `asset`: a CMMS file's always; a finance file's only while the trust has never
    /// imported a CMMS file, so that a trust with only a finance register still has a register (its first CMMS
    /// import then retires them: ``retireFinanceAssets()``).
    func rowsBecomeAssets() throws -> Bool {
        guard sourceKind == .finance else { return true }
        let hasCMMS: Bool = try connection.scalar("""
            SELECT EXISTS (SELECT 1 FROM import_batch WHERE trust_id = \(trust.id) AND source_kind = 'cmms' AND id <> \(batch))
            """)
        outcome.finance?.asAssets = !hasCMMS
        return !hasCMMS
    }

    /// A finance file: its staged rows merged into `finance_record` by (trust, finance asset number), set-based, as
    /// the asset merge does; records the file no longer has are counted, and retired with --retire-missing.
    func keepFinanceRecords() throws {
        let c = connection
        let known = sites.known
        let names = known.map(\.key.text), ids = known.map(\.value)
        var counts = FinanceCounts()
        try c.execute("CREATE TEMP TABLE finance_site_map (site text PRIMARY KEY, site_id bigint NOT NULL) ON COMMIT DROP")
        try c.execute("INSERT INTO finance_site_map SELECT * FROM unnest(\(names)::text[], \(ids)::bigint[])")
        let values = """
            m.site_id, s.site, s.description, s.serial, s.manufacturer, s.model, s.modality, s.department, s.install_date,
            s.purchase_cost, s.net_book_value, s.expected_life_years * 12, s.status
            """
        counts.updated = try c.execute(SQL(stringLiteral: """
            UPDATE finance_record f SET
                (site_id, location, description, serial, manufacturer, model, modality, cost_centre, in_service_date, cost,
                 net_book_value, useful_life_months, status) = (\(values)),
                raw = s.raw, batch_id = \(batch), source_row = s.row_number, retired_at = NULL, updated_at = now()
            FROM import_stage_rows s LEFT JOIN finance_site_map m ON m.site = s.site
            WHERE s.kind = 'a' AND f.trust_id = \(trust.id) AND f.asset_number = s.asset_tag
              AND (f.retired_at IS NOT NULL OR (f.site_id, f.location, f.description, f.serial, f.manufacturer, f.model, f.modality,
                   f.cost_centre, f.in_service_date, f.cost, f.net_book_value, f.useful_life_months, f.status)
                   IS DISTINCT FROM (\(values)))
            """))
        counts.added = try c.execute(SQL(stringLiteral: """
            INSERT INTO finance_record (trust_id, asset_number, site_id, location, description, serial, manufacturer, model, modality,
                                        cost_centre, in_service_date, cost, net_book_value, useful_life_months, status, raw,
                                        batch_id, first_batch_id, source_row)
            SELECT \(trust.id), s.asset_tag, \(values), s.raw, \(batch), \(batch), s.row_number
            FROM import_stage_rows s LEFT JOIN finance_site_map m ON m.site = s.site
            WHERE s.kind = 'a' AND NOT EXISTS (SELECT 1 FROM finance_record f WHERE f.trust_id = \(trust.id) AND f.asset_number = s.asset_tag)
            """))
        counts.unchanged = staged - counts.added - counts.updated
        let notInFile = """
            f.trust_id = \(trust.id) AND f.retired_at IS NULL
            AND NOT EXISTS (SELECT 1 FROM import_stage_rows s WHERE s.asset_tag = f.asset_number)
            """
        counts.missing = try c.scalar(SQL(stringLiteral: "SELECT count(*)::int FROM finance_record f WHERE \(notInFile)"))
        if options.retireMissing && counts.missing > 0 {
            counts.retired = try c.execute(SQL(stringLiteral: """
                UPDATE finance_record f SET retired_at = now(), asset_id = NULL, match_rule = NULL, match_confidence = NULL,
                    batch_id = \(batch), updated_at = now() WHERE \(notInFile)
                """))
        }
        outcome.finance = counts
        clock.phase("finance")
    }

    /// A CMMS file for a trust whose register so far came from its finance register: those finance-made assets give
    /// way to the engineering list (retired, never deleted), unless the CMMS file has the same tag.
    func retireFinanceAssets() throws {
        guard sourceKind == .cmms else { return }
        // Each retired row's prior state goes to asset_prior in the same statement, so `import undo` can restore it.
        outcome.retired += try connection.execute("""
            WITH changed AS (UPDATE asset a SET retired_at = now(), retired_batch_id = \(batch), updated_at = now()
            WHERE a.trust_id = \(trust.id) AND a.retired_at IS NULL
              AND a.first_batch_id IN (SELECT id FROM import_batch WHERE trust_id = \(trust.id) AND source_kind = 'finance')
              AND NOT EXISTS (SELECT 1 FROM import_stage_rows s WHERE s.asset_tag = a.asset_tag)
            RETURNING a.id)
            INSERT INTO asset_prior (batch_id, trust_id, asset_id, change, prior)
            SELECT \(batch), \(trust.id), p.id, 'retired', to_jsonb(p) FROM asset p JOIN changed ON changed.id = p.id WHERE p.trust_id = \(trust.id)
            """)
    }
}
