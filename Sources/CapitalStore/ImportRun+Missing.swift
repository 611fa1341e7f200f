import CapitalCore
import Foundation
import Postgres
import Register

extension ImportRun {
    // MARK: 3. Missing assets

    /// Phase 3: the trust's active assets that the file does not mention, counted always, retired
    /// only when asked (`options.retireMissing`).
    func findMissing() throws {
        let c = connection
        // One anti-join: the first 50 tags, each row carrying the total (the window counts before LIMIT).
        let missingRows = firstImport ? [] : try c.query("""
            SELECT a.asset_tag, count(*) OVER () AS total FROM asset a
            WHERE a.trust_id = \(trust.id) AND a.retired_at IS NULL
              AND NOT EXISTS (SELECT 1 FROM import_stage_rows s WHERE s.asset_tag = a.asset_tag)
            ORDER BY a.asset_tag LIMIT 50
            """)
        outcome.missing = try missingRows.first?.decode("total", as: Int.self) ?? 0
        outcome.missingTags = try missingRows.map { try $0.decode("asset_tag") }
        if options.retireMissing && outcome.missing > 0 {
            outcome.retired = try c.execute("""
                WITH changed AS (UPDATE asset a SET retired_at = now(), retired_batch_id = \(batch), updated_at = now()
                WHERE a.trust_id = \(trust.id) AND a.retired_at IS NULL
                  AND NOT EXISTS (SELECT 1 FROM import_stage_rows s WHERE s.asset_tag = a.asset_tag)
                RETURNING a.id)
                INSERT INTO asset_prior (batch_id, trust_id, asset_id, change, prior)
                SELECT \(batch), \(trust.id), p.id, 'retired', to_jsonb(p) FROM asset p JOIN changed ON changed.id = p.id WHERE p.trust_id = \(trust.id)
                """)
        }

        clock.phase("missing")
    }
}
