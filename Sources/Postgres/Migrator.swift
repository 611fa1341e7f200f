import Foundation

/// Applies numbered SQL migration files in order, each in its own transaction, and records them.
///
/// Files are named `NNNN_description.sql` (e.g. `0001_core.sql`) and applied by number. Each
/// applied file is recorded in `schema_migrations` with its SHA-256, so running again applies only
/// what is new, and a file changed after it was applied is refused rather than silently ignored:
/// history and code must agree. Concurrent migrators are serialised by an advisory lock.
public struct Migrator: Sendable {
    /// One migration file, read from disk.
    public struct Migration: Sendable, Equatable {
        /// The number the file name starts with (`0001_core.sql` is 1).
        public let version: Int
        /// The file name, e.g. `0001_core.sql`.
        public let name: String
        /// Where the file is.
        public let file: URL
        /// The file's SQL text.
        public let sql: String
    }

    /// A migration the database records as applied, from `schema_migrations`.
    public struct Applied: Sendable, Equatable {
        /// The migration's number.
        public let version: Int
        /// The migration's file name.
        public let name: String
        /// The SHA-256 of the SQL applied, lower-case hex.
        public let checksum: String
        /// When it was applied, UTC, as `YYYY-MM-DDTHH:MM:SSZ`.
        public let appliedAt: String
    }

    /// What one `migrate(_:)` did.
    public struct Report: Sendable {
        /// The migrations applied by this run, in order.
        public var applied: [Migration] = []
        /// How many were applied before this run.
        public var alreadyApplied: Int = 0
    }

    /// The directory of `NNNN_description.sql` files.
    public let directory: URL

    /// A migrator for the files in `directory`; nothing is read until used.
    public init(directory: URL) { self.directory = directory }

    /// Reads the migration files, in order. Refuses duplicate numbers and badly named files.
    public func migrations() throws -> [Migration] {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: directory.path) else {
            throw PostgresError(kind: .protocolViolation, message: "migrations directory \(directory.path) cannot be read")
        }
        var seen: [Int: String] = [:]
        var list: [Migration] = []
        for name in names.sorted() where name.hasSuffix(".sql") {
            let digits = name.prefix(while: \.isNumber)
            guard !digits.isEmpty, let version = Int(digits), name.dropFirst(digits.count).hasPrefix("_") else {
                throw PostgresError(kind: .protocolViolation,
                                    message: "migration file \(name) is not named NNNN_description.sql")
            }
            if let other = seen[version] {
                throw PostgresError(kind: .protocolViolation, message: "migrations \(other) and \(name) share the number \(version)")
            }
            seen[version] = name
            let url = directory.appendingPathComponent(name)
            let sql = try String(contentsOf: url, encoding: .utf8)
            list.append(Migration(version: version, name: name, file: url, sql: sql))
        }
        return list.sorted { $0.version < $1.version }
    }

    /// What the database records as applied.
    public func applied(on connection: Connection) throws -> [Applied] {
        // Nothing applied yet, and nothing created by a reader (who may not create tables).
        if try connection.queryFirst("SELECT 1 WHERE to_regclass('schema_migrations') IS NULL") != nil { return [] }
        return try connection.query("""
            SELECT version, name, checksum, to_char(applied_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS applied_at
            FROM schema_migrations ORDER BY version
            """).map {
            Applied(version: try $0.decode("version"), name: try $0.decode("name"),
                    checksum: try $0.decode("checksum"), appliedAt: try $0.decode("applied_at"))
        }
    }

    /// Files not yet applied, after checking that every applied file is unchanged.
    public func pending(on connection: Connection) throws -> [Migration] {
        let files = try migrations()
        let done = try applied(on: connection)
        try verify(files: files, applied: done, connection: connection)
        let doneVersions = Set(done.map(\.version))
        return files.filter { !doneVersions.contains($0.version) }
    }

    /// Applies every pending migration. Idempotent: a second run applies nothing.
    @discardableResult
    public func migrate(_ connection: Connection) throws -> Report {
        try ensureTable(connection)
        // Session-level lock: two `capital db migrate` at once take turns instead of racing.
        try connection.execute("SELECT pg_advisory_lock(\(Migrator.lockKey))")
        defer { _ = try? connection.execute("SELECT pg_advisory_unlock(\(Migrator.lockKey))") }
        var report = Report()
        let files = try migrations()
        let done = try applied(on: connection)
        try verify(files: files, applied: done, connection: connection)
        let doneVersions = Set(done.map(\.version))
        report.alreadyApplied = done.count
        // A new file numbered below one already applied would run out of order on this database
        // but in order on a fresh one: the two would end up different. Refuse it.
        if let latest = done.map(\.version).max(),
           let late = files.first(where: { !doneVersions.contains($0.version) && $0.version < latest }) {
            throw PostgresError(kind: .protocolViolation,
                                message: "migration \(late.name) is numbered below \(done.first { $0.version == latest }!.name), which is already applied",
                                hint: "renumber it after the latest applied migration")
        }
        for migration in files where !doneVersions.contains(migration.version) {
            do {
                try connection.transaction { c in
                    try c.executeScript(migration.sql)
                    try c.executeScript(Migrator.afterEach)
                    try c.execute("""
                        INSERT INTO schema_migrations (version, name, checksum)
                        VALUES (\(migration.version), \(migration.name), encode(sha256(convert_to(\(migration.sql), 'UTF8')), 'hex'))
                        """)
                }
            } catch var error as PostgresError {
                error.message = "migration \(migration.name) failed and was rolled back: \(error.message)"
                throw error
            }
            report.applied.append(migration)
        }
        return report
    }

    /// Run in each migration's transaction after its script: when the schema defines `capital_secure_schema()`
    /// (sql/0045), it hands what the migration created to the owner role, grants the group roles their rights, and
    /// puts row-level security and the audit triggers on new tables, so a later migration's tables join by themselves.
    static let afterEach = """
        DO $$ BEGIN
            IF to_regproc('public.capital_secure_schema') IS NOT NULL THEN PERFORM public.capital_secure_schema(); END IF;
        END $$
        """

    static let lockKey: Int64 = 0x4341_5049_5441_4C00 // "CAPITAL\0"

    private func ensureTable(_ connection: Connection) throws {
        // A role that may not create tables (capital's own) can still read an existing one.
        if try connection.queryFirst("SELECT 1 WHERE to_regclass('schema_migrations') IS NOT NULL") != nil { return }
        try connection.executeScript("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version    integer PRIMARY KEY,
                name       text NOT NULL,
                checksum   text NOT NULL CHECK (checksum ~ '^[0-9a-f]{64}$'),
                applied_at timestamptz NOT NULL DEFAULT now(),
                applied_by text NOT NULL DEFAULT current_user
            )
            """)
        _ = connection.takeNotices()
    }

    private func verify(files: [Migration], applied: [Applied], connection: Connection) throws {
        let byVersion = Dictionary(uniqueKeysWithValues: files.map { ($0.version, $0) })
        for record in applied {
            guard let file = byVersion[record.version] else {
                throw PostgresError(kind: .protocolViolation,
                                    message: "migration \(record.name) is recorded as applied but its file is missing from \(directory.path)",
                                    hint: "restore the file; applied migrations are never deleted")
            }
            let checksum: String = try connection.scalar("SELECT encode(sha256(convert_to(\(file.sql), 'UTF8')), 'hex')")
            if checksum != record.checksum {
                throw PostgresError(kind: .protocolViolation,
                                    message: "migration \(file.name) has changed since it was applied on \(record.appliedAt) (checksum \(record.checksum.prefix(12))… now \(checksum.prefix(12))…)",
                                    hint: "restore the applied version of the file and put the change in a new migration")
            }
        }
    }
}
