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
                      ImportGroup.self, ProfileCommand.self, SampleCommand.self, DemoCommand.self, PlanCommand.self,
                      ProcureCommand.self, ReportCommand.self, UserCommand.self, AuditCommand.self, ReconcileCommand.self]
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
        case let e as PostgresError where e.sqlState == "42501":
            // insufficient_privilege: a grant or a row-level security policy refused it (the message names the user,
            // its trust and its role: Database.identify).
            return e.message + "\n(each trust's users read and change only their own trust's rows; board users and viewers only read; "
                + "see docs/security.md)"
        case let e as PostgresError where e.sqlState == "22003":
            // numeric_value_out_of_range: a value that passed capital's own checks is still too big for its column.
            return "a number is too large to store (\(e.message)\(e.detail.map { ": \($0)" } ?? "")); "
                + "amounts of money are at most £9,999,999,999,999.99"
        case let e as PostgresError: return e.description
        default: return String(describing: error)
        }
    }

    /// Error text made safe for a terminal: control characters (and bidirectional overrides) from
    /// the input are shown escaped (`\u{1B}`), each line is cut at `lineLimit` characters and the
    /// whole at `totalLimit`, saying how much was left out.
    static func sanitise(_ text: String, lineLimit: Int = 1_000, totalLimit: Int = 8_000) -> String {
        var out = ""
        var total = 0
        var lineLength = 0
        var lineDropped = 0
        var remaining = text.unicodeScalars.makeIterator()
        func endLine() {
            if lineDropped > 0 { out += "… (\(lineDropped) more characters)"; lineDropped = 0 }
            lineLength = 0
        }
        while let u = remaining.next() {
            if u == "\n" {
                endLine()
                out.unicodeScalars.append(u)
                total += 1
                continue
            }
            if total >= totalLimit {
                endLine()
                var rest = 1
                while remaining.next() != nil { rest += 1 }
                out += "\n… (\(rest) more characters)"
                break
            }
            if lineLength >= lineLimit { lineDropped += 1; continue }
            let v = u.value
            let piece: String
            if u == "\t" {
                piece = "\t"
            } else if v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
                        || v == 0x200E || v == 0x200F || v == 0x061C {
                piece = "\\u{" + String(v, radix: 16, uppercase: true) + "}"
            } else {
                piece = String(u)
            }
            out += piece
            lineLength += 1
            total += 1
        }
        endLine()
        return out
    }
}
