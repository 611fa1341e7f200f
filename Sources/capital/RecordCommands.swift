import ArgumentParser
import CapitalCore
import CapitalStore
import Postgres

// The commands that are the same for several kinds of the network's records: `list` (trusts, plans, share sets,
// calls), and `show` and `approve` for the documents kept in versions (plans, share sets).

/// The network's records of one kind, as `capital <kind> list` prints them.
protocol NetworkRecords {
    /// The `list` command's one-line help.
    static var listAbstract: String { get }
    /// The network's records as a listing.
    static func listing(_ connection: Connection, network: Network) throws -> Tabular
}

/// `capital <kind> list`: the network's records of one kind in --format.
struct ListCommand<Records: NetworkRecords>: ParsableCommand {
    static var configuration: CommandConfiguration { CommandConfiguration(commandName: "list", abstract: Records.listAbstract) }
    @OptionGroup var scope: NetworkScope
    @OptionGroup var output: FormatOptions

    func run() throws {
        let (c, network) = try scope.open()
        printOut(try Records.listing(c, network: network).render(output.format))
    }
}

/// Documents a network keeps in numbered versions and approves one at a time (plans, share sets).
protocol VersionedRecords: NetworkRecords {
    /// The document in words, as help names it (`plan`, `share set`).
    static var noun: String { get }
    /// The command that holds `list`, `show` and `approve` (`plan`, `shares`).
    static var command: String { get }
    /// The `show` command's one-line help.
    static var showAbstract: String { get }
    /// The `approve` command's one-line help.
    static var approveAbstract: String { get }
    /// Document `id` of the network in `format`.
    static func show(id: Int64, _ connection: Connection, network: Network, format: Tabular.Format) throws -> String
    /// Approves draft `id` by `approver`; returns the document as the confirmation names it (`plan 3 (version 2, Name)`)
    /// and who approved it as recorded.
    static func approve(id: Int64, by approver: String, _ connection: Connection, network: Network) throws
        -> (title: String, approvedBy: String?)
}

extension VersionedRecords {
    static var listAbstract: String { "List saved \(noun)s, newest version last." }
    static var showAbstract: String { "Show one saved \(noun)." }
    static var approveAbstract: String { "Approve a draft \(noun); it supersedes the \(noun) in force." }

    /// The note after a draft is saved: what it is, and the command that approves it.
    static func savedNote(id: Int64, version: Int, detail: String? = nil) -> String {
        "saved \(noun) \(id) (version \(version)\(detail.map { ", \($0)" } ?? ""), draft): approve with `capital \(command) approve \(id) --by NAME`"
    }
}

/// `capital <kind> show ID`: one saved document in --format.
struct ShowCommand<Records: VersionedRecords>: ParsableCommand {
    static var configuration: CommandConfiguration { CommandConfiguration(commandName: "show", abstract: Records.showAbstract) }
    @OptionGroup var scope: NetworkScope
    @OptionGroup var output: FormatOptions
    @Argument(help: ArgumentHelp("The \(Records.noun)'s id.")) var id: Int64

    func run() throws {
        let (c, network) = try scope.open()
        printOut(try Records.show(id: id, c, network: network, format: output.format))
    }
}

/// `capital <kind> approve ID --by NAME`: a draft document approved; it supersedes the one in force.
struct ApproveCommand<Records: VersionedRecords>: ParsableCommand {
    static var configuration: CommandConfiguration { CommandConfiguration(commandName: "approve", abstract: Records.approveAbstract) }
    @OptionGroup var scope: NetworkScope
    @Argument(help: ArgumentHelp("The \(Records.noun)'s id.")) var id: Int64
    @Option(help: "Who approves it (name or role), recorded with the time.") var by: String

    func run() throws {
        let (c, network) = try scope.open()
        let approved = try Records.approve(id: id, by: by, c, network: network)
        printOut("\(approved.title) approved by \(approved.approvedBy ?? by); it is now in force\n")
    }
}
