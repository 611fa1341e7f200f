import CapitalCore
import Foundation
import Postgres
import Register

/// How one `capital import` behaves.
public struct ImportOptions: Sendable {
    public var profile: ProfileLibrary.Choice = .auto
    /// XLSX: the worksheet to read (the first when nil). Ignored for CSV.
    public var sheet: String?
    /// Do everything (including the merge, to count what would change) and roll it all back.
    public var dryRun = false
    /// Load the valid rows and keep the rejected ones in `asset_reject`; without it any error loads nothing.
    public var allowPartial = false
    /// Retire the trust's assets that are not in the file; without it they are only counted.
    public var retireMissing = false
    /// "Today" for the future-date checks (fixed in tests).
    public var asOf: CalendarDate = .today()
    /// Recorded as the batch's `imported_by`; nil records the database user.
    public var user: String?
    /// Read the file on a second thread while rows are normalised.
    public var prefetch = true
    /// At most this many duplicate-device warnings against the register are listed; all are counted.
    public var duplicatesListed = 10_000
    /// Benchmarks: also write each valid row, as a staging row in COPY text format, to this file (the
    /// peer `psql \copy` loads it; the import itself sends binary).
    public var stageDump: URL?

    public init(profile: ProfileLibrary.Choice = .auto, sheet: String? = nil, dryRun: Bool = false, allowPartial: Bool = false,
                retireMissing: Bool = false, asOf: CalendarDate = .today(), user: String? = nil) {
        self.profile = profile; self.sheet = sheet; self.dryRun = dryRun; self.allowPartial = allowPartial
        self.retireMissing = retireMissing; self.asOf = asOf; self.user = user
    }
}

/// A progress report while the file is read (called on the importing thread, every few thousand rows).
public struct ImportTick: Sendable {
    public var rows: Int
    /// Bytes of the file read so far (CSV only; nil for XLSX, whose parts are compressed).
    public var bytesRead: Int64?
    public var totalBytes: Int64
    public var seconds: Double
}

/// What one import did (or, for a dry run or a failed import, would have done).
public struct ImportOutcome: Sendable {
    public enum Status: String, Sendable, Codable {
        /// Changes were written and a batch recorded.
        case loaded
        /// The file matches the register: nothing written, no batch recorded.
        case unchanged
        /// Errors in the file (and no --allow-partial): nothing written.
        case failed
        /// --dry-run: everything counted, nothing written.
        case dryRun = "dry_run"
    }

    public var status: Status
    public var file: String
    public var trust: String
    public var sha256: String
    public var fileBytes: Int64
    public var format: RegisterReader.Format
    public var encoding: TextEncoding?
    public var sheet: String?
    public var mapping: MappingReport
    public var summary: ImportSummary
    public var issues: [ValidationIssue]
    /// Valid rows staged for the register (added + updated + unchanged once merged).
    public var loaded = 0
    public var added = 0
    public var updated = 0
    public var unchanged = 0
    /// The trust's active assets that are not in the file, and how many of them were retired.
    public var missing = 0
    public var retired = 0
    /// Up to 50 of the missing asset tags, for the report.
    public var missingTags: [String] = []
    /// Rejected rows kept in `asset_reject` (--allow-partial).
    public var rejectsStored = 0
    public var sitesCreated: [String] = []
    /// Duplicate devices found against the register (warnings also listed in `issues`).
    public var duplicates = 0
    public var batchID: Int64?
    /// For an unchanged import: the latest earlier batch of this trust with the same file hash.
    public var identicalToBatch: Int64?
    public var seconds: Double = 0

    /// Register changes: rows added, updated and retired.
    public var changes: Int { added + updated + retired }
    public var rowsPerSecond: Double { seconds > 0 ? Double(summary.rowsRead) / seconds : 0 }
}

/// Loads trust asset registers into the database: the Register pipeline reads and normalises the
/// file (streaming), rows are COPYed (binary) into a temporary staging table, then merged set-based
/// into `asset`, all in one transaction per import, serialised per trust by an advisory lock. A
/// trust's first import, which has nothing to merge with, COPYs its rows straight into `asset`.
///
/// The merge is keyed by (trust, asset tag): a staged row whose canonical columns differ from the
/// register's (or whose asset was retired) updates it; a new tag is added; a register row of the
/// trust that the file does not mention is "missing" and is retired only with `retireMissing`.
/// The raw row is stored with each write but a change in it alone (e.g. "£1,000" → "1000") is not
/// an update. An import that changes nothing records nothing.
public struct RegisterStore {
    public let connection: Connection
    public init(_ connection: Connection) { self.connection = connection }

    static let lockBase: Int64 = 0x494D_0000_0000 // "IM"

    /// Imports `file` for `trustCode` of `network`.
    public func importRegister(file: URL, network: Network, trustCode: String, importers: ProfileLibrary,
                               options: ImportOptions = ImportOptions(),
                               progress: ((ImportTick) -> Void)? = nil) throws -> ImportOutcome {
        let trust = try NetworkStore(connection).trust(network: network, code: trustCode)
        let started = DispatchTime.now()
        func elapsed() -> Double { Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9 }
        // CAPITAL_IMPORT_TIMING=1: time per phase on stderr (for tuning).
        let timing = ProcessInfo.processInfo.environment["CAPITAL_IMPORT_TIMING"] != nil
        var lastPhase = 0.0
        func phase(_ name: String) {
            guard timing else { return }
            let now = elapsed()
            FileHandle.standardError.write(Data(String(format: "  %-12@ %7.2f s\n", name, now - lastPhase).utf8))
            lastPhase = now
        }

        let fileBytes = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? NSNumber)?.int64Value ?? 0
        let opened = try OpenedRegister(url: file, sheet: options.sheet)
        let bound = try importers.select(options.profile, headers: opened.source.headers)
        let fileName = file.lastPathComponent // once: Foundation's URL rebuilds it on every call (perf put it at 18% of the client's CPU when per row)
        let normaliser = Normaliser(profile: bound, trust: trust.odsCode, fileName: fileName, asOf: options.asOf)
        let rows: RowSource = options.prefetch ? PrefetchingRowSource(opened.source) : opened.source
        let tagColumn = bound.column(.assetTag)
        let headerOf: (CanonicalField) -> String = { f in bound.column(f).map { bound.headers[$0] } ?? f.rawValue }
        let dump = try options.stageDump.map { try StageDump(url: $0) }

        var report = ImportReport(file: fileName)
        var outcome = ImportOutcome(status: .loaded, file: fileName, trust: trust.odsCode, sha256: "",
                                    fileBytes: fileBytes, format: opened.format, encoding: nil, sheet: opened.sheetName,
                                    mapping: bound.report, summary: ImportSummary(), issues: [])
        var staged = 0
        var stagedRejects = 0
        var failed = false

        func finish(_ status: ImportOutcome.Status) -> ImportOutcome {
            var o = outcome
            o.status = status
            o.summary = report.summary
            o.issues = report.issues
            o.encoding = opened.encoding
            o.loaded = status == .failed ? 0 : staged
            o.seconds = elapsed()
            return o
        }

        do {
            return try connection.transaction { c -> ImportOutcome in
                try c.execute("SELECT pg_advisory_xact_lock(\(RegisterStore.lockBase + trust.id))")
                // A trust's first import (it has no asset at all, retired ones included; the advisory lock
                // keeps it so) skips staging and the merge: see `if firstImport` below.
                let firstImport: Bool = try c.scalar("SELECT NOT EXISTS (SELECT 1 FROM asset WHERE trust_id = \(trust.id))")
                try c.executeScript("CREATE TEMP TABLE import_stage_rows (LIKE import_stage INCLUDING DEFAULTS) ON COMMIT DROP")
                // The batch comes first: a first import's rows point at it as they go in. Its file hash is
                // known once the file is read, and set then (until then it holds a placeholder).
                let batch: Int64 = try c.scalar("""
                    INSERT INTO import_batch (trust_id, file_name, sha256, profile, sheet, file_bytes, partial, imported_by)
                    VALUES (\(trust.id), \(fileName), \(String(repeating: "0", count: 64)), \(bound.profile.name),
                            \(opened.sheetName), \(fileBytes), \(options.allowPartial), coalesce(\(options.user), current_user))
                    RETURNING id
                    """)
                outcome.batchID = batch

                // 1. Read and normalise each row, then send it on, one row in flight.
                let encoder = StageRowEncoder(headers: rows.headers, trustID: trust.id, batchID: batch)
                var n = 0
                func nextRow() throws -> (RawRow, RowOutcome)? {
                    guard let row = try rows.nextRow() else {
                        if let progress {
                            progress(ImportTick(rows: n, bytesRead: opened.counter?.bytesRead, totalBytes: fileBytes, seconds: elapsed()))
                        }
                        return nil
                    }
                    var result = normaliser.normalise(row)
                    if case .asset(var asset, let warnings) = result {
                        let extra = RegisterConstraints.apply(&asset, file: fileName, header: headerOf)
                        if extra.isEmpty {
                            result = .asset(asset, warnings: warnings)
                        } else if extra.contains(where: { $0.severity == .error }) {
                            result = .rejected(warnings + extra)
                        } else {
                            result = .asset(asset, warnings: warnings + extra)
                        }
                    }
                    report.record(row: row.rowNumber, result)
                    if case .rejected = result, !options.allowPartial { failed = true }
                    if case .asset(let asset, _) = result, !failed { try dump?.write(StageRow.asset(asset)) }
                    n += 1
                    if n & 4095 == 0, let progress {
                        progress(ImportTick(rows: n, bytesRead: opened.counter?.bytesRead, totalBytes: fileBytes, seconds: elapsed()))
                    }
                    return (row, result)
                }
                func tag(of row: RawRow) -> String? {
                    guard let t = tagColumn.map({ row.value(at: $0).trimmingCharacters(in: .whitespaces) }), !t.isEmpty else { return nil }
                    return t
                }
                let sites = SiteResolver(connection: c, trustID: trust.id)

                if firstImport {
                    // A trust's first import (it has no asset at all, retired ones included; the advisory lock
                    // keeps it so): every valid row is a new asset (the normaliser lets each tag through once),
                    // nothing can be updated or missing, so there is nothing to merge. The rows are COPYed
                    // straight into `asset`, in binary, which PostgreSQL inserts in batches: staging them and
                    // INSERT … SELECT-ing them took 23–27 s of server time a million rows where this took 16–21 s
                    // (docs/import.md). Sites are resolved as rows meet them: rows of a site not yet known wait
                    // (at most `held` of them), the COPY ends, the sites are found or created, and a new COPY
                    // goes on with the waiting rows. Rejected rows (--allow-partial) are staged the same way.
                    var waiting: [CanonicalAsset] = []
                    var waitingRejects: [(row: RawRow, issues: [ValidationIssue])] = []
                    let held = 4096
                    var ended = false
                    repeat {
                        if !waiting.isEmpty { try sites.resolve(waiting.compactMap(\.site)) }
                        if !waitingRejects.isEmpty {
                            stagedRejects += try c.copyInBinary(table: "import_stage_rows", columns: StageRow.columns) { w in
                                for r in waitingRejects { try encoder.writeRejected(row: r.row, tag: tag(of: r.row), issues: r.issues, to: &w) }
                            }
                            waitingRejects.removeAll(keepingCapacity: true)
                        }
                        outcome.added += try c.copyInBinary(table: "asset", columns: StageRowEncoder.assetColumns) { w in
                            if !failed {
                                for a in waiting { try encoder.writeAsset(a, siteID: a.site.flatMap { sites.id(of: $0) }, to: &w) }
                            }
                            waiting.removeAll(keepingCapacity: true)
                            while !ended && waiting.count < held && waitingRejects.count < held {
                                guard let (row, result) = try nextRow() else { ended = true; return }
                                switch result {
                                case .asset(let asset, _):
                                    guard !failed else { continue }
                                    if let site = asset.site {
                                        guard let id = sites.id(of: site) else { waiting.append(asset); continue }
                                        try encoder.writeAsset(asset, siteID: id, to: &w)
                                    } else {
                                        try encoder.writeAsset(asset, siteID: nil, to: &w)
                                    }
                                case .rejected(let issues):
                                    if options.allowPartial { waitingRejects.append((row, issues)) }
                                case .skipped:
                                    break // nothing in the register can be missing: no tag to remember
                                }
                            }
                        }
                    } while !ended || !waiting.isEmpty || !waitingRejects.isEmpty
                    staged = failed ? 0 : outcome.added
                } else {
                    // Later imports: every row into the staging table (binary COPY), then the set-based merge.
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
                                    try encoder.writeRejected(row: row, tag: tag(of: row), issues: issues, to: &w)
                                    stagedRejects += 1
                                }
                            case .skipped:
                                // Remember the tag so a skipped row never counts its asset as missing.
                                if !failed, let t = tag(of: row) { try encoder.writeSkipped(row: row.rowNumber, tag: t, to: &w) }
                            }
                        }
                    }
                    if !failed { try sites.resolve(siteNames.map(\.text)) }
                }
                try dump?.close()
                outcome.sha256 = try opened.finishHash()
                phase("read+copy")

                if failed {
                    outcome.batchID = nil
                    outcome.added = 0
                    throw Rollback(outcome: finish(.failed))
                }
                // An index on the staged tags keeps the anti-joins below fast even when the planner
                // misjudges `asset` (its statistics lag behind a big import).
                if !firstImport {
                    try c.executeScript("CREATE INDEX ON import_stage_rows (asset_tag); ANALYZE import_stage_rows")
                }
                phase("analyze")

                // 2. Duplicates, the merge.
                // Duplicates are checked against the register as it was before this file. All are counted;
                // the first `options.duplicatesListed` are listed (a file imported for the wrong trust can
                // duplicate every row, and a million warnings would not fit the import's memory).
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
                phase("duplicates")
                for d in duplicates {
                    let other: String = try d.decode("ods_code"), otherTag: String = try d.decode("other_tag")
                    let tag: String = try d.decode("asset_tag"), serial: String = try d.decode("serial")
                    let where_ = other == trust.odsCode ? "asset \(otherTag) already in \(other)'s register" : "asset \(otherTag) of trust \(other)"
                    report.issues.append(ValidationIssue(
                        file: fileName, row: try d.decode("row_number"), column: headerOf(.serial), value: serial,
                        rule: .duplicateDevice,
                        message: "\(tag) has the same manufacturer, model and serial as \(where_); both kept — check whether they are one device",
                        severity: .warning))
                    report.summary.warnings += 1
                }
                outcome.duplicates = try duplicates.first?.decode("total", as: Int.self) ?? 0
                if outcome.duplicates > duplicates.count {
                    let more = outcome.duplicates - duplicates.count
                    report.issues.append(ValidationIssue(
                        file: fileName, row: try duplicates.last!.decode("row_number"), column: headerOf(.serial), value: "",
                        rule: .duplicateDevice,
                        message: "\(more) more duplicate devices against the register are not listed (\(outcome.duplicates) in all): "
                            + "was this file exported for another trust?",
                        severity: .warning))
                    report.summary.warnings += more
                }
                outcome.sitesCreated = sites.created.sorted()
                if !firstImport {
                    try c.execute("CREATE TEMP TABLE import_site_map (site text PRIMARY KEY, site_id bigint NOT NULL) ON COMMIT DROP")
                    let known = sites.known
                    try c.execute("INSERT INTO import_site_map SELECT * FROM unnest(\(known.map(\.key.text))::text[], \(known.map(\.value))::bigint[])")
                }

                // A trust's first import is in `asset` already (see above); later ones merge the staged rows.
                outcome.updated = firstImport ? 0 : try c.execute("""
                    UPDATE asset a SET
                        site_id = m.site_id, serial = s.serial, manufacturer = s.manufacturer, manufacturer_given = s.manufacturer_given,
                        model = s.model, modality = s.modality, description = s.description, department = s.department,
                        install_date = s.install_date, purchase_cost = s.purchase_cost, net_book_value = s.net_book_value,
                        expected_life_years = s.expected_life_years, support_end = s.support_end, status = s.status,
                        exclusive_to_network = coalesce(s.exclusive_to_network, a.exclusive_to_network),
                        criticality = s.criticality, failures_last_year = s.failures_last_year,
                        downtime_hours_last_year = s.downtime_hours_last_year, contract_supplier = s.contract_supplier,
                        contract_end = s.contract_end, contract_annual_cost = s.contract_annual_cost,
                        raw = s.raw, batch_id = \(batch), source_row = s.row_number, retired_at = NULL, retired_batch_id = NULL, updated_at = now()
                    FROM import_stage_rows s LEFT JOIN import_site_map m ON m.site = s.site
                    WHERE s.kind = 'a' AND a.trust_id = \(trust.id) AND a.asset_tag = s.asset_tag
                      AND (a.retired_at IS NOT NULL
                           OR a.site_id IS DISTINCT FROM m.site_id OR a.serial IS DISTINCT FROM s.serial
                           OR a.manufacturer IS DISTINCT FROM s.manufacturer OR a.manufacturer_given IS DISTINCT FROM s.manufacturer_given
                           OR a.model IS DISTINCT FROM s.model OR a.modality IS DISTINCT FROM s.modality
                           OR a.description IS DISTINCT FROM s.description OR a.department IS DISTINCT FROM s.department
                           OR a.install_date IS DISTINCT FROM s.install_date OR a.purchase_cost IS DISTINCT FROM s.purchase_cost
                           OR a.net_book_value IS DISTINCT FROM s.net_book_value OR a.expected_life_years IS DISTINCT FROM s.expected_life_years
                           OR a.support_end IS DISTINCT FROM s.support_end OR a.status IS DISTINCT FROM s.status
                           OR a.exclusive_to_network IS DISTINCT FROM coalesce(s.exclusive_to_network, a.exclusive_to_network)
                           OR a.criticality IS DISTINCT FROM s.criticality OR a.failures_last_year IS DISTINCT FROM s.failures_last_year
                           OR a.downtime_hours_last_year IS DISTINCT FROM s.downtime_hours_last_year
                           OR a.contract_supplier IS DISTINCT FROM s.contract_supplier OR a.contract_end IS DISTINCT FROM s.contract_end
                           OR a.contract_annual_cost IS DISTINCT FROM s.contract_annual_cost)
                    """)
                if !firstImport { outcome.added = try c.execute("""
                    INSERT INTO asset (trust_id, site_id, asset_tag, serial, manufacturer, manufacturer_given, model, modality, description,
                                       department, install_date, purchase_cost, net_book_value, expected_life_years, support_end, status,
                                       exclusive_to_network, criticality, failures_last_year, downtime_hours_last_year, contract_supplier,
                                       contract_end, contract_annual_cost, raw, batch_id, first_batch_id, source_row)
                    SELECT \(trust.id), m.site_id, s.asset_tag, s.serial, s.manufacturer, s.manufacturer_given, s.model, s.modality, s.description,
                           s.department, s.install_date, s.purchase_cost, s.net_book_value, s.expected_life_years, s.support_end, s.status,
                           coalesce(s.exclusive_to_network, false), s.criticality, s.failures_last_year, s.downtime_hours_last_year,
                           s.contract_supplier, s.contract_end, s.contract_annual_cost, s.raw, \(batch), \(batch), s.row_number
                    FROM import_stage_rows s LEFT JOIN import_site_map m ON m.site = s.site
                    WHERE s.kind = 'a' AND NOT EXISTS (SELECT 1 FROM asset a WHERE a.trust_id = \(trust.id) AND a.asset_tag = s.asset_tag)
                    """) }
                outcome.unchanged = staged - outcome.added - outcome.updated
                phase("merge")

                // 3. Missing assets: counted always, retired only when asked.
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
                        UPDATE asset a SET retired_at = now(), retired_batch_id = \(batch), updated_at = now()
                        WHERE a.trust_id = \(trust.id) AND a.retired_at IS NULL
                          AND NOT EXISTS (SELECT 1 FROM import_stage_rows s WHERE s.asset_tag = a.asset_tag)
                        """)
                }

                phase("missing")
                // 4. Rejected rows (--allow-partial), with their raw data and issues.
                if stagedRejects > 0 {
                    outcome.rejectsStored = try c.execute("""
                        INSERT INTO asset_reject (batch_id, trust_id, row_number, raw, issues)
                        SELECT \(batch), \(trust.id), row_number, raw, issues FROM import_stage_rows WHERE kind = 'r' ORDER BY row_number
                        """)
                }

                // 5. Nothing changed: record nothing (a re-import of the same file leaves no trace).
                let identical: Int64? = try c.queryFirst("""
                    SELECT max(id) AS id FROM import_batch WHERE trust_id = \(trust.id) AND sha256 = \(outcome.sha256) AND id <> \(batch)
                    """)?.decode("id", as: Int64?.self)
                if outcome.changes == 0 && outcome.sitesCreated.isEmpty && (outcome.rejectsStored == 0 || identical != nil) {
                    outcome.identicalToBatch = identical
                    outcome.batchID = nil
                    if !options.dryRun { outcome.rejectsStored = 0 }
                    throw Rollback(outcome: finish(options.dryRun ? .dryRun : .unchanged))
                }

                // A big change leaves `asset`'s statistics far from the truth until autovacuum comes round,
                // and the next import's or plan's queries would be planned on them: refresh them now (a
                // sample of the table, committed with the import).
                if outcome.added + outcome.updated + outcome.retired >= 10_000 { try c.execute("ANALYZE asset") }
                phase("statistics")

                let s = report.summary
                try c.execute("""
                    UPDATE import_batch SET sha256 = \(outcome.sha256), rows_read = \(s.rowsRead), rows_loaded = \(staged), rows_rejected = \(s.rejected),
                        rows_skipped = \(s.skippedNonImaging + s.skippedUnrecognised + s.skippedExactDuplicates),
                        added = \(outcome.added), updated = \(outcome.updated), unchanged = \(outcome.unchanged),
                        missing = \(outcome.missing), retired = \(outcome.retired), warnings = \(s.warnings),
                        sites_created = \(outcome.sitesCreated.count), duplicates = \(outcome.duplicates)
                    WHERE id = \(batch)
                    """)
                phase("finish")
                if options.dryRun {
                    outcome.batchID = nil
                    throw Rollback(outcome: finish(.dryRun))
                }
                return finish(.loaded)
            }
        } catch let rollback as Rollback {
            return rollback.outcome
        }
    }

    /// The import batches of a trust (or of every trust of the network), newest first.
    public func batches(network: Network, trustCode: String? = nil) throws -> [ImportBatch] {
        try connection.query("""
            SELECT b.id, t.ods_code, b.file_name, b.sha256, b.profile, b.rows_read, b.rows_loaded, b.rows_rejected, b.rows_skipped,
                   b.added, b.updated, b.unchanged, b.missing, b.retired, b.imported_by,
                   to_char(b.imported_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS imported_at
            FROM import_batch b JOIN trust t ON t.id = b.trust_id
            WHERE t.network_id = \(network.id) AND (\(trustCode?.uppercased())::text IS NULL OR t.ods_code = \(trustCode?.uppercased()))
            ORDER BY b.id DESC
            """).map { r in
            ImportBatch(id: try r.decode("id"), trust: try r.decode("ods_code"), file: try r.decode("file_name"), sha256: try r.decode("sha256"),
                        profile: try r.decode("profile"), rowsRead: try r.decode("rows_read"), rowsLoaded: try r.decode("rows_loaded"),
                        rowsRejected: try r.decode("rows_rejected"), rowsSkipped: try r.decode("rows_skipped"), added: try r.decode("added"),
                        updated: try r.decode("updated"), unchanged: try r.decode("unchanged"), missing: try r.decode("missing"),
                        retired: try r.decode("retired"), importedBy: try r.decode("imported_by"), importedAt: try r.decode("imported_at"))
        }
    }

    struct Rollback: Error { let outcome: ImportOutcome }
}

/// One recorded import.
public struct ImportBatch: Sendable, Codable, Equatable {
    public var id: Int64
    public var trust: String
    public var file: String
    public var sha256: String
    public var profile: String
    public var rowsRead: Int
    public var rowsLoaded: Int
    public var rowsRejected: Int
    public var rowsSkipped: Int
    public var added: Int
    public var updated: Int
    public var unchanged: Int
    public var missing: Int
    public var retired: Int
    public var importedBy: String
    public var importedAt: String
}

// MARK: - Reading

/// A register file opened for import: its rows, format, and (for CSV) a byte counter that also hashes.
final class OpenedRegister {
    let url: URL
    let format: RegisterReader.Format
    let source: RowSource
    let counter: HashingByteInput?
    let sheetName: String?

    init(url: URL, sheet: String?) throws {
        self.url = url
        let probe = try FileByteInput(url: url)
        var magic = [UInt8](repeating: 0, count: 4)
        let n = try magic.withUnsafeMutableBytes { try probe.read(into: $0.baseAddress!, count: 4) }
        if n == 4 && magic == [0x50, 0x4B, 0x03, 0x04] {
            let xlsx = try XLSXRowSource(url: url, sheet: sheet)
            format = .xlsx; source = xlsx; counter = nil; sheetName = xlsx.sheetName
            return
        }
        if url.pathExtension.lowercased() == "xls" {
            throw UserError("\(url.lastPathComponent) is an old binary Excel file (.xls); save it as .xlsx or CSV")
        }
        let counting = HashingByteInput(try FileByteInput(url: url))
        format = .csv; counter = counting; sheetName = nil
        source = try CSVRowSource(input: counting)
    }

    var encoding: TextEncoding? { (source as? CSVRowSource)?.reader.encoding }

    /// The file's SHA-256: from the bytes the CSV reader consumed, else by reading the file.
    func finishHash() throws -> String {
        if let counter, let h = counter.finish() { return h }
        return try SHA256.hex(fileAt: url)
    }
}

/// Passes bytes through from a file, counting them (for progress) and hashing them (for the batch),
/// so a CSV is read once. Used from the prefetch thread and read from the importing one: guarded by a lock.
final class HashingByteInput: ByteInput, @unchecked Sendable {
    private let base: ByteInput
    private let lock = NSLock()
    private var count: Int64 = 0
    private var hash = SHA256()
    private var ended = false

    init(_ base: ByteInput) { self.base = base }

    func read(into buffer: UnsafeMutableRawPointer, count n: Int) throws -> Int {
        let got = try base.read(into: buffer, count: n)
        lock.lock()
        defer { lock.unlock() }
        if got == 0 { ended = true } else {
            hash.update(UnsafeRawBufferPointer(start: buffer, count: got))
            count += Int64(got)
        }
        return got
    }

    var bytesRead: Int64 { lock.lock(); defer { lock.unlock() }; return count }

    /// The hash when the whole file was read, else nil.
    func finish() -> String? {
        lock.lock(); defer { lock.unlock() }
        return ended ? hash.hexDigest() : nil
    }
}

// MARK: - Staging rows

enum StageRow {
    static let columns = ["row_number", "kind", "asset_tag", "site", "serial", "manufacturer", "manufacturer_given", "model", "modality",
                          "description", "department", "install_date", "purchase_cost", "net_book_value", "expected_life_years",
                          "support_end", "status", "exclusive_to_network", "criticality", "failures_last_year",
                          "downtime_hours_last_year", "contract_supplier", "contract_end", "contract_annual_cost", "raw", "issues"]
    /// Where `raw` is: a rejected or skipped row leaves the canonical columns before it NULL.
    static let rawColumn = columns.firstIndex(of: "raw")!

    static func asset(_ a: CanonicalAsset) -> [String?] {
        [String(a.sourceRow), "a", a.assetTag, a.site, a.serial, a.manufacturer, a.manufacturerAsGiven, a.model, a.modality.rawValue,
         a.description, a.department, a.installDate?.iso, a.purchaseCost?.plain, a.netBookValue?.plain, String(a.expectedLifeYears),
         a.endOfManufacturerSupport?.iso, a.status.rawValue, a.exclusiveToNetwork.map { $0 ? "t" : "f" }, String(a.criticality),
         a.failuresLastYear.map(String.init), a.downtimeHoursLastYear.map(String.init), a.contractSupplier, a.contractEnd?.iso,
         a.contractAnnualCost?.plain, a.raw.jsonText, nil]
    }

    static func issuesJSON(_ issues: [ValidationIssue]) -> String {
        "[" + issues.map { i in
            "{\"column\":\(json(i.column)),\"value\":\(json(i.value)),\"rule\":\(json(i.rule.rawValue)),\"message\":\(json(i.message)),\"severity\":\(json(i.severity.rawValue))}"
        }.joined(separator: ",") + "]"
    }

    static func json(_ s: String) -> String { JSONText.quoted(s) }
}

/// Writes the import's rows in COPY binary format, straight from the canonical asset into the send
/// buffer: staged rows (`StageRow.columns`, into the temporary staging table) and, for a trust's first
/// import, register rows (`assetColumns`, into `asset`). Both carry the same canonical columns.
final class StageRowEncoder {
    /// `asset`'s columns a first import writes (the rest take their defaults).
    static let assetColumns = ["trust_id", "site_id", "asset_tag", "serial", "manufacturer", "manufacturer_given", "model", "modality",
                               "description", "department", "install_date", "purchase_cost", "net_book_value", "expected_life_years",
                               "support_end", "status", "exclusive_to_network", "criticality", "failures_last_year",
                               "downtime_hours_last_year", "contract_supplier", "contract_end", "contract_annual_cost", "raw",
                               "batch_id", "first_batch_id", "source_row"]
    private let json: RawRowJSON
    private let trustID: Int64
    private let batchID: Int64
    @exclusivity(unchecked) private var scratch: [UInt8] = [] // one thread, per row

    init(headers: [String], trustID: Int64, batchID: Int64) {
        json = RawRowJSON(headers: headers)
        self.trustID = trustID
        self.batchID = batchID
        scratch.reserveCapacity(4096)
    }

    /// A valid row into the staging table.
    func writeStaged(_ a: CanonicalAsset, to w: inout BinaryCopyWriter) throws {
        w.appendInt32(Int32(a.sourceRow))
        w.appendChar(0x61) // 'a'
        w.appendText(a.assetTag)
        w.appendText(a.site)
        canonical(a, exclusiveDefault: nil, &w)
        w.appendNull() // issues
        try w.endRow()
    }

    /// A valid row straight into `asset` (a first import), its site already resolved.
    func writeAsset(_ a: CanonicalAsset, siteID: Int64?, to w: inout BinaryCopyWriter) throws {
        w.appendInt64(trustID)
        if let siteID { w.appendInt64(siteID) } else { w.appendNull() }
        w.appendText(a.assetTag)
        canonical(a, exclusiveDefault: false, &w)
        w.appendInt64(batchID)
        w.appendInt64(batchID)
        w.appendInt32(Int32(a.sourceRow))
        try w.endRow()
    }

    /// A rejected row (--allow-partial) into the staging table: its tag, raw data and issues.
    func writeRejected(row: RawRow, tag: String?, issues: [ValidationIssue], to w: inout BinaryCopyWriter) throws {
        w.appendInt32(Int32(row.rowNumber))
        w.appendChar(0x72) // 'r'
        w.appendText(tag)
        for _ in 3..<StageRow.rawColumn { w.appendNull() }
        raw(row, &w)
        var text = StageRow.issuesJSON(issues)
        text.withUTF8 { w.appendJSONB(UnsafeRawBufferPointer($0)) }
        try w.endRow()
    }

    /// A skipped row's tag into the staging table (so its asset never counts as missing).
    func writeSkipped(row: Int, tag: String, to w: inout BinaryCopyWriter) throws {
        w.appendInt32(Int32(row))
        w.appendChar(0x73) // 's'
        w.appendText(tag)
        for _ in 3..<StageRow.columns.count { w.appendNull() }
        try w.endRow()
    }

    /// serial … contract_annual_cost, raw: the columns staging and `asset` share, in that order.
    /// `exclusiveDefault` stands in for a register that does not say (staging keeps NULL: an update
    /// then leaves the flag as it was).
    private func canonical(_ a: CanonicalAsset, exclusiveDefault: Bool?, _ w: inout BinaryCopyWriter) {
        w.appendText(a.serial)
        w.appendText(a.manufacturer)
        w.appendText(a.manufacturerAsGiven)
        w.appendText(a.model)
        w.appendText(a.modality.rawValue)
        w.appendText(a.description)
        w.appendText(a.department)
        date(a.installDate, &w)
        money(a.purchaseCost, &w)
        money(a.netBookValue, &w)
        w.appendInt32(Int32(a.expectedLifeYears))
        date(a.endOfManufacturerSupport, &w)
        w.appendText(a.status.rawValue)
        if let x = a.exclusiveToNetwork ?? exclusiveDefault { w.appendBool(x) } else { w.appendNull() }
        w.appendInt16(Int16(a.criticality))
        if let f = a.failuresLastYear { w.appendInt32(Int32(f)) } else { w.appendNull() }
        if let d = a.downtimeHoursLastYear { w.appendNumeric(Int64(d), scale: 0) } else { w.appendNull() }
        w.appendText(a.contractSupplier)
        date(a.contractEnd, &w)
        money(a.contractAnnualCost, &w)
        raw(a.raw, &w)
    }

    /// The raw row as `jsonb` (the same text as `RawRow.jsonText`, keys encoded once per file).
    private func raw(_ row: RawRow, _ w: inout BinaryCopyWriter) {
        scratch.removeAll(keepingCapacity: true)
        json.append(row, to: &scratch)
        scratch.withUnsafeBytes { w.appendJSONB($0) }
    }

    private func date(_ d: CalendarDate?, _ w: inout BinaryCopyWriter) {
        if let d { w.appendDate(daysSince1970: d.daysSinceEpoch) } else { w.appendNull() }
    }

    private func money(_ p: Pence?, _ w: inout BinaryCopyWriter) {
        if let p { w.appendNumeric(p.value, scale: 2) } else { w.appendNull() }
    }
}

/// The sites of one trust that an import's rows name, found or created as the rows meet them.
///
/// A row's site (a code or a name, as the register wrote it) is the trust's site whose code or name
/// matches it ignoring case (the code first, then the oldest), else a new site with that text as
/// code and name: one for each spelling that differs only in case, the first spelling in byte order
/// naming it. Matching is PostgreSQL's `lower()`, so the database decides it, a few spellings at a time.
final class SiteResolver {
    private let connection: Connection
    private let trustID: Int64
    /// Each spelling met so far and its site, by its exact bytes (Swift's `==` would take "é" written as
    /// one code point and as "e" plus an accent for the same spelling; PostgreSQL does not).
    private(set) var known: [ExactText: Int64] = [:]
    /// Codes of the sites this import created.
    private(set) var created: [String] = []

    init(connection: Connection, trustID: Int64) {
        self.connection = connection
        self.trustID = trustID
    }

    func id(of site: String) -> Int64? { known[ExactText(site)] }

    /// Finds or creates the sites of these spellings.
    func resolve(_ spellings: [String]) throws {
        let names = Set(spellings.lazy.map(ExactText.init).filter { self.known[$0] == nil }).map(\.text)
        guard !names.isEmpty else { return }
        created += try connection.query("""
            INSERT INTO site (trust_id, code, name)
            SELECT DISTINCT ON (lower(k.site)) \(trustID), k.site, k.site
            FROM unnest(\(names)::text[]) AS k (site)
            WHERE NOT EXISTS (SELECT 1 FROM site x WHERE x.trust_id = \(trustID)
                              AND (lower(x.code) = lower(k.site) OR lower(x.name) = lower(k.site)))
            ORDER BY lower(k.site), k.site COLLATE "C"
            RETURNING code
            """).map { try $0.decode("code") }
        for row in try connection.query("""
            SELECT DISTINCT ON (k.site) k.site, x.id
            FROM unnest(\(names)::text[]) AS k (site)
            JOIN site x ON x.trust_id = \(trustID) AND (lower(x.code) = lower(k.site) OR lower(x.name) = lower(k.site))
            ORDER BY k.site, (lower(x.code) = lower(k.site)) DESC, x.id
            """) {
            known[ExactText(try row.decode("site"))] = try row.decode("id")
        }
    }
}

/// Text compared and hashed by its UTF-8 bytes, as PostgreSQL compares `text` under the C collation:
/// two spellings that Swift's `String ==` finds canonically equivalent stay two.
struct ExactText: Hashable {
    let text: String
    init(_ text: String) { self.text = text }

    static func == (a: ExactText, b: ExactText) -> Bool { a.text.utf8.elementsEqual(b.text.utf8) }

    func hash(into hasher: inout Hasher) {
        var t = text
        t.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}

/// Writes staged rows in COPY text format to a file (for benchmarks that \copy the same rows).
final class StageDump {
    private let handle: FileHandle
    private var buffer: [UInt8] = []

    init(url: URL) throws {
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        guard let h = FileHandle(forWritingAtPath: url.path) else { throw CapitalStoreError("cannot write \(url.path)") }
        handle = h
        buffer.reserveCapacity(1 << 20)
    }

    func write(_ fields: [String?]) throws {
        for (i, f) in fields.enumerated() {
            if i > 0 { buffer.append(0x09) }
            guard let f else { buffer.append(0x5C); buffer.append(0x4E); continue }
            for b in f.utf8 {
                switch b {
                case 0x5C: buffer.append(0x5C); buffer.append(0x5C)
                case 0x09: buffer.append(0x5C); buffer.append(0x74)
                case 0x0A: buffer.append(0x5C); buffer.append(0x6E)
                case 0x0D: buffer.append(0x5C); buffer.append(0x72)
                default: buffer.append(b)
                }
            }
        }
        buffer.append(0x0A)
        if buffer.count >= 1 << 20 { try flush() }
    }

    func flush() throws {
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    func close() throws {
        try flush()
        try handle.close()
    }
}

// MARK: - What the database refuses

/// The register's database constraints, checked per row before COPY so that a value the schema
/// refuses becomes a row-level issue instead of aborting the whole import at the merge.
enum RegisterConstraints {
    static let earliestInstall = CalendarDate(year: 1950, month: 1, day: 1)!
    static let maxMoney: Int64 = 999_999_999_999_999 // numeric(15,2) in pence

    static func apply(_ a: inout CanonicalAsset, file: String, header: (CanonicalField) -> String) -> [ValidationIssue] {
        var out: [ValidationIssue] = []
        func add(_ f: CanonicalField, _ v: String, _ rule: ValidationRule, _ m: String, _ s: Severity) {
            out.append(ValidationIssue(file: file, row: a.sourceRow, column: header(f), value: v, rule: rule, message: m, severity: s))
        }
        if let d = a.installDate, d < earliestInstall {
            add(.installDate, d.iso, .invalidDate, "install date \(d.iso) is before 1950: a misread date? The register accepts 1950 onwards", .error)
        }
        func money(_ field: CanonicalField, _ value: Pence?) {
            if let p = value, p.value > maxMoney {
                add(field, p.plain, .invalidMoney, "£\(p.plain) is too large for the register (at most £9,999,999,999,999.99)", .error)
            }
        }
        money(.purchaseCost, a.purchaseCost)
        money(.netBookValue, a.netBookValue)
        money(.contractAnnualCost, a.contractAnnualCost)
        if !(1...50).contains(a.expectedLifeYears) {
            add(.expectedLife, String(a.expectedLifeYears), .invalidNumber,
                "expected life of \(a.expectedLifeYears) years is outside 1–50; the \(a.modality.rawValue) default of \(a.modality.defaultLifeYears) years is used", .warning)
            a.expectedLifeYears = a.modality.defaultLifeYears
        }
        if let s = a.endOfManufacturerSupport, let i = a.installDate, s < i {
            add(.endOfSupport, s.iso, .invalidDate, "end of support \(s.iso) is before the install date \(i.iso); left empty", .warning)
            a.endOfManufacturerSupport = nil
        }
        if let n = a.netBookValue, let c = a.purchaseCost, n > c {
            add(.netBookValue, n.plain, .invalidMoney, "net book value £\(n.plain) is more than the purchase cost £\(c.plain); left empty", .warning)
            a.netBookValue = nil
        }
        if let d = a.downtimeHoursLastYear, d > 9_999_999 {
            add(.downtime, String(d), .invalidNumber, "downtime of \(d) hours is not plausible; left empty", .warning)
            a.downtimeHoursLastYear = nil
        }
        if let f = a.failuresLastYear, f > Int(Int32.max) { // the column is an integer
            add(.failures, String(f), .invalidNumber, "\(f) failures in a year is not plausible; left empty", .warning)
            a.failuresLastYear = nil
        }
        return out
    }
}
