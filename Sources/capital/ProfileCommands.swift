import ArgumentParser
import CapitalCore
import CapitalStore
import Foundation
import Register

/// `capital profile init|check|list`: write a mapping profile from a register file, check a file against a profile
/// without a database, and list the built-in profiles (docs/import.md). The work is in Register.
struct ProfileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profile",
        abstract: "Write, check and list the mapping profiles that read register files.",
        subcommands: [ProfileInitCommand.self, ProfileCheckCommand.self, ProfileListCommand.self])
}

/// The importers directory: `--importers` (hidden, for tests), else the project's.
struct ImportersOption: ParsableArguments {
    @Option(help: ArgumentHelp("Directory of mapping profiles (default: the project's importers/).", visibility: .hidden))
    var importers: String?

    func library() throws -> ProfileLibrary {
        try ProfileLibrary(directory: importers.map { URL(fileURLWithPath: $0) } ?? ResourceLocator.directory("importers"))
    }
}

/// `--format table|json` for the profile commands.
struct TableOrJSON: ParsableArguments {
    @Option(help: "Output format: table or json.") var format: Tabular.Format = .table
    func validate() throws { try format.require([.table, .json], command: "profile") }
}

struct ProfileInitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Propose a mapping profile for a register file, from its headers and a sample of its values.",
        discussion: """
            Reads the header (below any preamble) and the first rows, and writes a commented profile YAML listing every \
            field capital reads, the column chosen for each and why, the date order, and the headers left unmapped. \
            It loads as written: capital import FILE --trust CODE --profile PATH. Without --out the YAML goes to \
            standard output.
            """)

    @Argument(help: "The register file (.csv or .xlsx).") var file: String
    @Option(help: "XLSX: the worksheet to read (default: the first).") var sheet: String?
    @Option(help: "Write the profile here (default: standard output).") var out: String?
    @Option(help: "The header's row number (default: found below any preamble).") var headerRow: Int?
    @Option(help: ArgumentHelp("Data rows to sample.", visibility: .hidden)) var sample: Int = FileSample.defaultLimit
    @OptionGroup var formatOption: TableOrJSON
    @OptionGroup var importersOption: ImportersOption

    func validate() throws {
        if let headerRow, headerRow < 1 { throw ValidationError("--header-row must be 1 or more (got \(headerRow))") }
        if sample < 1 { throw ValidationError("--sample must be 1 or more") }
    }

    func run() throws {
        let url = URL(fileURLWithPath: file)
        guard FileManager.default.fileExists(atPath: url.path) else { throw UserError("no such file: \(file)") }
        let library = try importersOption.library()
        let vocabulary = try Vocabulary.load(url: library.directory.appendingPathComponent("vocabulary.yaml"))
        let sample = try FileSample(url: url, sheet: sheet, headerRow: headerRow, profiles: library.profiles, limit: sample)
        let proposal = ProfileInference.propose(fileName: url.lastPathComponent, headers: sample.headers, rows: sample.rows,
                                                headerRow: sample.headerRow, vocabulary: vocabulary, profiles: library.profiles)
        if let out {
            do { try Data(proposal.yaml.utf8).write(to: URL(fileURLWithPath: out)) } catch { throw UserError("cannot write the profile \(out): \(error)") }
        }
        switch formatOption.format {
        case .json: printOut(try ProfileRendering.initJSON(proposal, out: out))
        default: printOut(out == nil ? proposal.yaml : ProfileRendering.initSummary(proposal, out: out, file: file))
        }
        guard proposal.canKeyRows else {
            printErr("capital: \(url.lastPathComponent): no column could be the asset tag or the serial number, so the profile cannot key rows; "
                     + "put the right header in its asset_tag: [] line")
            throw ExitCode(1)
        }
    }
}

struct ProfileCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Read a register file through a profile without a database: the first normalised rows and the issue counts.",
        discussion: "Exit 1 when an import of the file would fail (an error in a row, or no row that loads).")

    @Argument(help: "The register file (.csv or .xlsx).") var file: String
    @Option(help: "A mapping profile: a name from importers/, a path to a profile YAML file, or auto.") var profile: String = "auto"
    @Option(name: .customLong("map"), help: ArgumentHelp("Read FIELD from the file's column HEADER, adding to or overriding the profile (repeatable).",
                                                        valueName: "FIELD=HEADER"))
    var map: [String] = []
    @Option(help: "The header's row number (default: the row whose cells the profile recognises best).") var headerRow: Int?
    @Option(help: "XLSX: the worksheet to read (default: the first).") var sheet: String?
    @Option(help: "How many normalised rows to show.") var rows: Int = ProfileCheck.defaultRows
    @OptionGroup var formatOption: TableOrJSON
    @OptionGroup var importersOption: ImportersOption
    @Option(help: ArgumentHelp("Today's date for future-date checks (tests).", visibility: .hidden)) var asOf: CalendarDate?

    func validate() throws {
        if let headerRow, headerRow < 1 { throw ValidationError("--header-row must be 1 or more (got \(headerRow))") }
        if rows < 0 { throw ValidationError("--rows must be 0 or more") }
        for m in map {
            do { _ = try FieldMapping(parsing: m) } catch let e as UserError { throw ValidationError(e.message) }
        }
    }

    func run() throws {
        let url = URL(fileURLWithPath: file)
        guard FileManager.default.fileExists(atPath: url.path) else { throw UserError("no such file: \(file)") }
        let check = try ProfileCheck(url: url, profile: ProfileLibrary.Choice(profile), importers: try importersOption.library(), sheet: sheet,
                                     mapping: try map.map { try FieldMapping(parsing: $0) }, headerRow: headerRow, asOf: asOf ?? .today(), rows: rows)
        printOut(formatOption.format == .json ? try ProfileRendering.checkJSON(check) : ProfileRendering.checkTable(check))
        if check.wouldFail { throw ExitCode(1) }
    }
}

struct ProfileListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "The built-in mapping profiles and the headers each recognises.")

    @OptionGroup var formatOption: TableOrJSON
    @OptionGroup var importersOption: ImportersOption

    func run() throws {
        let library = try importersOption.library()
        printOut(formatOption.format == .json ? try ProfileRendering.listJSON(library) : ProfileRendering.listTable(library))
    }
}
