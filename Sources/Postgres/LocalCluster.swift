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
    /// The superuser role `initdb` creates, which connections use (local connections are trusted).
    public let superuser = "capital"

    /// Whether the cluster exists and whether its server is running.
    public enum State: Sendable, Equatable, CustomStringConvertible {
        case notInitialised
        case stopped
        case running(pid: Int)
        /// "not initialised", "stopped" or "running (pid N)".
        public var description: String {
            switch self {
            case .notInitialised: return "not initialised"
            case .stopped: return "stopped"
            case .running(let pid): return "running (pid \(pid))"
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
    /// The directory of the server's Unix socket, `run/`.
    public var socketDirectory: URL { directory.appendingPathComponent("run") }
    /// The server's log, `postgres.log`.
    public var logFile: URL { directory.appendingPathComponent("postgres.log") }

    /// libpq conninfo for the cluster's database over its Unix socket.
    public var connectionString: String { connectionString(database: databaseName) }

    /// libpq conninfo for `database` in the cluster, over its Unix socket.
    public func connectionString(database: String) -> String {
        "host='\(socketDirectory.path)' port=\(port) dbname='\(database)' user='\(superuser)'"
    }

    /// The same as a URL, for `capital db url` and other tools (`psql "$(capital db url)"`).
    public var url: String {
        let host = socketDirectory.path.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? socketDirectory.path
        return "postgresql://\(superuser)@/\(databaseName)?host=\(host)&port=\(port)"
    }

    /// The state now: initialised or not, and running when its pid file names a live process and its socket exists.
    public var state: State {
        let fm = FileManager.default
        guard fm.fileExists(atPath: dataDirectory.appendingPathComponent("PG_VERSION").path) else { return .notInitialised }
        guard let pidText = try? String(contentsOf: dataDirectory.appendingPathComponent("postmaster.pid"), encoding: .utf8),
              let first = pidText.split(separator: "\n").first, let pid = Int32(first.trimmingCharacters(in: .whitespaces)) else {
            return .stopped
        }
        // kill(pid, 0) tells whether the process exists (EPERM also means it exists, owned by another user).
        if kill(pid, 0) == 0 || errno == EPERM {
            // The socket must be there too: a stale pid file whose number was reused is not our server.
            let socket = socketDirectory.appendingPathComponent(".s.PGSQL.\(port)").path
            return fm.fileExists(atPath: socket) ? .running(pid: Int(pid)) : .stopped
        }
        return .stopped
    }

    /// Starts the cluster if it is not running (creating it first if needed) and makes sure its
    /// database exists. Safe to call from several processes at once.
    @discardableResult
    public func start() throws -> State {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return try withLock {
            let server = try ServerUser.resolve()
            var current = state
            if current == .notInitialised { try initialise(server: server); current = .stopped }
            if case .stopped = current {
                try prepareRunDirectory(server: server)
                try run(server: server, tool: "pg_ctl",
                        ["start", "-w", "-t", "60", "-D", dataDirectory.path, "-l", logFile.path, "-o", "-p \(port)"])
            }
            try ensureDatabase()
            return state
        }
    }

    /// Stops the server (fast shutdown: open transactions roll back). Does nothing if it is not running.
    public func stop() throws {
        if state == .notInitialised { return }
        try withLock {
            guard case .running = state else { return }
            let server = try ServerUser.resolve()
            try run(server: server, tool: "pg_ctl", ["stop", "-w", "-t", "60", "-m", "fast", "-D", dataDirectory.path])
        }
    }

    /// Stops the server and deletes the whole directory (tests use this).
    public func destroy() {
        if case .running = state {
            if let server = try? ServerUser.resolve() {
                try? run(server: server, tool: "pg_ctl", ["stop", "-w", "-m", "immediate", "-D", dataDirectory.path])
            }
        }
        try? FileManager.default.removeItem(at: directory)
    }

    // MARK: Steps

    private func initialise(server: ServerUser?) throws {
        let fm = FileManager.default
        try? fm.removeItem(at: dataDirectory) // a half-made directory from an interrupted initdb
        try fm.createDirectory(at: dataDirectory, withIntermediateDirectories: true)
        if let server {
            // The server user must reach the data directory through ours; it gets traverse, not read.
            chmod(directory.path, 0o711)
            try server.take(dataDirectory)
            try checkReachable(server: server)
        }
        chmod(dataDirectory.path, 0o700)
        try run(server: server, tool: "initdb",
                ["-D", dataDirectory.path, "-U", superuser, "-E", "UTF8", "--no-locale",
                 "--auth-local=trust", "--auth-host=reject", "--no-instructions"])
        var conf = """

            # Written by capital: this cluster serves one user over a Unix socket only.
            listen_addresses = ''
            unix_socket_directories = '\(socketDirectory.path.replacingOccurrences(of: "'", with: "''"))'
            unix_socket_permissions = 0700
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
        for (key, value) in settings.sorted(by: { $0.key < $1.key }) { conf += "\(key) = \(value)\n" }
        let confFile = dataDirectory.appendingPathComponent("postgresql.conf")
        let handle = try FileHandle(forWritingTo: confFile)
        handle.seekToEndOfFile()
        handle.write(Data(conf.utf8))
        try handle.close()
        if let server { try server.take(confFile) }
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
        if !FileManager.default.fileExists(atPath: logFile.path) {
            FileManager.default.createFile(atPath: logFile.path, contents: nil)
        }
        if let server { try server.take(logFile) }
    }

    private func checkReachable(server: ServerUser) throws {
        let probe = try Spawn.run(LocalCluster.runuser, ["-u", server.name, "--", "/usr/bin/test", "-w", dataDirectory.path],
                                  environment: ["PATH": "/usr/bin:/bin"])
        if probe.status != 0 {
            throw PostgresError(kind: .connection,
                                message: "the server user \(server.name) cannot reach \(dataDirectory.path)",
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
