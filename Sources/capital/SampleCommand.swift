import ArgumentParser
import CapitalCore
import CapitalStore
import Foundation
import Register
import Samples

/// `capital sample`: writes a deterministic sample network (one register per trust in the shipped
/// export shapes, plus network.yaml) for demos, tests and benchmarks; `--load` also creates the
/// network, trusts and sites and imports every register.
struct SampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract: "Write a deterministic sample network of trust registers (CSV and XLSX).",
        discussion: """
            Same seed, same bytes. Every file carries injected mess (manufacturer aliases, missing-value words, an exact \
            duplicate row, non-imaging rows); the first trust's file also has a few invalid rows, so its default import \
            fails and --allow-partial loads the rest.
            """)

    @Option(help: "Number of trusts (1–20).") var trusts: Int = 15
    @Option(help: "Imaging assets per trust.") var assets: Int = 200
    @Option(help: "Random seed.") var seed: UInt64 = 1
    @Option(help: "Directory to write into (created if needed).") var out: String
    @Flag(help: "Also create the network, trusts and sites and import every register (with --allow-partial).") var load = false
    @Flag(help: "Also write each CMMS trust's finance fixed-asset register, with drift, and the true pairs (docs/reconcile.md).")
    var finance = false
    @Option(help: "With --load: the network's name (default: the manifest's).") var network: String?
    @OptionGroup var db: DatabaseOptions
    @Option(help: ArgumentHelp("Write one register of this many assets instead of a network (benchmarks).", visibility: .hidden))
    var rows: Int?
    @Option(help: ArgumentHelp("With --rows: equip-csv, mems-csv, finance-xlsx, equip-csv-semicolon, mems-xlsx or finance-csv.",
                               visibility: .hidden))
    var layout: String = "equip-csv"
    @Option(help: ArgumentHelp("With --rows: the file name inside --out.", visibility: .hidden)) var file: String?

    static let layouts: [String: SampleNetwork.Layout] = [
        "equip-csv": .equipCSV1252, "mems-csv": .memsCSVBOM, "finance-xlsx": .financeXLSX,
        "equip-csv-semicolon": .equipCSVSemicolon, "mems-xlsx": .memsXLSX, "finance-csv": .financeCSV,
    ]

    func validate() throws {
        guard (1...20).contains(trusts) else { throw ValidationError("--trusts must be 1 to 20") }
        guard assets >= 1 else { throw ValidationError("--assets must be at least 1") }
        if let rows, rows < 1 { throw ValidationError("--rows must be at least 1") }
        if Self.layouts[layout] == nil { throw ValidationError("--layout must be one of \(Self.layouts.keys.sorted().joined(separator: ", "))") }
    }

    func run() throws {
        let dir = URL(fileURLWithPath: out)
        if let rows {
            let l = Self.layouts[layout]!
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            let name = file ?? "R1A-\(layout)-\(rows)\(l == .financeXLSX || l == .memsXLSX ? ".xlsx" : ".csv")"
            let tf = try SampleNetwork.writeRegister(layout: l, assets: rows, seed: seed, to: dir.appendingPathComponent(name))
            printOut("wrote \(dir.appendingPathComponent(name).path): \(tf.rows) rows (\(tf.assets) assets, \(tf.nonImagingRows) non-imaging, "
                     + "\(tf.exactDuplicates) exact duplicates), profile \(tf.profile)\n")
            return
        }
        let written = try SampleNetwork.generate(trusts: trusts, assetsPerTrust: assets, seed: seed, into: dir, finance: finance)
        printOut("wrote \(written.count) registers and network.yaml to \(dir.path) (seed \(seed))\n" + SampleRendering.files(written).table())
        guard load else { return }
        let connection = try db.open()
        let library = try ProfileLibrary(directory: ResourceLocator.directory("importers"))
        var options = ImportOptions(allowPartial: true, user: NSUserName())
        options.asOf = CalendarDate(year: 2025, month: 4, day: 1)!
        try SampleNetworkLoader.load(directory: dir, connection: connection, importers: library, networkName: network,
                                      options: options) { trust, o in
            printOut("imported \(trust.code) \(o.file): \(o.summary.rowsRead) read, \(o.loaded) loaded, \(o.summary.rejected) rejected, "
                     + "\(o.added) added, \(o.updated) updated, \(o.duplicates) duplicate devices, \(o.summary.warnings) warnings\n")
        }
        for t in written where finance {
            let far = dir.appendingPathComponent(SampleNetwork.financeFiles(code: t.code).register)
            guard FileManager.default.fileExists(atPath: far.path) else { continue }
            let store = RegisterStore(connection)
            let o = try store.importRegister(file: far, network: try NetworkStore(connection).network(named: network ?? "Sample Imaging Network"),
                                             trustCode: t.code, importers: library, options: options)
            printOut("imported \(t.code) \(o.file): \(o.summary.rowsRead) read, \(o.finance?.added ?? 0) finance records\n")
        }
    }
}
