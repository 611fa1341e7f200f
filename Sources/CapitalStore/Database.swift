import Foundation
import Postgres

/// Where capital's data lives: a server the user names, or the embedded cluster.
///
/// `--database` (a URL or conninfo string) wins, then `DATABASE_URL`; anything they leave out
/// comes from libpq's `PG*` variables, as with psql (`--database ''` takes everything from them).
/// With neither, capital runs its own cluster (see ``LocalCluster``) in `$CAPITAL_DATA_DIR`.
public enum DatabaseTarget: Sendable, CustomStringConvertible {
    /// A PostgreSQL server named by a URL or conninfo string (empty: libpq's `PG*` variables and defaults).
    case server(conninfo: String)
    /// capital's own cluster in a data directory, started on demand.
    case embedded(LocalCluster)

    /// The target from `--database` (`option`, used as given when not nil, even empty), else a non-empty
    /// `DATABASE_URL`, else the embedded cluster in `$CAPITAL_DATA_DIR` or its default folder. Connects to nothing.
    public static func resolve(option: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> DatabaseTarget {
        if let option { return .server(conninfo: option) }
        if let url = environment["DATABASE_URL"], !url.isEmpty { return .server(conninfo: url) }
        return .embedded(LocalCluster(directory: LocalCluster.defaultDirectory(environment: environment)))
    }

    /// "server …" with any password masked, or "embedded cluster in …".
    public var description: String {
        switch self {
        case .server(let conninfo): return "server \(Database.redact(conninfo))"
        case .embedded(let cluster): return "embedded cluster in \(cluster.directory.path)"
        }
    }
}

/// Opens capital's database, bringing its schema up to date where that is safe.
public enum Database {
    /// Connects to the target. The embedded cluster is started (and created) on demand and its
    /// schema migrated automatically; a named server must be migrated explicitly with
    /// `capital db migrate`, so a shared database never changes shape behind its owner's back.
    public static func open(_ target: DatabaseTarget, migrationsDirectory: URL? = nil) throws -> Connection {
        switch target {
        case .server(let conninfo):
            let connection = try serverConnection(conninfo)
            let migrator = Migrator(directory: try migrationsDirectory ?? ResourceLocator.directory("sql"))
            let pending = try migrator.pending(on: connection)
            if !pending.isEmpty {
                throw CapitalStoreError("the database schema is not up to date (\(pending.count) migration(s) pending, first \(pending[0].name)): run `capital db migrate`")
            }
            try identify(connection)
            return connection
        case .embedded(let cluster):
            // The bootstrap superuser only migrates; the work is done as the cluster's app role (sql/0045).
            let superuser = try cluster.connect()
            try Migrator(directory: try migrationsDirectory ?? ResourceLocator.directory("sql")).migrate(superuser)
            superuser.close()
            let connection = try cluster.connect(user: cluster.appRole, start: false)
            try identify(connection)
            return connection
        }
    }

    /// Tells the connection who it acts as, so that a refusal names the user, its trust and its role.
    public static func identify(_ connection: Connection) throws {
        connection.identity = try connection.scalar("SELECT capital_whoami()")
    }

    /// A connection that may create and drop login roles: the embedded cluster's bootstrap superuser, or the
    /// server as named (its role needs CREATEROLE and membership of capital_admin).
    public static func roleAdministrator(_ target: DatabaseTarget) throws -> Connection {
        switch target {
        case .server:
            return try open(target)
        case .embedded(let cluster):
            let connection = try open(target)   // starts and migrates
            connection.close()
            let superuser = try cluster.connect()
            try identify(superuser)
            return superuser
        }
    }

    /// Connects without checking the schema (for `capital db migrate` and `status`).
    public static func connect(_ target: DatabaseTarget, startEmbedded: Bool = true) throws -> Connection {
        switch target {
        case .server(let conninfo): return try serverConnection(conninfo)
        case .embedded(let cluster): return try cluster.connect(start: startEmbedded)
        }
    }

    /// Connects to a named server. libpq quotes a malformed URL back whole in its error, password
    /// included: the error carries the redacted form instead.
    static func serverConnection(_ conninfo: String) throws -> Connection {
        do { return try Connection(conninfo) } catch var error as PostgresError {
            let redacted = redact(conninfo)
            if redacted != conninfo, !conninfo.isEmpty {
                error.message = error.message.replacingOccurrences(of: conninfo, with: redacted)
                for secret in passwords(in: conninfo) where secret.count >= 4 {
                    error.message = error.message.replacingOccurrences(of: secret, with: "***")
                }
            }
            throw error
        }
    }

    /// The passwords written in a URL or conninfo string (raw and percent-decoded).
    static func passwords(in conninfo: String) -> [String] {
        var found: [String] = []
        if let range = conninfo.range(of: #"://[^/@]*:[^/@]*@"#, options: .regularExpression) {
            let userInfo = conninfo[range].dropFirst(3).dropLast()
            if let colon = userInfo.firstIndex(of: ":") {
                let raw = String(userInfo[userInfo.index(after: colon)...])
                found.append(raw)
                if let decoded = raw.removingPercentEncoding, decoded != raw { found.append(decoded) }
            }
        }
        if !conninfo.contains("://"), let range = conninfo.range(of: #"password\s*=\s*('[^']*'|\S+)"#, options: .regularExpression) {
            var value = conninfo[range].drop { $0 != "=" }.dropFirst().trimmingCharacters(in: .whitespaces)
            if value.hasPrefix("'") && value.hasSuffix("'") && value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            found.append(value)
        }
        if let range = conninfo.range(of: #"[?&]password=[^&]*"#, options: .regularExpression) {
            let raw = String(conninfo[range].drop { $0 != "=" }.dropFirst())
            found.append(raw)
            if let decoded = raw.removingPercentEncoding, decoded != raw { found.append(decoded) }
        }
        return found.filter { !$0.isEmpty }
    }

    /// The same server as `conninfo` (a URL or key=value pairs), as `user` and without any password.
    public static func conninfo(_ conninfo: String, user: String) -> String {
        let safe = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        if let scheme = conninfo.range(of: "://") {
            var rest = conninfo[scheme.upperBound...]
            let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
            if let at = rest[..<authorityEnd].lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
            var text = String(conninfo[..<scheme.upperBound]) + (user.addingPercentEncoding(withAllowedCharacters: safe) ?? user) + "@" + rest
            for key in ["password", "user"] {
                text = text.replacingOccurrences(of: #"([?&])\#(key)=[^&]*&?"#, with: "$1", options: .regularExpression)
            }
            if text.hasSuffix("?") || text.hasSuffix("&") { text.removeLast() }
            return text
        }
        var text = conninfo
        for key in ["password", "user"] {
            text = text.replacingOccurrences(of: #"\b\#(key)\s*=\s*('([^'\\]|\\.)*'|\S+)\s*"#, with: "", options: .regularExpression)
        }
        text = text.trimmingCharacters(in: .whitespaces)
        return (text.isEmpty ? "" : text + " ") + "user=" + SQL.quoteLiteral(user)
    }

    /// A connection string with any password replaced by `***`, for messages and logs.
    package static func redact(_ conninfo: String) -> String {
        var text = conninfo
        if let range = text.range(of: #"://[^/@]*:[^/@]*@"#, options: .regularExpression) {
            let userPart = text[range].dropFirst(3).prefix { $0 != ":" }
            text.replaceSubrange(range, with: "://\(userPart):***@")
        }
        if text.contains("://") {
            // A URL's query: ?password=… or &password=…
            if let range = text.range(of: #"[?&]password=[^&]*"#, options: .regularExpression) {
                text.replaceSubrange(range, with: text[range].prefix(1) + "password=***")
            }
        } else if let range = text.range(of: #"password\s*=\s*('([^'\\]|\\.)*'|\S+)"#, options: .regularExpression) {
            text.replaceSubrange(range, with: "password=***")
        }
        return text
    }
}
