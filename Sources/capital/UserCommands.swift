import ArgumentParser
import CapitalCore
import CapitalStore
import Foundation
import Postgres
#if canImport(Glibc)
import Glibc
#endif

extension TrustRole: ExpressibleByArgument {}
extension NetworkRole: ExpressibleByArgument {}

/// `capital user add|list|remove`: people as PostgreSQL login roles (docs/security.md).
struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Add, list and remove the people who use the database, each with a trust role or a network role.",
        subcommands: [Add.self, List.self, Remove.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a user: a trust's finance, equipment or procurement user, or a network admin, board member or viewer.",
            discussion: """
                The password comes from $CAPITAL_USER_PASSWORD or, on a terminal, a prompt; never from the command \
                line. It is stored as a SCRAM-SHA-256 verifier. On the embedded cluster (private socket) a user may \
                have none. Connect as the user with the URL `capital db url --user NAME` prints.
                """)
        @OptionGroup var scope: NetworkScope
        @Argument(help: "The user's login name (lower-case letters, digits, _).") var name: String
        @Option(help: "The user's trust (ODS code); needs --role.") var trust: String?
        @Option(help: "The user's role in its trust: finance, equipment or procurement.") var role: TrustRole?
        @Option(help: "A network-wide role instead: admin, board (reads everything) or viewer (reads network results).")
        var networkRole: NetworkRole?

        func validate() throws {
            switch (trust, role, networkRole) {
            case (.some, .some, nil), (nil, nil, .some): return
            default: throw ValidationError("give --trust CODE with --role finance|equipment|procurement, or --network-role admin|board|viewer")
            }
        }

        func run() throws {
            let target = scope.db.target
            let c = try Database.roleAdministrator(target)
            var network: Network?
            let userRole: UserRole
            if let trust, let role {
                network = try NetworkStore(c).network(named: scope.net.resolved)
                userRole = .trust(code: trust.uppercased(), role: role)
            } else {
                userRole = .network(networkRole!)
            }
            var embedded = false
            if case .embedded = target { embedded = true }
            let password = try UserCommand.password(for: name, required: !embedded)
            try UserStore(c).add(name: name, role: userRole, network: network, password: password)
            let what: String
            switch userRole {
            case .trust(let code, let role): what = "\(role.rawValue) user of \(code)"
            case .network(let role): what = "network \(role.rawValue)"
            }
            printOut("added user \(name) (\(what))\(password == nil ? ", no password: it can connect through the embedded cluster's private socket only" : "")\n")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List users and their roles (a trust's user sees itself only).")
        @OptionGroup var db: DatabaseOptions
        @Option(help: "Only this trust's users (ODS code).") var trust: String?
        @OptionGroup var output: FormatOptions

        func run() throws {
            let users = try UserStore(try db.open()).list().filter { trust == nil || $0.trust == trust?.uppercased() }
            printOut(UserStore.table(users).render(output.format))
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a user (its login role); what it did stays in the audit log.")
        @OptionGroup var db: DatabaseOptions
        @Argument(help: "The user's login name.") var name: String

        func run() throws {
            try UserStore(try Database.roleAdministrator(db.target)).remove(name: name)
            printOut("removed user \(name)\n")
        }
    }

    /// $CAPITAL_USER_PASSWORD, else asked twice on the terminal; nil when neither is there and none is required.
    static func password(for name: String, required: Bool) throws -> String? {
        if let given = ProcessInfo.processInfo.environment["CAPITAL_USER_PASSWORD"], !given.isEmpty { return given }
        guard isatty(STDIN_FILENO) == 1 else {
            if required {
                throw UserError("a password for \(name) is needed: set CAPITAL_USER_PASSWORD or run on a terminal to be asked (never on the command line)")
            }
            return nil
        }
        func ask(_ prompt: String) -> String { getpass(prompt).map { String(cString: $0) } ?? "" }
        let first = ask("password for \(name): ")
        if first.isEmpty && !required { return nil }
        guard first == ask("again: ") else { throw UserError("the two passwords differ; nothing was changed") }
        return first
    }
}

/// `capital audit`: who changed what, from the append-only audit log.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Show the audit trail: who changed which rows, when, from what to what.")
    @OptionGroup var db: DatabaseOptions
    @Option(help: "Only rows of this trust (ODS code).") var trust: String?
    @Option(help: "Only changes on or after this date (YYYY-MM-DD).") var since: CalendarDate?
    @Option(help: "Only changes to this table.") var table: String?
    @Option(help: "At most this many entries (oldest first).") var limit: Int = 1_000
    @OptionGroup var output: FormatOptions

    func run() throws {
        guard limit >= 1 else { throw ValidationError("--limit must be at least 1") }
        let entries = try AuditStore(try db.open()).entries(trust: trust, since: since, table: table, limit: limit)
        printOut(AuditStore.table(entries).render(output.format))
    }
}
