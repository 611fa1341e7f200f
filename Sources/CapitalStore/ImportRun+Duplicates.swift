import CapitalCore
import Foundation
import Postgres
import Register

extension ImportRun {
    // MARK: 2. Duplicates

    /// Phase 2, first half: devices (same manufacturer, model and serial) that the register already
    /// holds under another tag, as warnings.
    ///
    /// Duplicates are checked against the register as it was before this file. All are counted;
    /// the first `options.duplicatesListed` are listed (a file imported for the wrong trust can
    /// duplicate every row, and a million warnings would not fit the import's memory).
    func findDuplicates() throws {
        let c = connection
        // One hash join of the file's rows against the register, whatever the statistics say: right
        // after a big import `asset`'s statistics can claim a trust has a handful of rows, and a nested
        // loop over the register per row then takes minutes (there is no serial index since 0007).
        let nestloop: String = try c.scalar("SELECT current_setting('enable_nestloop')")
        try c.execute("SET LOCAL enable_nestloop = off")
        // A first import's rows are already in `asset` (this batch's rows, which are all of the
        // trust's): only other trusts' assets can be duplicates.
        let duplicates = try c.query(firstImport ? """
            SELECT s.source_row AS row_number, s.asset_tag, s.serial, t.ods_code, a.asset_tag AS other_tag, count(*) OVER () AS total
            FROM asset s
            JOIN asset a ON a.serial = s.serial AND a.manufacturer = s.manufacturer AND a.model IS NOT DISTINCT FROM s.model
            JOIN trust t ON t.id = a.trust_id
            WHERE s.trust_id = \(trust.id) AND s.serial IS NOT NULL AND s.manufacturer IS NOT NULL
              AND a.trust_id <> \(trust.id) AND a.retired_at IS NULL AND t.network_id = \(network.id)
            ORDER BY s.source_row, t.ods_code, a.asset_tag
            LIMIT \(options.duplicatesListed)
            """ : """
            SELECT s.row_number, s.asset_tag, s.serial, t.ods_code, a.asset_tag AS other_tag, count(*) OVER () AS total
            FROM import_stage_rows s
            JOIN asset a ON a.serial = s.serial AND a.manufacturer = s.manufacturer AND a.model IS NOT DISTINCT FROM s.model
            JOIN trust t ON t.id = a.trust_id
            LEFT JOIN import_stage_rows s2 ON a.trust_id = \(trust.id) AND s2.asset_tag = a.asset_tag AND s2.kind = 'a'
            WHERE s.kind = 'a' AND s.serial IS NOT NULL AND s.manufacturer IS NOT NULL
              AND a.retired_at IS NULL AND t.network_id = \(network.id)
              AND (a.trust_id <> \(trust.id) OR (NOT \(options.retireMissing) AND s2.row_number IS NULL))
            ORDER BY s.row_number, t.ods_code, a.asset_tag
            LIMIT \(options.duplicatesListed)
            """)
        let _: String = try c.scalar("SELECT set_config('enable_nestloop', \(nestloop), true)")   // as it was before
        clock.phase("duplicates")
        let fileName = source.fileName, headerOf = source.headerOf
        for d in duplicates {
            let other: String = try d.decode("ods_code"), otherTag: String = try d.decode("other_tag")
            let tag: String = try d.decode("asset_tag"), serial: String = try d.decode("serial")
            let where_ = other == trust.odsCode ? "asset \(otherTag) already in \(other)'s register" : "asset \(otherTag) of trust \(other)"
            source.pipeline.report.issues.append(ValidationIssue(
                file: fileName, row: try d.decode("row_number"), column: headerOf(.serial), value: serial,
                rule: .duplicateDevice,
                message: "\(tag) has the same manufacturer, model and serial as \(where_); both kept — check whether they are one device",
                severity: .warning))
            source.pipeline.report.summary.warnings += 1
        }
        outcome.duplicates = try duplicates.first?.decode("total", as: Int.self) ?? 0
        if outcome.duplicates > duplicates.count {
            let more = outcome.duplicates - duplicates.count
            source.pipeline.report.issues.append(ValidationIssue(
                file: fileName, row: try duplicates.last!.decode("row_number"), column: headerOf(.serial), value: "",
                rule: .duplicateDevice,
                message: "\(more) more duplicate devices against the register are not listed (\(outcome.duplicates) in all): "
                    + "was this file exported for another trust?",
                severity: .warning))
            source.pipeline.report.summary.warnings += more
        }
    }
}
