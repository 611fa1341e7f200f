import CapitalStore
import Foundation
import Postgres
#if canImport(Glibc)
import Glibc
#endif

/// A real PostgreSQL for the tests, started by the test run itself.
///
/// One embedded cluster per test process, in a temporary directory, with durability turned off
/// for speed (the data is thrown away). The schema is migrated once into a template database;
/// each test gets its own database cloned from it, so tests run in parallel without seeing each
/// other's rows. The cluster is stopped and deleted when the process exits.
public enum TestDatabase {
    public static var cluster: LocalCluster {
        get throws { try shared.get().cluster }
    }

    /// A new database with the current schema, and a connection to it as the role capital works as (not a
    /// superuser: row-level security applies, as it does for the CLI).
    public static func fresh() throws -> (connection: Connection, name: String) {
        let state = try shared.get()
        let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20)
        state.lock.lock()
        defer { state.lock.unlock() }
        try state.admin.executeScript("CREATE DATABASE \(name) TEMPLATE capital_template")
        return (try Connection(state.cluster.connectionString(database: String(name), user: state.cluster.appRole)), String(name))
    }

    /// A new database with no schema at all (for migration tests).
    public static func empty() throws -> (connection: Connection, name: String) {
        let state = try shared.get()
        let name = "e_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20)
        state.lock.lock()
        defer { state.lock.unlock() }
        try state.admin.executeScript("CREATE DATABASE \(name) TEMPLATE template0")
        return (try Connection(state.cluster.connectionString(database: String(name))), String(name))
    }

    /// Connection string for `database` as `user` (default: the role capital works as).
    public static func conninfo(database: String, user: String? = nil) throws -> String {
        let cluster = try shared.get().cluster
        return cluster.connectionString(database: database, user: user ?? cluster.appRole)
    }

    /// Connection string for `database` as the bootstrap superuser (creating roles, inspecting the catalog).
    public static func superuserConninfo(database: String) throws -> String {
        try shared.get().cluster.connectionString(database: database)
    }

    /// The repository's `sql/` folder.
    public static var migrationsDirectory: URL { repositoryRoot.appendingPathComponent("sql") }

    public static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    final class State: @unchecked Sendable { // guarded by `lock`
        let cluster: LocalCluster
        let admin: Connection
        let lock = NSLock()
        init(cluster: LocalCluster, admin: Connection) {
            self.cluster = cluster
            self.admin = admin
        }
    }

    nonisolated(unsafe) static var clusterToDestroy: LocalCluster?

    static let shared: Result<State, Error> = Result {
        let dir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("capital-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        let cluster = LocalCluster(directory: dir, databaseName: "capital",
                                   settings: ["fsync": "off", "synchronous_commit": "off", "full_page_writes": "off",
                                              "max_connections": "200", "shared_buffers": "'128MB'"])
        try cluster.start()
        clusterToDestroy = cluster
        atexit { TestDatabase.clusterToDestroy?.destroy() }
        let admin = try Connection(cluster.connectionString(database: "postgres"))
        try admin.executeScript("CREATE DATABASE capital_template")
        let template = try Connection(cluster.connectionString(database: "capital_template"))
        try Migrator(directory: migrationsDirectory).migrate(template)
        template.close()
        return State(cluster: cluster, admin: admin)
    }
}
