import ArgumentParser
import CapitalCore
import CapitalStore
import Foundation
import Funding

/// `capital network agreement show|set`: the network agreement as data, versioned (sql/0021).
struct AgreementCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agreement",
        abstract: "The network agreement: formation, legal structure, initial contract, minimum notice, lifespan, threshold.",
        discussion: """
            Defaults are the guidance's (NHS England/IPEM 2021 §5.3): a seven-year initial contract period for each \
            owner trust ("considered the minimum") and 12 months' notice to leave ("would be appropriate"). Every \
            change is a new version; `show --history` lists them all.
            """,
        subcommands: [Show.self, Set.self])

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the agreement in force (or every version with --history).")
        @OptionGroup var scope: NetworkScope
        @Flag(help: "Every version, oldest first.") var history = false
        @OptionGroup var output: FormatOptions

        func run() throws {
            let (c, network) = try scope.open()
            let store = AgreementStore(c)
            let versions = history ? try store.history(network: network) : [try store.current(network: network)]
            if output.format == .table, !history, let current = versions.first {
                printOut(AgreementRendering.terms(current))   // one record: its terms one per line, for people
            } else {
                printOut(AgreementRendering.versions(versions).render(output.format))
            }
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change the agreement; each change is recorded as a new version.",
            discussion: "Only the options given change. --lifespan-years none and --threshold none clear them; --host none clears the host.")
        @OptionGroup var scope: NetworkScope
        @Option(help: "The date the entity was formed (YYYY-MM-DD).") var formed: CalendarDate?
        @Option(help: "collaboration, alliance, hosted, joint_venture, community_interest_company or outsourced.")
        var structure: NetworkStructure?
        @Option(help: "Each owner trust's initial contract period in years (guidance: 7, the minimum).") var initialContractYears: Int?
        @Option(help: "The minimum notice to leave, in calendar months (guidance: 12).") var minimumNoticeMonths: Int?
        @Option(help: "The entity's predicted lifespan in years as agreed at formation, or none.") var lifespanYears: String?
        @Option(help: "Calls above this need the owner trusts' approval (e.g. 5m), or none.") var threshold: String?
        @Option(help: "A hosted network's host trust (ODS code), or none.") var host: String?

        func run() throws {
            let (c, network) = try scope.open()
            let lifespan: Int?? = try lifespanYears.map { (text: String) throws -> Int? in
                if text.lowercased() == "none" { return nil }
                guard let n = Int(text) else { throw ValidationError("--lifespan-years must be a whole number of years or none, not \"\(text)\"") }
                return n
            }
            let limit: Pence?? = try threshold.map { (text: String) throws -> Pence? in
                text.lowercased() == "none" ? nil : try CallsCommand.parsePounds(text)
            }
            let hostCode: String?? = host.map { (text: String) -> String? in text.lowercased() == "none" ? nil : text.uppercased() }
            let v = try AgreementStore(c).set(network: network) { a in
                if let formed { a.formedOn = formed }
                if let structure { a.structure = structure }
                if let initialContractYears { a.initialContractYears = initialContractYears }
                if let minimumNoticeMonths { a.minimumNoticeMonths = minimumNoticeMonths }
                if let lifespan { a.lifespanYears = lifespan }
                if let limit { a.callApprovalThreshold = limit }
                if let hostCode { a.hostTrust = hostCode }
                if a.structure != .hosted && hostCode == nil { a.hostTrust = nil }
            }
            printOut("\(network.name): agreement version \(v.version) recorded\n" + AgreementRendering.versions([v]).render(.table))
        }
    }
}
