import ArgumentParser
import CapitalCore
import CapitalStore
import Foundation
import Funding
import Postgres
import Valuation

struct SharesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shares",
        abstract: "Value each trust's contributions and compute ownership shares; save and approve share sets.",
        subcommands: [Compute.self, ListCommand<ShareSets>.self, ShowCommand<ShareSets>.self, ApproveCommand<ShareSets>.self])

    struct Compute: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compute ownership shares by every method side by side (or one method).",
            discussion: """
                Conventions (docs/valuation.md): imaging equipment at register net book value, else cost \
                depreciated straight-line over expected life (never below zero), the whole imaging inventory \
                (the guidance's first estimate) unless --exclusive-only; investments within three calendar months \
                either side of formation at current cost, later ones discounted as amount / (1 + rate)^(days/365.25), \
                earlier ones and ones after the agreed lifespan left out with a note; stranded costs at 12 months' \
                cost; going-concern: equipment + working capital - liabilities. Shares are exact ratios; shown \
                percents sum to exactly 100.00.

                The register is read from the database only when some trust in the file has no \
                imaging_equipment figure; a file that gives every trust's figure needs no database.
                """)
        @OptionGroup var scope: NetworkScope
        @Option(help: "The contributions file (YAML).") var contributions: String
        @Option(help: "Valuation date (YYYY-MM-DD); default the formation date in the file.") var asOf: CalendarDate?
        @Option(help: "contribution, cost-base, pay, non-pay, operating, volume or blend (default: all side by side).")
        var method: String?
        @Option(help: "Blend weights, e.g. contribution=0.5,volume=0.3,operating=0.2 (normalised to sum to 1).")
        var weights: String?
        @Flag(help: "Value only register assets flagged exclusive to the network (default: the whole imaging inventory, the guidance's first estimate).")
        var exclusiveOnly = false
        @Flag(help: .hidden) var allEquipment = false
        @Flag(help: "Save the computed set (one method; contribution unless --method) as a new draft version.")
        var save = false
        @Flag(help: "With --save: allow a set that leaves out some member trusts (refused otherwise).")
        var partial = false
        @Option(help: "Output format: table, csv or json.") var format: Tabular.Format = .table

        func run() throws {
            if allEquipment && exclusiveOnly {
                throw ValidationError("--all-equipment (now the default) and --exclusive-only contradict each other; give one")
            }
            let text = try readText(contributions)
            var parsed = try ContributionsFile.parse(yaml: text, fileName: contributions)
            let method = try self.method.map(ShareMethod.parse)
            let weights = try self.weights.map(BlendWeights.parse)
            if method == .blend && weights == nil { throw ValidationError("--method blend needs --weights") }
            let needsRegister = parsed.trusts.contains { $0.imagingEquipmentOverride == nil }
            var equipment: [EquipmentHolding] = []
            var connection: Postgres.Connection?
            var network: Network?
            var agreementLifespan: Int?
            if needsRegister || save {
                let (c, n) = try scope.open()
                connection = c
                network = n
                // With the database at hand, a trust in the file must be a member of the network.
                let trusts = try NetworkStore(c).trusts(network: n)
                let members = Set(trusts.map(\.odsCode))
                parsed = try ContributionsFile.parse(yaml: text, fileName: contributions, knownTrusts: members)
                // The agreement decides which owners the structure allows and the lifespan investments must fall in.
                let agreement = try AgreementStore(c).current(network: n).agreement
                let owners = Set(parsed.trusts.map(\.code))
                try StructureRules.checkOwners(trusts.filter { owners.contains($0.odsCode) }.map { (code: $0.odsCode, kind: $0.kind) },
                                               structure: agreement.structure)
                agreementLifespan = parsed.lifespanYears == nil ? agreement.lifespanYears : nil
                if needsRegister { equipment = try ShareSetStore(c).equipmentHoldings(network: n) }
            }
            let report = try SharesReport.compute(contributions: parsed, equipment: equipment, asOf: asOf,
                                                  exclusiveOnly: exclusiveOnly, lifespanYears: agreementLifespan,
                                                  method: method, weights: weights)
            printOut(try format.render(table: { report.renderTable() }, csv: report.renderCSV, json: report.renderJSON))
            if save, let connection, let network {
                let saved = try ShareSetStore(connection).save(report, method: method ?? .contribution, network: network,
                                                               contributionsFile: (contributions as NSString).lastPathComponent,
                                                               contributionsText: text, allowPartial: partial)
                printErr(ShareSets.savedNote(id: saved.id, version: saved.version, detail: saved.method))
            }
        }
    }

    /// Saved share sets for `shares list`, `show` and `approve`.
    enum ShareSets: VersionedRecords {
        static let noun = "share set"
        static let command = "shares"
        static let approveAbstract = "Approve a draft share set; it supersedes the set in force."

        static func listing(_ c: Connection, network: Network) throws -> Tabular { ShareSetRendering.list(try ShareSetStore(c).list(network: network)) }

        static func show(id: Int64, _ c: Connection, network: Network, format: Tabular.Format) throws -> String {
            try ShareSetRendering.shareSet(try ShareSetStore(c).shareSet(id: id, network: network), format: format)
        }

        static func approve(id: Int64, by approver: String, _ c: Connection, network: Network) throws -> (title: String, approvedBy: String?) {
            let set = try ShareSetStore(c).approve(id: id, by: approver, network: network)
            return ("share set \(set.id) (version \(set.version), \(set.method))", set.approvedBy)
        }
    }
}

struct VoteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vote",
        abstract: "Decide a motion: carried or not, and why.",
        discussion: """
            ordinary: more than half of the votes cast (the management board's simple majority). \
            unanimous: every member for. reserved:75%: at least that share of all members' votes. \
            --basis equal gives one vote per trust; --basis shares weighs votes by ownership share \
            (from --shares: a share set id, or a shares JSON file).
            """)
    @OptionGroup var scope: NetworkScope
    @Option(help: "ordinary, unanimous or reserved:PCT% (e.g. reserved:75%).") var matter: String
    @Option(help: "equal (one vote per trust) or shares (votes by ownership share).") var basis: String = "equal"
    @Option(help: "With --basis shares: a saved share set id or a shares file (JSON or CSV).") var shares: String?
    @Option(help: "The members' votes, e.g. RAA=for,RBB=against,RCC=abstain. Members not named are absent.")
    var ballots: String
    @Option(help: "With --basis equal and no database: the member trusts, e.g. RAA,RBB,RCC.") var members: String?

    func run() throws {
        let matterType = try MatterType.parse(matter)
        let votes = try Vote.parseBallots(ballots)
        let votingBasis: VotingBasis
        switch basis {
        case "equal":
            if let members {
                votingBasis = .equal(members: members.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).uppercased() })
            } else {
                let (c, network) = try scope.open()
                votingBasis = .equal(members: try NetworkStore(c).trusts(network: network).map(\.odsCode))
            }
        case "shares":
            guard let shares else { throw ValidationError("--basis shares needs --shares ID|FILE") }
            let owned = try loadShares(shares, method: nil, scope: scope)
            votingBasis = .shareWeighted(shares: Dictionary(uniqueKeysWithValues: owned.entries.map { ($0.trust, $0.share) }))
        default:
            throw ValidationError("--basis must be equal or shares")
        }
        let outcome = try Vote(basis: votingBasis, matter: matterType, ballots: votes).evaluate()
        // The reason opens with "carried" or "not carried": shown once, in capitals.
        let verdict = outcome.carried ? "carried" : "not carried"
        let why = outcome.reason.hasPrefix(verdict + ": ") ? String(outcome.reason.dropFirst(verdict.count + 2)) : outcome.reason
        printOut(verdict.uppercased() + ": \(why)\n")
        if !outcome.carried { throw ExitCode(3) }
    }
}
