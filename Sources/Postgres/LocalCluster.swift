import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A PostgreSQL cluster of the user's own, run from Debian's server binaries (`initdb`, `pg_ctl`).
///
/// The cluster lives in one directory: `pgdata/` (the data), `run/` (the Unix socket; the server
/// listens on no TCP port), `postgres.log`. It is created on first use and started on demand; a
/// second process finds the running server through `postmaster.pid` instead of starting another,
/// and a lock file serialises two processes starting it at once. PostgreSQL refuses to run as root,
/// so when the caller is root the server runs as an unprivileged user (`postgres` by default,
/// `CAPITAL_PG_USER` to choose another) through `runuser`.
public struct LocalCluster: Sendable {
    /// The directory holding the cluster (`pgdata/`, `run/`, `postgres.log`), standardised.
    public let directory: URL
    /// Extra `postgresql.conf` settings written at `initdb` (tests turn fsync off, for example).
    public let settings: [String: String]
    /// The port number in the socket's name (`.s.PGSQL.5432`); the server listens on no TCP port.
    public let port: Int = 5432
    /// The database `start()` makes sure exists, and the one the connection string names.
    public let databaseName: String
    /// The superuser `initdb` creates (local connections are trusted): it only creates the database and users' roles
    /// and migrates; capital's own work is done as ``appRole``.
    public let superuser = "capital"
    /// The role capital works as (sql/0045): a network admin, neither superuser nor exempt from row-level security.
    public let appRole = "capital_app"

    /// Whether the cluster exists and whether its server is running.
    public enum State: Sendable, Equatable, CustomStringConvertible {
        case notInitialised
        case stopped
        case running(pid: Int)
        /// A server runs on the data directory, but not as capital starts it (another socket
        /// directory, or TCP): someone ran `pg_ctl start` by hand, or an older capital was
        /// interrupted during setup. capital neither uses nor reports it as its own.
        case foreign(pid: Int, listening: String)
        /// A data directory without capital's marker: not made (or not finished) by capital.
        case unmarked
        /// "not initialised", "stopped", "running (pid N)", or what is wrong.
        public var description: String {
            switch self {
            case .notInitialised: return "not initialised"
            case .stopped: return "stopped"
            case .running(let pid): return "running (pid \(pid))"
            case .foreign(let pid, let listening):
                return "a server capital did not start runs on its data directory (pid \(pid), listening on \(listening)); "
                    + "stop it with `capital db stop` or `kill -INT \(pid)`"
            case .unmarked: return "the data directory was not set up by capital (no \(LocalCluster.markerName))"
            }
        }
    }

    /// A cluster in `directory`; nothing is created or started until `start()`.
    public init(directory: URL, databaseName: String = "capital", settings: [String: String] = [:]) {
        self.directory = directory.standardizedFileURL
        self.databaseName = databaseName
        self.settings = settings
    }

    /// `$CAPITAL_DATA_DIR`, else `$XDG_DATA_HOME/capital`, else `~/.local/share/capital`.
    /// As root the default is `/var/lib/capital`: root's home is private (0700), and the
    /// unprivileged server user could not reach a data directory inside it.
    public static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let dir = environment["CAPITAL_DATA_DIR"], !dir.isEmpty { return URL(fileURLWithPath: dir) }
        if geteuid() == 0 { return URL(fileURLWithPath: "/var/lib/capital") }
        if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty {
            return URL(fileURLWithPath: xdg).appendingPathComponent("capital")
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return URL(fileURLWithPath: home).appendingPathComponent(".local/share/capital")
    }

    /// The data directory, `pgdata/`.
    public var dataDirectory: URL { directory.appendingPathComponent("pgdata") }
    /// Written into the data directory last, once capital's configuration is in place: a data
    /// directory without it was not (completely) set up by capital, and is never started.
    public static let markerName = "capital.marker"
    var marker: URL { dataDirectory.appendingPathComponent(LocalCluster.markerName) }
    /// The directory of the server's Unix socket, `run/`.
    public var socketDirectory: URL { directory.appendingPathComponent("run") }
    /// The server's log, `postgres.log`.
    public var logFile: URL { directory.appendingPathComponent("postgres.log") }

    /// libpq conninfo for `database` in the cluster, over its Unix socket, as `user` (the superuser by default).
    public func connectionString(database: String, user: String? = nil) -> String {
        "host='\(socketDirectory.path)' port=\(port) dbname='\(database)' user='\(user ?? superuser)'"
    }

    /// A URL for the cluster's database as `user` (default ``appRole``), for `capital db url` and other tools.
    public func url(user: String? = nil) -> String {
        let safe = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~")), name = user ?? appRole
        let host = socketDirectory.path.addingPercentEncoding(withAllowedCharacters: safe) ?? socketDirectory.path
        return "postgresql://\(name.addingPercentEncoding(withAllowedCharacters: safe) ?? name)@/\(databaseName)?host=\(host)&port=\(port)"
    }

    /// The state now: initialised or not, and running when its pid file names a live process and its socket exists.
    public var state: State {
        let fm = FileManager.default
        guard fm.fileExists(atPath: dataDirectory.appendingPathComponent("PG_VERSION").path) else { return .notInitialised }
        if let server = postmaster() {
            // The server capital starts listens on its own socket directory only (postmaster.pid's
            // fifth and sixth lines: the first socket directory, the first TCP address).
            let socket = socketDirectory.appendingPathComponent(".s.PGSQL.\(port)").path
            if server.socketDirectory == socketDirectory.path, server.listenAddress?.isEmpty == true, server.port == port,
               fm.fileExists(atPath: socket) {
                return .running(pid: Int(server.pid))
            }
            var places: [String] = []
            if let tcp = server.listenAddress, !tcp.isEmpty { places.append("TCP \(tcp == "*" ? "(all addresses)" : tcp)\(server.port.map { ":\($0)" } ?? "")") }
            if let dir = server.socketDirectory, !dir.isEmpty { places.append("the socket directory \(dir)") }
            return .foreign(pid: Int(server.pid), listening: places.isEmpty ? "unknown addresses (it is still starting)" : places.joined(separator: " and "))
        }
        return isMarked ? .stopped : .unmarked
    }

    /// The data directory carries capital's marker. A cluster made by an earlier capital (before the
    /// marker) is recognised by the configuration block capital appended, and gets its marker now.
    var isMarked: Bool {
        let fm = FileManager.default
        if fm.fileExists(atPath: marker.path) { return true }
        guard let conf = try? String(contentsOf: dataDirectory.appendingPathComponent("postgresql.conf"), encoding: .utf8),
              conf.contains(LocalCluster.configurationHeading), conf.contains("listen_addresses = ''") else { return false }
        try? writeMarker(server: try? ServerUser.resolve())
        return true
    }

    /// What `postmaster.pid` says about a live server, or nil when no server process owns it.
    struct Postmaster {
        var pid: Int32
        var port: Int?
        var socketDirectory: String?
        var listenAddress: String?
    }

    func postmaster() -> Postmaster? {
        guard let text = try? String(contentsOf: dataDirectory.appendingPathComponent("postmaster.pid"), encoding: .utf8) else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard let first = lines.first, let pid = Int32(first), pid > 0 else { return nil }
        // kill(pid, 0) tells whether the process exists (EPERM also means it exists, owned by another user).
        guard kill(pid, 0) == 0 || errno == EPERM else { return nil }
        // A stale pid file whose number was reused by another program is not a server.
        if let comm = try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8),
           !comm.hasPrefix("postgres"), !comm.hasPrefix("postmaster") { return nil }
        return Postmaster(pid: pid, port: lines.count > 3 ? Int(lines[3]) : nil,
                          socketDirectory: lines.count > 4 ? lines[4] : nil,
                          listenAddress: lines.count > 5 ? lines[5] : nil)
    }

    /// Starts the cluster if it is not running (creating it first if needed) and makes sure its
    /// database exists. Safe to call from several processes at once.
    @discardableResult
    public func start() throws -> State {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return try withLock {
            let server = try ServerUser.resolve()
            removeUnfinishedSetups()
            // Logs written before capital made them private (an earlier version left them 0644).
            chmod(logFile.path, 0o600)
            var current = state
            if current == .notInitialised { try initialise(server: server); current = .stopped }
            switch current {
            case .foreign(let pid, let listening):
                throw PostgresError(kind: .connection,
                                    message: "a PostgreSQL server that capital did not start is running on \(dataDirectory.path) (pid \(pid), listening on \(listening)); capital will not use it",
                                    hint: "stop it with `capital db stop` (or `kill -INT \(pid)`), then run the command again")
            case .unmarked:
                throw PostgresError(kind: .connection,
                                    message: "\(dataDirectory.path) holds a PostgreSQL data directory that capital did not set up (it has no \(LocalCluster.markerName)); capital will not start it, since its configuration may listen on TCP or a shared socket",
                                    hint: "if it is left over from an interrupted `capital db start`, delete it (rm -r \(dataDirectory.path)) and run the command again; if it holds data you need, move it elsewhere and point CAPITAL_DATA_DIR at a new directory")
            case .stopped:
                try prepareRunDirectory(server: server)
                try run(server: server, tool: "pg_ctl",
                        ["start", "-w", "-t", "60", "-D", dataDirectory.path, "-l", logFile.path, "-o", serverOptions])
            case .running, .notInitialised:
                break
            }
            try ensureDatabase()
            return state
        }
    }

    /// The settings that keep the server private, on its command line as well as in its
    /// configuration file (the command line wins over postgresql.conf and ALTER SYSTEM): no TCP,
    /// the socket only in capital's own directory. pg_ctl passes this through /bin/sh.
    var serverOptions: String {
        func quoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        return "-p \(port) -c listen_addresses= -c " + quoted("unix_socket_directories=\(socketDirectory.path)")
            + " -c unix_socket_permissions=0700"
    }

    /// Connects to the cluster's database, starting the cluster first when `start` is true.
    ///
    /// For a few seconds after the server crashed it refuses connections (its socket is gone, it
    /// is in recovery, or its old processes still hold shared memory): those attempts are retried
    /// for up to `patience` seconds before the error is reported.
    public func connect(database: String? = nil, user: String? = nil, start: Bool = true, patience: TimeInterval = 8) throws -> Connection {
        let deadline = Date().addingTimeInterval(patience)
        while true {
            do {
                if start { try self.start() }
                return try Connection(connectionString(database: database ?? databaseName, user: user))
            } catch var error as PostgresError where error.kind == .connection && LocalCluster.isTransient(error) {
                if Date() < deadline { usleep(150_000); continue }
                // Not the --database / DATABASE_URL hint a named server gets.
                error.hint = "capital's own server in \(directory.path) is not accepting connections; its log is \(logFile.path)"
                throw error
            }
        }
    }

    /// Errors a server shows while it restarts after a crash, as opposed to a setup problem.
    static func isTransient(_ error: PostgresError) -> Bool {
        let text = error.message
        return ["Connection refused", "No such file or directory", "the database system is starting up",
                "the database system is in recovery mode", "the database system is shutting down",
                "the database system is not yet accepting connections", "is still in use", "could not start server",
                "server closed the connection unexpectedly"].contains { text.contains($0) }
    }

    /// Stops the server (fast shutdown: open transactions roll back). Does nothing if it is not running.
    public func stop() throws {
        if state == .notInitialised { return }
        try withLock {
            switch state {
            case .running, .foreign: break
            default: return
            }
            let server = try ServerUser.resolve()
            try run(server: server, tool: "pg_ctl", ["stop", "-w", "-t", "60", "-m", "fast", "-D", dataDirectory.path])
        }
    }

    /// Stops the server and deletes the whole directory (tests use this).
    public func destroy() {
        if postmaster() != nil {
            if let server = try? ServerUser.resolve() {
                try? run(server: server, tool: "pg_ctl", ["stop", "-w", "-m", "immediate", "-D", dataDirectory.path])
            }
        }
        try? FileManager.default.removeItem(at: directory)
    }

    // MARK: Steps

    static let configurationHeading = "# Written by capital: this cluster serves one user over a Unix socket only."

    /// Creates the cluster crash-safely: `initdb` into a fresh directory beside `pgdata`, capital's
    /// configuration and then its marker written there, and only then renamed to `pgdata`. A
    /// process killed on the way leaves only a `pgdata.new-*` directory, which the next start
    /// removes; `pgdata` is always either absent or complete.
    private func initialise(server: ServerUser?) throws {
        let fm = FileManager.default
        let staging = directory.appendingPathComponent("pgdata.new-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try fm.createDirectory(at: staging, withIntermediateDirectories: true)
        if let server {
            // The server user must reach the data directory through ours; it gets traverse, not read.
            chmod(directory.path, 0o711)
            try server.take(staging)
            try checkReachable(server: server, path: staging)
        }
        chmod(staging.path, 0o700)
        do {
            try run(server: server, tool: "initdb",
                    ["-D", staging.path, "-U", superuser, "-E", "UTF8", "--no-locale",
                     "--auth-local=trust", "--auth-host=reject", "--no-instructions"])
            var conf = """

                \(LocalCluster.configurationHeading)
                listen_addresses = ''
                unix_socket_directories = '\(socketDirectory.path.replacingOccurrences(of: "'", with: "''"))'
                unix_socket_permissions = 0700
                # The server's log may quote rows (constraint errors): readable by its owner only.
                log_file_mode = 0600
                timezone = 'UTC'
                log_timezone = 'UTC'
                datestyle = 'iso, ymd'
                # Bulk loads (a register import writes ~1.5 GB of WAL per million rows): room in memory for
                # the register's pages and WAL, and no checkpoint in the middle of an import. A 1M-row
                # import's INSERT into asset took 11.5 s instead of 13.2 s with these.
                shared_buffers = 512MB
                wal_buffers = 64MB
                max_wal_size = 4GB

                """
            let version = (try? String(contentsOf: staging.appendingPathComponent("PG_VERSION"), encoding: .utf8))
                .flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? 0
            if version >= 14 {
                conf += "# A query whose client has gone (killed, disconnected) stops within a second.\nclient_connection_check_interval = 1000\n"
            }
            for (key, value) in settings.sorted(by: { $0.key < $1.key }) { conf += "\(key) = \(value)\n" }
            let confFile = staging.appendingPathComponent("postgresql.conf")
            let handle = try FileHandle(forWritingTo: confFile)
            handle.seekToEndOfFile()
            handle.write(Data(conf.utf8))
            try handle.synchronize()
            try handle.close()
            if let server { try server.take(confFile) }
            try writeMarker(server: server, in: staging)
            guard rename(staging.path, dataDirectory.path) == 0 else {
                throw PostgresError(kind: .connection,
                                    message: "cannot move the new cluster into place at \(dataDirectory.path): \(String(cString: strerror(errno)))")
            }
            syncDirectory(directory)
        } catch {
            try? fm.removeItem(at: staging)
            throw error
        }
    }

    func writeMarker(server: ServerUser?, in dataDirectory: URL? = nil) throws {
        let url = (dataDirectory ?? self.dataDirectory).appendingPathComponent(LocalCluster.markerName)
        let text = "This PostgreSQL data directory was set up by capital, with its configuration at the end of postgresql.conf.\n"
        let fd = open(url.path, O_CREAT | O_WRONLY | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw PostgresError(kind: .connection, message: "cannot write \(url.path): \(String(cString: strerror(errno)))")
        }
        _ = text.withCString { write(fd, $0, strlen($0)) }
        fsync(fd)
        close(fd)
        if let server { try server.take(url) }
    }

    /// Deletes what interrupted setups left (`pgdata.new-*`). Called under the lock, so no other
    /// capital is setting up; an initdb orphaned by a killed capital may still be writing, so a
    /// directory that cannot be removed yet is left for next time.
    private func removeUnfinishedSetups() {
        let fm = FileManager.default
        for name in (try? fm.contentsOfDirectory(atPath: directory.path)) ?? [] where name.hasPrefix("pgdata.new-") {
            try? fm.removeItem(at: directory.appendingPathComponent(name))
        }
    }

    private func syncDirectory(_ url: URL) {
        let fd = open(url.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 { fsync(fd); close(fd) }
    }

    private func prepareRunDirectory(server: ServerUser?) throws {
        try FileManager.default.createDirectory(at: socketDirectory, withIntermediateDirectories: true)
        chmod(socketDirectory.path, 0o700)
        if let server { try server.take(socketDirectory) }
        let socketPath = socketDirectory.appendingPathComponent(".s.PGSQL.\(port)").path
        if socketPath.utf8.count > 107 {
            throw PostgresError(kind: .connection,
                                message: "the socket path \(socketPath) is longer than Unix sockets allow (107 bytes)",
                                hint: "set CAPITAL_DATA_DIR to a shorter directory")
        }
        // The log may quote rows (a constraint error's key values): its owner only.
        let fd = open(logFile.path, O_CREAT | O_WRONLY | O_APPEND | O_CLOEXEC, 0o600)
        if fd >= 0 { close(fd) }
        chmod(logFile.path, 0o600)
        if let server { try server.take(logFile) }
    }

    private func checkReachable(server: ServerUser, path: URL) throws {
        let probe = try Spawn.run(LocalCluster.runuser, ["-u", server.name, "--", "/usr/bin/test", "-w", path.path],
                                  environment: ["PATH": "/usr/bin:/bin"])
        if probe.status != 0 {
            throw PostgresError(kind: .connection,
                                message: "the server user \(server.name) cannot reach \(directory.path)",
                                hint: "a parent directory is private to root; set CAPITAL_DATA_DIR to a directory under /var/lib or /tmp")
        }
    }

    private func ensureDatabase() throws {
        let admin = try Connection(connectionString(database: "postgres"))
        let exists = try admin.queryFirst("SELECT 1 FROM pg_database WHERE datname = \(databaseName)") != nil
        if !exists { try admin.executeScript("CREATE DATABASE \(SQL.quoteIdentifier(databaseName))") }
    }

    private func withLock<T>(_ body: () throws -> T) throws -> T {
        let lockPath = directory.appendingPathComponent(".capital.lock").path
        // O_CLOEXEC: the server that pg_ctl starts must not inherit (and so hold) the lock.
        let fd = open(lockPath, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw PostgresError(kind: .connection, message: "cannot open the lock file \(lockPath): \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        guard flock(fd, LOCK_EX) == 0 else {
            throw PostgresError(kind: .connection, message: "cannot lock \(lockPath): \(String(cString: strerror(errno)))")
        }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }

    private func run(server: ServerUser?, tool: String, _ arguments: [String]) throws {
        let binary = try LocalCluster.binary(tool)
        // The server's own environment: no PG* variables from the caller leak into it.
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PG") }
        env["LC_ALL"] = "C"
        let result = server.map { try? Spawn.run(LocalCluster.runuser, ["-u", $0.name, "--", binary] + arguments, environment: env) }
            ?? (try? Spawn.run(binary, arguments, environment: env))
        guard let result else { throw PostgresError(kind: .connection, message: "cannot run \(binary)") }
        guard result.status == 0 else {
            var text = result.output.trimmingCharacters(in: .whitespacesAndNewlines)
            if tool == "pg_ctl", let log = try? String(contentsOf: logFile, encoding: .utf8) {
                text += "\n--- last lines of \(logFile.path) ---\n" + log.split(separator: "\n").suffix(10).joined(separator: "\n")
            }
            throw PostgresError(kind: .connection, message: "\(tool) failed (exit \(result.status)): \(text)")
        }
    }

    static let runuser = FileManager.default.isExecutableFile(atPath: "/usr/sbin/runuser") ? "/usr/sbin/runuser" : "/sbin/runuser"

    /// Finds a PostgreSQL server program: `$CAPITAL_PG_BINDIR`, then Debian's
    /// `/usr/lib/postgresql/<newest>/bin`, then `PATH`.
    public static func binary(_ name: String) throws -> String {
        let fm = FileManager.default
        let env = ProcessInfo.processInfo.environment
        var candidates: [String] = []
        if let dir = env["CAPITAL_PG_BINDIR"], !dir.isEmpty { candidates.append(dir) }
        if let versions = try? fm.contentsOfDirectory(atPath: "/usr/lib/postgresql") {
            for v in versions.compactMap(Int.init).sorted(by: >) { candidates.append("/usr/lib/postgresql/\(v)/bin") }
        }
        candidates += (env["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        for dir in candidates {
            let path = dir + "/" + name
            if fm.isExecutableFile(atPath: path) { return path }
        }
        throw PostgresError(kind: .connection, message: "\(name) not found: PostgreSQL's server programs are not installed",
                            hint: "install them with `apt-get install postgresql` (or set CAPITAL_PG_BINDIR), or point capital at a server with --database / DATABASE_URL")
    }
}

/// The unprivileged account the server runs as when the caller is root.
struct ServerUser {
    let name: String
    let uid: uid_t
    let gid: gid_t

    /// nil when the caller is not root (the server then runs as the caller).
    static func resolve() throws -> ServerUser? {
        guard geteuid() == 0 else { return nil }
        let name = ProcessInfo.processInfo.environment["CAPITAL_PG_USER"].flatMap { $0.isEmpty ? nil : $0 } ?? "postgres"
        guard let entry = getpwnam(name) else {
            throw PostgresError(kind: .connection,
                                message: "PostgreSQL will not run as root, and there is no user \"\(name)\" to run it as",
                                hint: "install the postgresql package (it creates the postgres user), create an unprivileged user and set CAPITAL_PG_USER, or run capital as an ordinary user")
        }
        return ServerUser(name: name, uid: entry.pointee.pw_uid, gid: entry.pointee.pw_gid)
    }

    func take(_ url: URL) throws {
        guard chown(url.path, uid, gid) == 0 else {
            throw PostgresError(kind: .connection, message: "cannot give \(url.path) to \(name): \(String(cString: strerror(errno)))")
        }
    }
}
