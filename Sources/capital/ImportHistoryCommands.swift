import ArgumentParser
import CapitalCore
import CapitalStore
import Foundation

/// `capital import`: a register file in (the default: `capital import FILE --trust CODE`), and the import history.
struct ImportGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a trust's asset register (CSV or XLSX), or list, show, export the rejects of, or undo an import.",
        discussion: "`capital import FILE --trust CODE` imports a file (see `capital import file --help`).",
        subcommands: [ImportCommand.self, ImportListCommand.self, ImportShowCommand.self, ImportRejectsCommand.self,
                      ImportUndoCommand.self],
        defaultSubcommand: ImportCommand.self)
}

/// `capital import list [--trust CODE]`: the network's import batches, newest first.
struct ImportListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List import batches, newest first: file, when, who, profile and counts.")
    @OptionGroup var scope: NetworkScope
    @Option(help: "Only this trust's batches (ODS code).") var trust: String?
    @OptionGroup var output: FormatOptions

    func run() throws {
        let (c, network) = try scope.open()
        let batches = try ImportHistory(c).list(network: network, trust: trust)
        printOut(output.format == .table ? ImportHistory.listing(batches) : ImportHistory.table(batches).render(output.format))
    }
}

/// `capital import show BATCH`: one batch in full, with the mapping it used.
struct ImportShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show an import batch: file, SHA-256, profile and mapping used, who, when, counts.")
    @OptionGroup var db: DatabaseOptions
    @Argument(help: "The batch's id (capital import list).") var batch: Int64
    @Option(help: "Output format: table or json.") var format: ShowFormat = .table

    enum ShowFormat: String, ExpressibleByArgument, CaseIterable { case table, json }

    func run() throws {
        let record = try ImportHistory(try db.open()).batch(batch)
        printOut(format == .json ? try ImportHistory.json(record) : ImportHistory.text(record))
    }
}

/// `capital import rejects BATCH`: the batch's rejected and skipped rows, as `--errors` lists them.
struct ImportRejectsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rejects", abstract: "Export an import batch's rejected and skipped rows: row, column, value and reason.")
    @OptionGroup var db: DatabaseOptions
    @Argument(help: "The batch's id (capital import list).") var batch: Int64
    @Option(help: "Output format: table, csv, json or xlsx (default: from --out's extension, else table).") var format: String?
    @Option(help: "Write to this file instead of standard output (.xlsx writes a workbook).") var out: String?

    func run() throws {
        let format = try ProcureCommand.resolvedFormat(self.format, out: out)
        let history = ImportHistory(try db.open())
        let record = try history.batch(batch)
        let lines = try history.rejects(batch)
        if format == "xlsx" {
            try ImportHistory.writeWorkbook(lines, file: record.file, batch: batch, to: URL(fileURLWithPath: out!))
            printErr("wrote \(lines.count) lines (rejected and skipped rows of batch \(batch)) to \(out!)")
            return
        }
        let text = ImportHistory.table(lines, file: record.file).render(Tabular.Format(rawValue: format) ?? .table)
        if let out {
            try text.write(toFile: out, atomically: true, encoding: .utf8)
            printErr("wrote \(lines.count) lines (rejected and skipped rows of batch \(batch)) to \(out)")
        } else {
            printOut(text)
        }
    }
}

/// `capital import undo BATCH`: the trust's register as it was before the batch.
struct ImportUndoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "undo",
        abstract: "Put a trust's register back exactly as it was before an import batch.",
        discussion: """
            Removes the assets the batch added, restores the assets it updated or retired, and removes the sites it \
            created, in one transaction (audited). Refused, saying why, if a later batch of the trust stands or an \
            approved plan rests on the batch.
            """)
    @OptionGroup var db: DatabaseOptions
    @Argument(help: "The batch's id (capital import list).") var batch: Int64

    func run() throws {
        printOut(ImportHistory.text(try ImportHistory(try db.open()).undo(batch)))
    }
}
