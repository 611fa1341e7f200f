import ArgumentParser
import CapitalCore
import CapitalStore
import Foundation
import Postgres

/// `capital`: the command-line face of Capital Planner. Each command parses its arguments and calls
/// the libraries; behaviour lives in the libraries, not here.
///
/// Exit codes scripts can rely on: 0 success, 1 a user error (bad input, refused action; message on
/// stderr), 2 a usage error (unknown command or option, bad option value).
@main
struct Capital: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "capital",
        abstract: "Plan, fund and buy imaging equipment together across an NHS imaging network.",
        discussion: """
            Data lives in PostgreSQL: the server named by --database or DATABASE_URL (libpq's PG* \
            variables fill in the rest), or else capital's own embedded cluster in $CAPITAL_DATA_DIR \
            (default ~/.local/share/capital), started on demand.
            """,
        version: "0.1.0",
        subcommands: [DbCommand.self, NetworkCommand.self, TrustCommand.self, SiteCommand.self,
                      SharesCommand.self, VoteCommand.self, CallsCommand.self, SolveCommand.self,
                      ImportCommand.self, SampleCommand.self, DemoCommand.self, PlanCommand.self, ProcureCommand.self, ReportCommand.self]
    )

    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
            Foundation.exit(0)
        } catch let error as ExitCode {
            Foundation.exit(error.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                // --help, --version
                printOut(fullMessage(for: error) + "\n")
                Foundation.exit(0)
            }
            if code == .validationFailure {
                // Unknown command or option, bad option value: a usage error.
                printErr(fullMessage(for: error))
                Foundation.exit(2)
            }
            printErr("capital: \(describe(error))")
            Foundation.exit(1)
        }
    }

    static func describe(_ error: Error) -> String {
        switch error {
        case let e as UserError: return e.message
        case let e as StoreRequirement: return e.cliMessage
        case let e as CapitalStoreError: return e.message
        case let e as PostgresError: return e.description
        default: return String(describing: error)
        }
    }
}
