import ArgumentParser
import CapitalCore
import CapitalStore
import Foundation
import Postgres

struct DbCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Manage the database: the embedded cluster and the schema.",
        subcommands: [Start.self, Stop.self, Status.self, URLCommand.self, Migrate.self]
    )

    struct Start: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Start the embedded cluster (creating it on first use).")
        @OptionGroup var db: DatabaseOptions

        func run() throws {
            let cluster = try db.embeddedCluster(to: "start")
            let began = Date()
            let before = cluster.state
            let after = try cluster.start()
            let seconds = Date().timeIntervalSince(began)
            switch before {
            case .running: printOut("already \(after) in \(cluster.directory.path)\n")
            default: printOut("started: \(after) in \(cluster.directory.path) (\(String(format: "%.2f", seconds)) s\(before == .notInitialised ? ", new cluster" : ""))\n")
            }
        }
    }

    struct Stop: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop the embedded cluster.")
        @OptionGroup var db: DatabaseOptions

        func run() throws {
            let cluster = try db.embeddedCluster(to: "stop")
            let before = cluster.state
            try cluster.stop()
            switch before {
            case .running, .foreign: printOut("stopped\n")
            default: printOut("not running\n")
            }
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Say where the data is, whether the server runs, and which migrations are applied.")
        @OptionGroup var db: DatabaseOptions
        @OptionGroup var output: FormatOptions

        func run() throws {
            let target = db.target
            var fields: [(String, String?)] = [("target", target.description)]
            var reachable = true
            if case .embedded(let cluster) = target {
                fields.append(("cluster", cluster.state.description))
                if case .running = cluster.state {} else { reachable = false }
            }
            if reachable {
                let connection = try Database.connect(target, startEmbedded: false)
                let migrator = Migrator(directory: try ResourceLocator.directory("sql"))
                let applied = try migrator.applied(on: connection)
                let pending = try migrator.pending(on: connection)
                fields.append(("server_version", String(connection.serverVersion)))
                fields.append(("migrations_applied", String(applied.count)))
                fields.append(("migrations_pending", String(pending.count)))
                fields.append(("last_migration", applied.last.map { "\($0.name) at \($0.appliedAt)" }))
            }
            let table = Tabular(columns: fields.map(\.0), rows: [fields.map(\.1)],
                                numericColumns: ["migrations_applied", "migrations_pending"])
            switch output.format {
            case .table: printOut(fields.map { "\($0.0): \($0.1 ?? "-")" }.joined(separator: "\n") + "\n")
            case .csv, .json: printOut(table.render(output.format))
            }
        }
    }

    struct URLCommand: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "url", abstract: "Print the connection URL (e.g. psql \"$(capital db url)\").")
        @OptionGroup var db: DatabaseOptions
        @Flag(help: "Print the password as well (it is replaced by *** otherwise).") var showPassword = false
        @Option(help: "The URL for this user (see `capital user add`), without any password: the user's tool asks for it.")
        var user: String?

        func run() throws {
            switch db.target {
            case .server(let conninfo):
                if let user { printOut(Database.conninfo(conninfo, user: user) + "\n"); return }
                printOut((showPassword ? conninfo : Database.redact(conninfo)) + "\n")
            case .embedded(let cluster): printOut(cluster.url(user: user) + "\n")
            }
        }
    }

    struct Migrate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Apply the schema migrations in sql/ that are not applied yet.")
        @OptionGroup var db: DatabaseOptions

        func run() throws {
            let connection = try Database.connect(db.target)
            let report = try Migrator(directory: try ResourceLocator.directory("sql")).migrate(connection)
            if report.applied.isEmpty {
                printOut("schema up to date: \(report.alreadyApplied) migration(s) applied, nothing to do\n")
            } else {
                for m in report.applied { printOut("applied \(m.name)\n") }
                printOut("schema up to date: \(report.alreadyApplied + report.applied.count) migration(s) applied\n")
            }
        }
    }
}
