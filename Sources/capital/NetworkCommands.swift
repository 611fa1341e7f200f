import ArgumentParser
import CapitalCore
import CapitalStore
import Foundation
import Postgres

struct NetworkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "network", abstract: "Create, list, rename and delete imaging networks.",
        subcommands: [Create.self, List.self, Rename.self, Delete.self, AgreementCommand.self])

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
            printOut(NetworkMembersRendering.networks(try NetworkStore(try db.open()).networks()).render(output.format))
        }
    }
}

struct TrustCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trust", abstract: "Add, list and rename the network's member trusts.",
        subcommands: [Add.self, ListCommand<Trusts>.self, Rename.self, TrustExitCommand.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a member trust by its ODS code.")
        @OptionGroup var scope: NetworkScope
        @Argument(help: "The trust's ODS code, e.g. RRK.") var code: String
        @Option(help: "The trust's name.") var name: String
        @Flag(help: "The trust is an NHS foundation trust (default: an NHS trust).") var foundation = false

        func run() throws {
            let (c, network) = try scope.open()
            let trust = try NetworkStore(c).addTrust(network: network, odsCode: code, name: name, kind: foundation ? .foundationTrust : .nhsTrust)
            printOut("added \(trust.odsCode) \(trust.name) (\(foundation ? "foundation trust" : "NHS trust")) to \(network.name)\n")
        }
    }

    /// The network's member trusts for `trust list`.
    enum Trusts: NetworkRecords {
        static let listAbstract = "List member trusts."
        static func listing(_ connection: Connection, network: Network) throws -> Tabular {
            NetworkMembersRendering.trusts(try NetworkStore(connection).trusts(network: network))
        }
    }
}

struct SiteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "site", abstract: "Add and list trusts' sites, and give them other names.",
        subcommands: [Add.self, List.self, Alias.self])

    struct Alias: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Give a site another name (imports and reconciliation then treat it as the site).",
            discussion: "A site created earlier under that name (or code) is folded into this one: its assets and finance records move.")
        @Argument(help: "The site's code.") var code: String
        @Argument(help: "Another name or code for it, as a register writes it.") var alias: String
        @OptionGroup var scope: NetworkScope
        @Option(help: "The trust's ODS code (needed only when several trusts have a site with that code).") var trust: String?

        func run() throws {
            let (c, network) = try scope.open()
            let o = try SiteAliasStore(c).alias(network: network, trustCode: trust, code: code, alias: alias)
            printOut("site \(o.site.trustCode) \(o.site.code) (\(o.site.name)) is also \"\(alias)\""
                     + (o.merged.isEmpty ? "" : "; folded in site(s) \(o.merged.joined(separator: ", ")): \(o.assetsMoved) asset(s), "
                        + "\(o.financeRecordsMoved) finance record(s) moved") + "\n")
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a site to a trust.")
        @OptionGroup var scope: NetworkScope
        @Argument(help: "The trust's ODS code.") var trust: String
        @Argument(help: "The site's code (unique within the trust), e.g. its ODS site code.") var code: String
        @Option(help: "The site's name.") var name: String

        func run() throws {
            let (c, network) = try scope.open()
            let site = try NetworkStore(c).addSite(network: network, trustCode: trust, code: code, name: name)
            printOut("added site \(site.code) \(site.name) to \(site.trustCode)\n")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List sites.")
        @OptionGroup var scope: NetworkScope
        @OptionGroup var output: FormatOptions
        @Option(help: "Only this trust's sites.") var trust: String?

        func run() throws {
            let (c, network) = try scope.open()
            printOut(NetworkMembersRendering.sites(try NetworkStore(c).sites(network: network, trustCode: trust)).render(output.format))
        }
    }
}
