import ArgumentParser
import CapitalCore
import CapitalStore
import Foundation

extension NetworkStructure: ExpressibleByArgument {}

/// `--network NAME`, needed only when the database holds more than one network.
struct NetworkOption: ParsableArguments {
    @Option(name: .long, help: "The network to act on (needed only when there are several).")
    var network: String?
}

struct NetworkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "network", abstract: "Create and list imaging networks.",
        subcommands: [Create.self, List.self])

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a network.")
        @OptionGroup var db: DatabaseOptions
        @Argument(help: "The network's name.") var name: String
        @Option(help: "The date the network entity was formed (YYYY-MM-DD): the valuation date for ownership shares.")
        var formed: CalendarDate
        @Option(help: "collaboration, alliance, hosted, joint_venture, community_interest_company or outsourced.")
        var structure: NetworkStructure = .collaboration

        func run() throws {
            let network = try NetworkStore(try db.open()).createNetwork(name: name, formedOn: formed, structure: structure)
            printOut("created network \(network.name) (formed \(network.formedOn), \(network.structure.rawValue))\n")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List networks.")
        @OptionGroup var db: DatabaseOptions
        @OptionGroup var output: FormatOptions

        func run() throws {
            let networks = try NetworkStore(try db.open()).networks()
            let table = Tabular(columns: ["name", "formed", "structure", "trusts"],
                                rows: networks.map { [$0.name, $0.formedOn.iso, $0.structure.rawValue, String($0.trustCount)] },
                                numericColumns: ["trusts"])
            printOut(table.render(output.format))
        }
    }
}

struct TrustCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trust", abstract: "Add and list the network's member trusts.",
        subcommands: [Add.self, List.self, TrustExitCommand.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a member trust by its ODS code.")
        @OptionGroup var db: DatabaseOptions
        @OptionGroup var net: NetworkOption
        @Argument(help: "The trust's ODS code, e.g. RRK.") var code: String
        @Option(help: "The trust's name.") var name: String
        @Flag(help: "The trust is an NHS foundation trust (default: an NHS trust).") var foundation = false

        func run() throws {
            let store = NetworkStore(try db.open())
            let network = try store.network(named: net.network)
            let trust = try store.addTrust(network: network, odsCode: code, name: name, kind: foundation ? .foundationTrust : .nhsTrust)
            printOut("added \(trust.odsCode) \(trust.name) (\(foundation ? "foundation trust" : "NHS trust")) to \(network.name)\n")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List member trusts.")
        @OptionGroup var db: DatabaseOptions
        @OptionGroup var net: NetworkOption
        @OptionGroup var output: FormatOptions

        func run() throws {
            let store = NetworkStore(try db.open())
            let trusts = try store.trusts(network: try store.network(named: net.network))
            let table = Tabular(columns: ["code", "name", "kind", "sites", "assets"],
                                rows: trusts.map { [$0.odsCode, $0.name, $0.kind.rawValue, String($0.siteCount), String($0.assetCount)] },
                                numericColumns: ["sites", "assets"])
            printOut(table.render(output.format))
        }
    }
}

struct SiteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "site", abstract: "Add and list trusts' sites.",
        subcommands: [Add.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a site to a trust.")
        @OptionGroup var db: DatabaseOptions
        @OptionGroup var net: NetworkOption
        @Argument(help: "The trust's ODS code.") var trust: String
        @Argument(help: "The site's code (unique within the trust), e.g. its ODS site code.") var code: String
        @Option(help: "The site's name.") var name: String

        func run() throws {
            let store = NetworkStore(try db.open())
            let site = try store.addSite(network: try store.network(named: net.network), trustCode: trust, code: code, name: name)
            printOut("added site \(site.code) \(site.name) to \(site.trustCode)\n")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List sites.")
        @OptionGroup var db: DatabaseOptions
        @OptionGroup var net: NetworkOption
        @OptionGroup var output: FormatOptions
        @Option(help: "Only this trust's sites.") var trust: String?

        func run() throws {
            let store = NetworkStore(try db.open())
            let sites = try store.sites(network: try store.network(named: net.network), trustCode: trust)
            let table = Tabular(columns: ["trust", "code", "name"], rows: sites.map { [$0.trustCode, $0.code, $0.name] })
            printOut(table.render(output.format))
        }
    }
}
