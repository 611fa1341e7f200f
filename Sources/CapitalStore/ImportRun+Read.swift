import CapitalCore
import Foundation
import Postgres
import Register

extension ImportRun {
    // MARK: 1. Read and normalise each row, then send it on, one row in flight.

    /// Phase 1: reads the whole file, COPYing its rows into `asset` (a trust's first import) or into the
    /// staging table; then sets the file's hash.
    func read() throws {
        if firstImport {
            try copyFirstImport()
        } else {
            try stageRows()
        }
        try source.dump?.close()
        outcome.sha256 = try source.pipeline.sha256()
        clock.phase("read+copy")
    }

    /// The next row and what became of it (Register's pipeline: normalised, validated, checked against the
    /// register's constraints, recorded in the report), or nil at the end of the file.
    func nextRow() throws -> (RawRow, RowOutcome)? {
        let pipeline = source.pipeline
        guard let (row, result) = try pipeline.next() else {
            if let progress {
                progress(ImportTick(rows: rowsRead, bytesRead: pipeline.reader.bytesRead, totalBytes: source.fileBytes, seconds: clock.elapsed()))
            }
            return nil
        }
        if case .rejected = result, !options.allowPartial { failed = true }
        if case .asset(let asset, _) = result, !failed { try source.dump?.write(StageRow.asset(asset)) }
        if rowsRead & 4095 == 0, let progress {
            progress(ImportTick(rows: rowsRead, bytesRead: pipeline.reader.bytesRead, totalBytes: source.fileBytes, seconds: clock.elapsed()))
        }
        return (row, result)
    }

    /// A trust's first import (it has no asset at all, retired ones included; the advisory lock
    /// keeps it so): every valid row is a new asset (the normaliser lets each tag through once),
    /// nothing can be updated or missing, so there is nothing to merge. The rows are COPYed
    /// straight into `asset`, in binary, which PostgreSQL inserts in batches: staging them and
    /// INSERT … SELECT-ing them took 23–27 s of server time a million rows where this took 16–21 s
    /// (docs/import.md). Sites are resolved as rows meet them: rows of a site not yet known wait
    /// (at most `held` of them), the COPY ends, the sites are found or created, and a new COPY
    /// goes on with the waiting rows. Rejected rows (--allow-partial) are staged the same way.
    ///
    /// PostgreSQL refuses COPY FROM into a table whose row-level security applies to the user (every capital role:
    /// sql/0045). A network admin, whom asset's policies let through for every trust, COPYs as capital_loader
    /// (sql/0051: exempt from row-level security, allowed only to insert into `asset`), set for each COPY alone. A
    /// trust's user COPYs into a temporary table of asset's columns, and the rows go into `asset` in one
    /// INSERT … SELECT at the end, where the policies check them.
    func copyFirstImport() throws {
        let c = connection
        let loader = try c.scalar("""
            SELECT row_security_active('asset') AND pg_has_role('capital_loader', 'MEMBER') AND (SELECT capital_is_admin())
            """, as: Bool.self)
        let direct = try loader || !c.scalar("SELECT row_security_active('asset')", as: Bool.self)
        let target = direct ? "asset" : "import_first_rows"
        if !direct {
            try c.executeScript("CREATE TEMP TABLE import_first_rows ON COMMIT DROP AS SELECT "
                + StageRowEncoder.assetColumns.joined(separator: ", ") + " FROM asset WITH NO DATA")
        }
        var waiting: [CanonicalAsset] = []
        var waitingRejects: [(row: RawRow, issues: [ValidationIssue])] = []
        let held = 4096, heldBytes = 8 << 20 // rows waiting, and about the memory they may hold (wide rows)
        var waitingBytes = 0
        var ended = false
        repeat {
            if !waiting.isEmpty { try sites.resolve(waiting.compactMap(\.site)) }
            if !waitingRejects.isEmpty {
                let rejects = try c.copyInBinary(table: "import_stage_rows", columns: StageRow.columns) { w in
                    for r in waitingRejects { try encoder.writeRejected(row: r.row, tag: source.tag(of: r.row), issues: r.issues, to: &w) }
                }
                stagedRejects += rejects
                waitingRejects.removeAll(keepingCapacity: true)
                waitingBytes = 0
            }
            if loader { try c.executeScript("SET LOCAL ROLE capital_loader") }
            let added = try c.copyInBinary(table: target, columns: StageRowEncoder.assetColumns) { w in
                if !failed {
                    for a in waiting { try encoder.writeAsset(a, siteID: a.site.flatMap { sites.id(of: $0) }, to: &w) }
                }
                waiting.removeAll(keepingCapacity: true)
                waitingBytes = 0
                while !ended && waiting.count < held && waitingRejects.count < held && waitingBytes < heldBytes {
                    guard let (row, result) = try nextRow() else { ended = true; return }
                    switch result {
                    case .asset(let asset, _):
                        guard !failed else { continue }
                        if let site = asset.site {
                            guard let id = sites.id(of: site) else {
                                waiting.append(asset)
                                waitingBytes += PrefetchingRowSource.size(of: asset.raw)
                                continue
                            }
                            try encoder.writeAsset(asset, siteID: id, to: &w)
                        } else {
                            try encoder.writeAsset(asset, siteID: nil, to: &w)
                        }
                    case .rejected(let issues):
                        if options.allowPartial {
                            waitingRejects.append((row, issues))
                            waitingBytes += PrefetchingRowSource.size(of: row)
                        }
                    case .skipped:
                        break // nothing in the register can be missing: no tag to remember
                    }
                }
            }
            if loader { try c.executeScript("RESET ROLE") }
            outcome.added += added
        } while !ended || !waiting.isEmpty || !waitingRejects.isEmpty
        if !direct && !failed {
            let columns = StageRowEncoder.assetColumns.joined(separator: ", ")
            outcome.added = try c.execute(SQL(stringLiteral: "INSERT INTO asset (\(columns)) SELECT \(columns) FROM import_first_rows"))
        }
        staged = failed ? 0 : outcome.added
    }

    /// Later imports: every row into the staging table (binary COPY), then the set-based merge.
    func stageRows() throws {
        let c = connection
        var siteNames = Set<ExactText>()
        try c.copyInBinary(table: "import_stage_rows", columns: StageRow.columns) { w in
            while let (row, result) = try nextRow() {
                switch result {
                case .asset(let asset, _):
                    if !failed {
                        try encoder.writeStaged(asset, to: &w)
                        if let site = asset.site { siteNames.insert(ExactText(site)) }
                        staged += 1
                    }
                case .rejected(let issues):
                    if options.allowPartial {
                        try encoder.writeRejected(row: row, tag: source.tag(of: row), issues: issues, to: &w)
                        stagedRejects += 1
                    }
                case .skipped:
                    // Remember the tag so a skipped row never counts its asset as missing.
                    if !failed, let t = source.tag(of: row) { try encoder.writeSkipped(row: row.rowNumber, tag: t, to: &w) }
                }
            }
        }
        if !failed { try sites.resolve(siteNames.map(\.text)) }
    }
}
