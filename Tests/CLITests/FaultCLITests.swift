import Foundation
@testable import Postgres
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

// Process-level faults (issue 14): `capital` killed with SIGKILL during first-time setup and at each
// phase of an import. Afterwards the register is as it was, no lock, session or staging table of the
// dead process is left, the next run succeeds, and the server listens on nothing but capital's own
// socket directory.

/// A `capital` process in the background, its stderr collected as it arrives, to be killed mid-flight.
final class BackgroundCapital: @unchecked Sendable { // `text` is guarded by `lock`
    let process = Process()
    private let lock = NSLock()
    private var text = ""

    init(_ cli: CLI, _ arguments: [String], environment extra: [String: String] = [:]) throws {
        process.executableURL = CLI.binary
        process.arguments = arguments
        process.environment = cli.environment.merging(extra) { $1 }
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        pipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self, !data.isEmpty else { return }
            self.lock.lock()
            self.text += String(decoding: data, as: UTF8.self)
            self.lock.unlock()
        }
        try process.run()
    }

    var stderr: String {
        lock.lock()
        defer { lock.unlock() }
        return text
    }

    var isRunning: Bool { process.isRunning }

    func killHard() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}

/// Polls `condition` every 20 ms for up to `seconds`; the time it took, or nil if it never held.
@discardableResult
func waitFor(_ seconds: Double, _ condition: () throws -> Bool) rethrows -> Double? {
    let start = Date()
    while Date().timeIntervalSince(start) < seconds {
        if try condition() { return Date().timeIntervalSince(start) }
        usleep(20_000)
    }
    return nil
}

enum FaultChecks {
    /// Processes whose command line mentions `text` (an orphaned initdb, a server).
    static func processes(mentioning text: String) -> [Int32] {
        let ids = (try? FileManager.default.contentsOfDirectory(atPath: "/proc"))?.compactMap { Int32($0) } ?? []
        return ids.filter { pid in
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
            return String(decoding: data.map { $0 == 0 ? 32 : $0 }, as: UTF8.self).contains(text)
        }
    }

    /// The server on `dir` listens on capital's socket directory and nowhere else: asked of the
    /// server (its settings) and of the kernel (`ss`, where installed).
    static func expectPrivate(_ dir: URL, _ c: Connection, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let run = dir.appendingPathComponent("run").path
        #expect(try c.scalar("SHOW listen_addresses", as: String.self) == "", sourceLocation: sourceLocation)
        #expect(try c.scalar("SHOW unix_socket_directories", as: String.self) == run, sourceLocation: sourceLocation)
        let pidText = try String(contentsOf: dir.appendingPathComponent("pgdata/postmaster.pid"), encoding: .utf8)
        let pid = pidText.split(separator: "\n")[0]
        for ss in ["/usr/bin/ss", "/bin/ss"] where FileManager.default.isExecutableFile(atPath: ss) {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: ss)
            p.arguments = ["-H", "-l", "-n", "-p", "-t", "-u", "-x"]
            let pipe = Pipe()
            p.standardOutput = pipe
            p.standardError = FileHandle.nullDevice
            try p.run()
            let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            let mine = out.split(separator: "\n").filter { $0.contains("pid=\(pid),") }
            for line in mine {
                #expect(line.hasPrefix("u_str") && line.contains(run + "/.s.PGSQL."), "the server listens on \(line)", sourceLocation: sourceLocation)
            }
            break
        }
    }

    /// Everything an import could leave behind: its lock, its session, its staging tables.
    static func leftovers(_ c: Connection) throws -> Int {
        try c.scalar("""
            SELECT ((SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid <> pg_backend_pid())
                  + (SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE 'capital import%')
                  + (SELECT count(*) FROM pg_class WHERE relpersistence = 't' AND relname IN ('import_stage_rows', 'import_site_map')))::int
            """)
    }

    /// The register's content, to compare before and after.
    static func fingerprint(_ c: Connection) throws -> String {
        try c.scalar("""
            SELECT concat_ws(':', (SELECT count(*) FROM asset), (SELECT md5(string_agg(md5(a::text), '' ORDER BY a.id)) FROM asset a),
                             (SELECT count(*) FROM import_batch), (SELECT count(*) FROM asset_reject), (SELECT count(*) FROM site))
            """)
    }
}

@Suite(.serialized) struct SetupFaultTests {
    /// kill -9 of `capital db start` while initdb runs, then a server started by hand on the data
    /// directory with PostgreSQL's defaults (TCP, the shared socket directory).
    @Test func killedFirstTimeSetupThenAForeignServer() throws {
        let dir = try temporaryDataDirectory()
        chmod(dir.path, 0o755)
        let cli = CLI(dataDirectory: dir)
        defer {
            _ = try? cli.run("db", "stop")
            waitFor(30) { FaultChecks.processes(mentioning: dir.path).isEmpty }
            try? FileManager.default.removeItem(at: dir)
        }

        let setup = try BackgroundCapital(cli, ["db", "start"])
        let caught = waitFor(30) { !FaultChecks.processes(mentioning: "initdb -D \(dir.path)/").isEmpty }
        #expect(caught != nil, "initdb never started: \(setup.stderr)")
        usleep(200_000)
        setup.killHard()
        // Only the staging directory exists: nothing that a later start could take for a cluster.
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("pgdata").path))
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        #expect(names.contains { $0.hasPrefix("pgdata.new-") }, "\(names)")

        // The next start makes a whole new cluster (the orphaned initdb may still be running) and
        // clears the leftover; nothing listens beyond capital's socket.
        let again = try cli.run("db", "start")
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("new cluster"))
        waitFor(30) { FaultChecks.processes(mentioning: "initdb -D \(dir.path)/").isEmpty }
        _ = try cli.run("db", "start") // clears what the orphaned initdb left, now it has ended
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix("pgdata.new-") }
        #expect(left.isEmpty, "\(left)")
        let cluster = LocalCluster(directory: dir)
        do {
            let c = try cluster.connect(start: false)
            try FaultChecks.expectPrivate(dir, c)
        }
        let mode = try FileManager.default.attributesOfItem(atPath: cluster.logFile.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)

        // A server capital did not start, on its data directory: status says so (pid, how to stop
        // it), start refuses it, stop stops it.
        #expect(try cli.run("db", "stop").status == 0)
        let port = Int.random(in: 20_000...29_999)
        let pgctl = try LocalCluster.binary("pg_ctl")
        let args = ["start", "-w", "-D", cluster.dataDirectory.path, "-l", "/dev/null",
                    "-o", "-p \(port) -c listen_addresses=localhost -c unix_socket_directories=/tmp"]
        // Not Foundation's Process: the server pg_ctl leaves running would hold its pipe, and
        // waitUntilExit would wait for the server (see Spawn).
        let manual = try Spawn.run(geteuid() == 0 ? LocalCluster.runuser : pgctl,
                                   geteuid() == 0 ? ["-u", "postgres", "--", pgctl] + args : args,
                                   environment: ["PATH": "/usr/bin:/bin", "LC_ALL": "C"])
        #expect(manual.status == 0, "\(manual.output)")
        let status = try cli.run("db", "status")
        #expect(status.status == 0, "\(status.stderr)")
        #expect(status.stdout.contains("did not start"), "\(status.stdout)")
        #expect(status.stdout.contains("localhost:\(port)"), "\(status.stdout)")
        #expect(status.stdout.contains("kill -INT"), "\(status.stdout)")
        let refused = try cli.run("trust", "list")
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("did not start"), "\(refused.stderr)")
        #expect(try cli.run("db", "stop").stdout == "stopped\n")
        let restarted = try cli.run("db", "start")
        #expect(restarted.status == 0, "\(restarted.stderr)")
        try FaultChecks.expectPrivate(dir, try cluster.connect(start: false))

        // Right after the server crashes, commands wait for it instead of failing: a backend killed
        // (the server restarts every process and recovers), then the postmaster itself.
        let victim = try cluster.connect(start: false)
        let backend: Int32 = try victim.scalar("SELECT pg_backend_pid()")
        kill(backend, SIGKILL)
        let afterBackend = try cli.run("network", "list")
        #expect(afterBackend.status == 0, "after a backend crash: \(afterBackend.stderr)")
        let postmaster = try #require(Int32(try String(contentsOf: cluster.dataDirectory.appendingPathComponent("postmaster.pid"),
                                                       encoding: .utf8).split(separator: "\n")[0]))
        kill(postmaster, SIGKILL)
        let afterServer = try cli.run("network", "list")
        #expect(afterServer.status == 0, "after the server was killed: \(afterServer.stderr)")
        try FaultChecks.expectPrivate(dir, try cluster.connect(start: false))
    }

    /// A data directory capital did not finish (no marker; an earlier capital killed during initdb
    /// left such) is never started.
    @Test func aDataDirectoryWithoutTheMarkerIsNotStarted() throws {
        let dir = try temporaryDataDirectory()
        let cli = CLI(dataDirectory: dir)
        defer { try? FileManager.default.removeItem(at: dir) }
        let pgdata = dir.appendingPathComponent("pgdata")
        try FileManager.default.createDirectory(at: pgdata, withIntermediateDirectories: true)
        try "15\n".write(to: pgdata.appendingPathComponent("PG_VERSION"), atomically: true, encoding: .utf8)
        let start = try cli.run("db", "start")
        #expect(start.status == 1)
        #expect(start.stderr.contains("capital did not set up"), "\(start.stderr)")
        #expect(start.stderr.contains("rm -r \(pgdata.path)"), "\(start.stderr)")
        #expect(try cli.run("db", "status").stdout.contains("not set up by capital"))
        #expect(try cli.run("network", "list").status == 1)
    }
}

/// Where an import is killed.
enum ImportKillPoint: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case waitingForTheLock, firstImportCopy, stagingCopy, index, duplicates, merge, missing, statistics
    var testDescription: String { rawValue }

    /// The `CAPITAL_IMPORT_TIMING` line that ends the phase before: the kill lands in this one.
    var after: String? {
        switch self {
        case .index: return "read+copy"
        case .duplicates: return "analyze"
        case .merge: return "duplicates"
        case .missing: return "merge"
        case .statistics: return "missing"
        default: return nil
        }
    }
}

/// One embedded cluster with a loaded register of 20,000 assets, shared by the import kills.
final class ImportFaultFixture: Sendable {
    let dir: URL
    let cli: CLI
    let changed: URL      // the same tags, other values: every asset would be updated
    let small: URL        // 300 rows of it, for the quick run after a kill
    let firstFile: URL    // for a trust with no assets yet

    static let shared = Result { try ImportFaultFixture() }
    nonisolated(unsafe) static var toRemove: ImportFaultFixture?

    init() throws {
        dir = try temporaryDataDirectory()
        chmod(dir.path, 0o755)
        cli = CLI(dataDirectory: dir)
        let a = dir.appendingPathComponent("a"), b = dir.appendingPathComponent("b")
        let loaded = try cli.run("sample", "--trusts", "1", "--assets", "20000", "--out", a.path, "--load")
        guard loaded.status == 0 else { throw UserErrorForTests("sample --load failed: \(loaded.stderr)") }
        let other = try cli.run("sample", "--trusts", "1", "--assets", "20000", "--seed", "2", "--out", b.path)
        guard other.status == 0 else { throw UserErrorForTests("sample failed: \(other.stderr)") }
        changed = b.appendingPathComponent("R1A-cmms-equip.csv")
        firstFile = a.appendingPathComponent("R1A-cmms-equip.csv")
        small = dir.appendingPathComponent("small.csv")
        // The header and 300 rows, byte for byte (the sample is Windows-1252).
        let bytes = try Data(contentsOf: changed)
        let ends = bytes.indices.lazy.filter { bytes[$0] == 0x0A }.prefix(301)
        try bytes.prefix(through: Array(ends).last!).write(to: small)
        let trust = try cli.run("trust", "add", "R2B", "--name", "Second Trust")
        guard trust.status == 0 else { throw UserErrorForTests("trust add failed: \(trust.stderr)") }
        ImportFaultFixture.toRemove = self
        atexit {
            if let f = ImportFaultFixture.toRemove {
                LocalCluster(directory: f.dir).destroy()
            }
        }
    }

    func connection() throws -> Connection { try LocalCluster(directory: dir).connect(start: false) }
}

struct UserErrorForTests: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

@Suite(.serialized) struct ImportFaultTests {
    @Test(arguments: ImportKillPoint.allCases)
    func killedImport(at point: ImportKillPoint) throws {
        let f = try ImportFaultFixture.shared.get()
        let c = try f.connection()
        let before = try FaultChecks.fingerprint(c)
        let trust = point == .firstImportCopy ? "R2B" : "R1A"
        let file = point == .firstImportCopy ? f.firstFile : f.changed

        // Another session holds the trust's import lock.
        var holder: Connection?
        if point == .waitingForTheLock {
            let h = try f.connection()
            try h.execute("BEGIN")
            let id: Int64 = try h.scalar("SELECT id FROM trust WHERE ods_code = 'R1A'")
            try h.execute("SELECT pg_advisory_xact_lock(\(0x494D_0000_0000 + id))")
            holder = h
        }

        let started = Date()
        let run = try BackgroundCapital(f.cli, ["import", file.path, "--trust", trust, "--allow-partial"],
                                        environment: ["CAPITAL_IMPORT_TIMING": "1"])
        let reached: Double?
        switch point {
        case .waitingForTheLock:
            let pid: Int = try holder!.scalar("SELECT pg_backend_pid()")
            reached = waitFor(60) { run.stderr.contains("holds its lock: session pid \(pid) (") }
        case .firstImportCopy, .stagingCopy:
            reached = try waitFor(60) {
                try c.scalar("""
                    SELECT count(*)::int FROM pg_stat_activity
                    WHERE application_name LIKE 'capital import%' AND state = 'active' AND query LIKE 'COPY%'
                    """, as: Int.self) > 0
            }
            usleep(300_000) // rows on their way
        default:
            reached = waitFor(120) { run.stderr.contains("  \(point.after!) ") }
        }
        #expect(reached != nil, "\(point): the import never got there: \(run.stderr)")
        #expect(run.isRunning, "\(point): the import ended before the kill: \(run.stderr)")
        run.killHard()
        if let holder { try holder.execute("COMMIT") }

        // The server notices the dead client within about a second (client_connection_check_interval),
        // even in the middle of a long statement, and rolls everything back.
        let cleared = try waitFor(10) { try FaultChecks.leftovers(c) == 0 }
        #expect(cleared != nil, "\(point): a lock, session or staging table was left")
        #expect((cleared ?? 99) < 3, "\(point): the dead import's work took \(cleared ?? 99) s to stop")
        #expect(try FaultChecks.fingerprint(c) == before, "\(point): the register changed")
        try FaultChecks.expectPrivate(f.dir, c)

        // The next run goes through: a real import for the first-import trust, a quick dry run otherwise.
        let next = point == .firstImportCopy
            ? try f.cli.run("import", f.firstFile.path, "--trust", "R2B", "--allow-partial")
            : try f.cli.run("import", f.small.path, "--trust", "R1A", "--allow-partial", "--dry-run")
        #expect(next.status == 0, "\(point): the next import failed: \(next.stderr)")
        #expect(next.stdout.contains(point == .firstImportCopy ? "changes, batch" : "dry run"), "\(next.stdout)")
        #expect(try FaultChecks.leftovers(c) == 0)
        print("killed import at \(point): \(String(format: "%.1f", Date().timeIntervalSince(started))) s, cleared \(String(format: "%.2f", cleared ?? -1)) s after the kill")
    }
}

/// Error output: bounded, with the input's control characters escaped; amounts beyond the database's range refused.
@Suite struct ErrorOutputCLITests {
    @Test func errorsAreBoundedAndEscapedAndAmountsChecked() throws {
        let (_, name) = try TestDatabase.fresh()
        var cli = CLI(dataDirectory: URL(fileURLWithPath: "/nonexistent-capital-data"))
        cli.environment["DATABASE_URL"] = try TestDatabase.conninfo(database: name)
        #expect(try cli.run("network", "create", "Errors", "--formed", "2025-04-01").status == 0)
        #expect(try cli.run("trust", "add", "RAA", "--name", "Trust A").status == 0)

        let evil = "Evil\u{1B}[2J\u{07}\u{202E}"
        #expect(try cli.run("network", "create", evil, "--formed", "2025-04-01").status == 0)
        let ambiguous = try cli.run("trust", "list")
        #expect(ambiguous.status == 1)
        #expect(!ambiguous.stderr.contains("\u{1B}") && !ambiguous.stderr.contains("\u{07}") && !ambiguous.stderr.contains("\u{202E}"))
        #expect(ambiguous.stderr.contains(#"Evil\u{1B}[2J\u{7}\u{202E}"#), "\(ambiguous.stderr)")

        // A 5 MB header line is not echoed whole.
        let dir = try temporaryDataDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }

        // A file with no loadable imaging asset exits 1 and says why (issue 15: it said "0 changes" with exit 0).
        let office = dir.appendingPathComponent("office.csv")
        try Data("""
            Equipment No,Description,Manufacturer,Model,Serial No,Site,Department,Acquisition Date,Purchase Price,Status
            F1,Office chair,Herman Miller,Aeron,A1,Main,Admin,01/02/2019,900,In Use
            F2,Desk lamp,Anglepoise,Type 75,A2,Main,Admin,01/02/2019,150,In Use
            F3,Infusion pump,Alaris,GP,A3,Main,Ward 4,01/02/2019,1500,In Use
            """.utf8).write(to: office)
        let skippedCSV = dir.appendingPathComponent("skipped.csv")
        let empty = try cli.run("import", office.path, "--trust", "RAA", "--network", "Errors", "--allow-partial",
                                "--errors", skippedCSV.path)
        #expect(empty.status == 1, "\(empty.stdout)\n\(empty.stderr)")
        #expect(empty.stderr.contains("nothing could be loaded: no row looks like imaging equipment: 3 row(s), none with an imaging modality")
                && empty.stderr.contains("1 not imaging, 2 with no modality recognised") && empty.stderr.contains("--allow-empty"),
                "\(empty.stderr)")
        // Every skipped row is in the --errors file, with its reason and severity "skipped", once.
        let lines = try String(contentsOf: skippedCSV, encoding: .utf8).split(separator: "\r\n").map(String.init)
        #expect(lines.count == 4, "\(lines)")
        #expect(lines.dropFirst().allSatisfy { $0.hasSuffix(",skipped") }, "\(lines)")
        #expect(lines[1].hasPrefix("office.csv,2,") && lines[1].contains("unrecognised_modality"), "\(lines)")
        #expect(lines[3].hasPrefix("office.csv,4,Description,Infusion pump,non_imaging,\"not imaging equipment"), "\(lines)")
        // --allow-empty: the same file is not a failure.
        let allowed = try cli.run("import", office.path, "--trust", "RAA", "--network", "Errors", "--allow-empty")
        #expect(allowed.status == 0, "\(allowed.stdout)\n\(allowed.stderr)")
        let file = dir.appendingPathComponent("wide.csv")
        try Data(("Asset Tag," + String(repeating: "A", count: 5_000_000) + "\u{1B}[31m,Make\n1,2,3\n").utf8).write(to: file)
        let wide = try cli.run("import", file.path, "--trust", "RAA", "--network", "Errors")
        #expect(wide.status == 1)
        #expect(wide.stderr.utf8.count < 10_000, "\(wide.stderr.utf8.count) bytes of error")
        #expect(wide.stderr.contains("more characters"))

        let huge = try cli.run("calls", "add", "--network", "Errors", "--amount", "10000000000000", "--purpose", "x", "--date", "2026-05-01")
        #expect(huge.status == 2) // a bad option value: a usage error
        #expect(huge.stderr.contains("too large"), "\(huge.stderr)")
        #expect(!huge.stderr.contains("SQLSTATE"))
    }

    @Test func theURLsPasswordIsMaskedUnlessAsked() throws {
        let cli = CLI(dataDirectory: URL(fileURLWithPath: "/nonexistent-capital-data"))
        let url = "postgresql://bob:s3cret@db.example/x"
        #expect(try cli.run("db", "url", "--database", url).stdout == "postgresql://bob:***@db.example/x\n")
        #expect(try cli.run("db", "url", "--database", url, "--show-password").stdout == url + "\n")
        #expect(try cli.run("db", "url", "--database", "host=h password=s3cret dbname=x").stdout == "host=h password=*** dbname=x\n")
        let malformed = try cli.run("network", "list", "--database", "postgresql://bob:s3cret@[bad/x")
        #expect(malformed.status == 1)
        #expect(!malformed.stderr.contains("s3cret"), "\(malformed.stderr)")
    }
}
