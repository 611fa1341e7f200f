import CapitalCore
import Foundation
import Postgres
import Register

/// The import's stopwatch: seconds since it began, and (CAPITAL_IMPORT_TIMING=1) time per phase on
/// stderr, for tuning.
struct ImportClock {
    let started = DispatchTime.now()
    let timing = ProcessInfo.processInfo.environment["CAPITAL_IMPORT_TIMING"] != nil
    private var lastPhase = 0.0

    func elapsed() -> Double { Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9 }

    mutating func phase(_ name: String) {
        guard timing else { return }
        let now = elapsed()
        FileHandle.standardError.write(Data(String(format: "  %-12@ %7.2f s\n", name, now - lastPhase).utf8))
        lastPhase = now
    }
}

/// One import inside its transaction, phase by phase (``RegisterStore/importRegister(file:network:trustCode:importers:options:progress:)``):
///
/// 0. ``begin(source:trust:network:options:progress:clock:connection:)``: the trust's lock, the
///    staging table, the batch;
/// 1. ``read()``: read and normalise each row, COPY it into `asset` (a first import) or the staging table;
/// 2. ``findDuplicates()``, then ``merge()``;
/// 3. ``findMissing()``: counted always, retired only when asked;
/// 4. ``storeRejects()`` (--allow-partial);
/// 5. ``rollBackIfUnchanged()``, else ``record()``.
///
/// A phase that ends the import without keeping anything (errors in the file, nothing changed, a dry
/// run) throws ``RegisterStore/Rollback`` with the outcome, which rolls the transaction back.
final class ImportRun {
    let connection: Connection
    let source: ImportSource
    let trust: Trust
    let network: Network
    let options: ImportOptions
    let progress: ((ImportTick) -> Void)?
    var clock: ImportClock
    /// A trust's first import (it has no asset at all, retired ones included; the advisory lock keeps it
    /// so) skips staging and the merge: see ``copyFirstImport()``.
    let firstImport: Bool
    let batch: Int64
    let encoder: StageRowEncoder
    let sites: SiteResolver

    /// The row report so far (kept by Register's pipeline; ``findDuplicates()`` adds to it there, in place).
    var report: ImportReport { source.pipeline.report }
    var outcome: ImportOutcome
    var staged = 0
    var stagedRejects = 0
    var failed = false
    /// Rows read so far (for progress): the pipeline's count.
    var rowsRead: Int { source.pipeline.rowsRead }

    private init(connection: Connection, source: ImportSource, trust: Trust, network: Network, options: ImportOptions,
                 progress: ((ImportTick) -> Void)?, clock: ImportClock, firstImport: Bool, batch: Int64,
                 outcome: ImportOutcome) {
        self.connection = connection
        self.source = source
        self.trust = trust
        self.network = network
        self.options = options
        self.progress = progress
        self.clock = clock
        self.firstImport = firstImport
        self.batch = batch
        self.outcome = outcome
        encoder = StageRowEncoder(headers: source.pipeline.headers, trustID: trust.id, batchID: batch)
        sites = SiteResolver(connection: connection, trustID: trust.id)
    }

    /// Phase 0, in the import's transaction: takes the trust's lock, creates the staging table and records the batch.
    static func begin(source: ImportSource, trust: Trust, network: Network, options: ImportOptions,
                      progress: ((ImportTick) -> Void)?, clock: ImportClock, connection c: Connection) throws -> ImportRun {
        let fileName = source.fileName, reader = source.pipeline.reader, bound = source.pipeline.bound, fileBytes = source.fileBytes
        var outcome = ImportOutcome(status: .loaded, file: fileName, trust: trust.odsCode, sha256: "",
                                    fileBytes: fileBytes, format: reader.format, encoding: nil, sheet: reader.sheetName,
                                    mapping: bound.report, summary: ImportSummary(), issues: [])
        // Named for the length of the transaction, so a second import waiting on the lock can say whose it is.
        try c.executeScript("SET LOCAL application_name TO " + SQL.quoteLiteral("capital import \(trust.odsCode)"))
        try c.advisoryTransactionLock(RegisterStore.lockBase + trust.id) { holder in
            options.waiting?("another import for \(trust.odsCode) holds its lock: "
                             + (holder.map { "session \($0)" } ?? "a session capital cannot see") + "; waiting for it to finish")
        }
        // A trust's first import (it has no asset at all, retired ones included; the advisory lock
        // keeps it so) skips staging and the merge: see `copyFirstImport()`.
        // A finance file is always staged: its rows become finance records (ImportRun+Finance.swift).
        let firstImport: Bool = try c.scalar("SELECT NOT EXISTS (SELECT 1 FROM asset WHERE trust_id = \(trust.id))")
            && (options.source ?? bound.profile.sourceKind) == .cmms
        try c.executeScript("CREATE TEMP TABLE import_stage_rows (LIKE import_stage INCLUDING DEFAULTS) ON COMMIT DROP")
        // The batch comes first: a first import's rows point at it as they go in. Its file hash is
        // known once the file is read, and set then (until then it holds a placeholder).
        // How the file was read, for `capital import show` (sql/0050): field -> header as used, the --map options, the header row.
        let mapping = PostgresJSON(text: "{" + bound.report.mapped.compactMap { col in
            col.field.map { JSONText.quoted($0.rawValue) + ":" + JSONText.quoted(col.header) }
        }.joined(separator: ",") + "}")
        let batch: Int64 = try c.scalar("""
            INSERT INTO import_batch (trust_id, file_name, sha256, profile, sheet, file_bytes, partial, imported_by,
                                      mapping, map_options, header_row, header_row_given)
            VALUES (\(trust.id), \(fileName), \(String(repeating: "0", count: 64)), \(bound.profile.name),
                    \(reader.sheetName), \(fileBytes), \(options.allowPartial), coalesce(\(options.user), current_user),
                    \(mapping), \(options.mapping.map { "\($0.field.rawValue)=\($0.header)" })::text[], \(bound.report.headerRow),
                    \(options.headerRow != nil))
            RETURNING id
            """)
        outcome.batchID = batch
        return ImportRun(connection: c, source: source, trust: trust, network: network, options: options, progress: progress,
                         clock: clock, firstImport: firstImport, batch: batch, outcome: outcome)
    }

    /// Phases 1 to 5, in order; the outcome of a loaded import (others end by throwing ``RegisterStore/Rollback``).
    func run() throws -> ImportOutcome {
        try read()
        if failed {
            outcome.batchID = nil
            outcome.added = 0
            throw RegisterStore.Rollback(outcome: finish(.failed))
        }
        try indexStagedTags()
        try markSourceKind()
        if sourceKind == .finance { try keepFinanceRecords() }
        if try rowsBecomeAssets() {
            try findDuplicates()
            try merge()
            try retireFinanceAssets()
            try findMissing()
        } else {
            outcome.sitesCreated = sites.created.sorted()
        }
        try storeRejects()
        try rollBackIfUnchanged()
        return try record()
    }

    /// An index on the staged tags keeps the anti-joins of the merge fast even when the planner
    /// misjudges `asset` (its statistics lag behind a big import).
    func indexStagedTags() throws {
        if !firstImport {
            try connection.executeScript("CREATE INDEX ON import_stage_rows (asset_tag); ANALYZE import_stage_rows")
        }
        clock.phase("analyze")
    }

    /// The outcome so far, with `status`.
    func finish(_ status: ImportOutcome.Status) -> ImportOutcome {
        var o = outcome
        o.status = status
        o.summary = report.summary
        o.issues = report.issues
        o.skips = report.skips
        o.encoding = source.pipeline.reader.encoding
        o.loaded = status == .failed ? 0 : staged
        o.seconds = clock.elapsed()
        return o
    }
}
