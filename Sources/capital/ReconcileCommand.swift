import ArgumentParser
import CapitalCore
import CapitalStore
import Foundation
import Register

/// `capital reconcile`: match each trust's finance fixed-asset register to its engineering assets (docs/reconcile.md),
/// and record a person's decisions on pairs.
struct ReconcileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile",
        abstract: "Match trusts' finance fixed-asset registers to their engineering (CMMS) assets.",
        discussion: """
            Rules, in order: decisions recorded with accept/reject; serial (normalised); manufacturer + model + in-service \
            date within 90 days + cost within 10%; description similarity within a site. Every asset and every finance \
            record is reported once: matched (with cost, date and site differences), cmms_only, finance_only or ambiguous. \
            Matches are recorded, and the register's values use the finance cost and dates of matched assets.
            """,
        subcommands: [Run.self, Accept.self, Reject.self], defaultSubcommand: Run.self)

    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "run", abstract: "Reconcile one trust or every trust.")
        @OptionGroup var scope: NetworkScope
        @Option(help: "The trust's ODS code.") var trust: String?
        @Flag(help: "Every trust of the network.") var all = false
        @Option(help: "Output format: table, csv, json or xlsx (xlsx needs --out).") var format: String = "table"
        @Option(help: "Write to this file instead of standard output.") var out: String?

        func validate() throws {
            if (trust == nil) == !all { throw ValidationError("give --trust CODE or --all") }
            guard ["table", "csv", "json", "xlsx"].contains(format) else { throw ValidationError("--format must be table, csv, json or xlsx") }
            if format == "xlsx" && out == nil { throw ValidationError("--format xlsx needs --out FILE.xlsx") }
        }

        func run() throws {
            let (c, network) = try scope.open()
            let result = try ReconcileStore(c).reconcile(network: network, trustCode: all ? nil : trust)
            let text: String
            switch format {
            case "xlsx":
                try ReconcileRendering.xlsx(result, to: URL(fileURLWithPath: out!))
                printErr("capital: wrote \(out!)")
                return
            case "csv": text = ReconcileRendering.csv(result)
            case "json": text = try ReconcileRendering.json(result)
            default: text = ReconcileRendering.table(result)
            }
            if let out {
                try Data(text.utf8).write(to: URL(fileURLWithPath: out))
            } else {
                printOut(text)
            }
        }
    }

    /// The pair a decision is about, by the identifiers that survive re-imports.
    struct Pair: ParsableArguments {
        @OptionGroup var scope: NetworkScope
        @Option(help: "The trust's ODS code.") var trust: String
        @Argument(help: "The engineering asset tag.") var assetTag: String
        @Argument(help: "The finance asset number.") var assetNumber: String
        @Option(help: "Why (kept with the decision).") var note: String?

        func decide(accept: Bool) throws {
            let (c, network) = try scope.open()
            try ReconcileStore(c).decide(network: network, trustCode: trust, assetTag: assetTag, assetNumber: assetNumber, accept: accept, note: note)
            printOut("\(accept ? "accepted" : "rejected"): \(trust.uppercased()) asset \(assetTag) \(accept ? "is" : "is not") finance record \(assetNumber)\n")
        }
    }

    struct Accept: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record that an asset and a finance record are the same device.")
        @OptionGroup var pair: Pair
        func run() throws { try pair.decide(accept: true) }
    }

    struct Reject: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record that an asset and a finance record are different devices.")
        @OptionGroup var pair: Pair
        func run() throws { try pair.decide(accept: false) }
    }
}
extension SourceKind: ExpressibleByArgument {}
