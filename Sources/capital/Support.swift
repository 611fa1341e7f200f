import ArgumentParser
import CapitalCore
import CapitalStore
import Foundation
import Funding
import Postgres

// What many commands share: option groups, argument conformances, output and file helpers.

/// Where the data is: shared by every command that touches the database.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "PostgreSQL URL or conninfo (default: $DATABASE_URL, else the embedded cluster).",
        valueName: "url"))
    var database: String?

    var target: DatabaseTarget { DatabaseTarget.resolve(option: database) }

    /// Opens the database with an up-to-date schema.
    func open() throws -> Connection { try Database.open(target) }

    /// The embedded cluster, or a user error saying that capital uses a server instead and so has no cluster to `verb`.
    func embeddedCluster(to verb: String) throws -> LocalCluster {
        guard case .embedded(let cluster) = target else {
            throw UserError("capital uses the server named by --database / DATABASE_URL; there is no embedded cluster to \(verb)")
        }
        return cluster
    }
}

/// `--network NAME`, needed only when the database holds more than one network.
struct NetworkOption: ParsableArguments {
    @Option(name: .long, help: "The network to act on (needed only when there are several; default: $CAPITAL_NETWORK). Case does not matter.")
    var network: String?

    /// `--network`, else `CAPITAL_NETWORK` when set and not empty.
    var resolved: String? {
        network ?? ProcessInfo.processInfo.environment["CAPITAL_NETWORK"].flatMap { $0.isEmpty ? nil : $0 }
    }
}

/// `--database` and `--network`: the data and the network a command acts on.
struct NetworkScope: ParsableArguments {
    @OptionGroup var db: DatabaseOptions
    @OptionGroup var net: NetworkOption

    /// Opens the database and finds the network: the only one, or the one `--network` names.
    func open() throws -> (Connection, Network) {
        let c = try db.open()
        return (c, try NetworkStore(c).network(named: net.resolved))
    }
}

/// `--format table|csv|json` for listing commands.
struct FormatOptions: ParsableArguments {
    @Option(name: .long, help: "Output format: table, csv or json.")
    var format: Tabular.Format = .table
}

extension Tabular.Format: ExpressibleByArgument {}
extension NetworkStructure: ExpressibleByArgument {}
extension ChargeKind: ExpressibleByArgument {}

extension CalendarDate: ExpressibleByArgument {
    /// A date given as `YYYY-MM-DD`.
    public init?(argument: String) { self.init(iso: argument) }
}

extension Tabular.Format {
    /// Refuses a format the command cannot produce: a usage error naming the ones it can (a format accepted and
    /// then ignored printed JSON or a table where a script asked for CSV).
    func require(_ allowed: [Tabular.Format], command: String) throws {
        guard allowed.contains(self) else {
            throw ValidationError("--format \(rawValue) is not available for `capital \(command)`: use \(allowed.map(\.rawValue).joined(separator: " or "))")
        }
    }

    /// The output in this format, from the renderer given for each.
    func render(table: () throws -> String, csv: () throws -> String, json: () throws -> String) rethrows -> String {
        switch self {
        case .table: return try table()
        case .csv: return try csv()
        case .json: return try json()
        }
    }
}

func printOut(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
}

/// Writes to stderr, made safe for a terminal first (see ``Capital/sanitise(_:lineLimit:totalLimit:)``):
/// messages quote the user's input (headers, cell values, arguments).
func printErr(_ text: String) {
    let safe = Capital.sanitise(text)
    FileHandle.standardError.write(Data((safe.hasSuffix("\n") ? safe : safe + "\n").utf8))
}

func readText(_ path: String) throws -> String {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw UserError("cannot read \(path): no such file or not readable")
    }
    guard let text = String(data: data, encoding: .utf8) else { throw UserError("\(path) is not UTF-8 text") }
    return text
}

/// Ownership shares from a saved share set (an id) or a shares file capital wrote (JSON or CSV).
func loadShares(_ reference: String, method: String?, scope: NetworkScope) throws -> OwnershipShares {
    if let id = Int64(reference) {
        let (c, network) = try scope.open()
        let set = try ShareSetStore(c).shareSet(id: id, network: network)
        if set.status == .superseded { printErr("note: share set \(id) has been superseded") }
        return try OwnershipShares(set.entries.map { (trust: $0.trust, share: Decimal(string: $0.share)!) }, method: set.method)
    }
    return try SharesFile.parse(text: try readText(reference), fileName: reference, method: method)
}
