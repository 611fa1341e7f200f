import ArgumentParser
import CapitalCore
import CapitalStore
import Foundation
import Funding
import Postgres

struct CallsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calls",
        abstract: "Capital calls on the owner trusts by ownership share: add, approve, issue, statements.",
        discussion: """
            A call is apportioned when it is added, by the approved share set in force, in whole pence summing \
            exactly to the call (largest remainder; ties to the larger share, then the trust code). A trust that \
            gave notice (`capital trust exit`) stops sharing calls dated on or after notice date + notice months. \
            Calls go draft -> approved -> issued; above the network's threshold (`capital calls threshold`) the \
            owner trusts' approval is needed as well as the management board's.
            """,
        subcommands: [Apportion.self, Add.self, FromPlan.self, Threshold.self, ListCommand<Calls>.self, Show.self, Approve.self,
                      Issue.self, Statement.self])

    struct Apportion: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Split an amount between trusts by share, to the penny.",
            discussion: """
                Each trust's part is in whole pence and the parts sum exactly to the amount: largest \
                remainder, ties to the larger share, then to the trust code in alphabetical order. \
                Works from a shares file with no database (the output of `capital shares compute --format json`, \
                or {"shares": {"RAA": "0.25", …}}), or from a saved share set id.
                """)
        @OptionGroup var scope: NetworkScope
        @Argument(help: "The amount, e.g. 1500000, £1,500,000.00, 1.5m or 750k.") var amount: String
        @Option(help: "A saved share set id, or a shares file capital wrote (JSON or CSV, from shares compute or shares show).") var shares: String
        @Option(help: "Which method's shares to use from a shares compute document (default: the first, contribution).")
        var method: String?
        @OptionGroup var output: FormatOptions

        func run() throws {
            let pence = try CallsCommand.parsePounds(amount)
            let owned = try loadShares(shares, method: method, scope: scope)
            let parts = try ShareApportioner.apportion(amount: pence, shares: owned)
            printOut(try output.format.render(
                table: { FundingRendering.apportionmentTable(amount: pence, shares: owned, parts: parts) },
                csv: { FundingRendering.apportionmentCSV(shares: owned, parts: parts) },
                json: { try FundingRendering.apportionmentJSON(amount: pence, shares: owned, parts: parts) }))
        }
    }
}

extension CallsCommand {
    static func parsePounds(_ text: String) throws -> Pence {
        guard let pence = MoneyText.parse(text) else {
            throw ValidationError("amount \"\(text)\" is not an amount of money (e.g. \(MoneyText.examples))")
        }
        // Money is numeric(15,2) in the database: a larger amount was a raw "numeric field overflow"; a usage error here.
        guard pence.value.magnitude <= CallsCommand.largestAmount.value.magnitude else {
            throw ValidationError("amount \"\(text)\" is too large: at most £9,999,999,999,999.99")
        }
        return pence
    }

    /// In a hosted network, says on stderr that the call is raised through the host trust (StructureRules.hostedRule).
    static func noteHost(_ c: Connection, network: Network) throws {
        let agreement = try AgreementStore(c).current(network: network).agreement
        let members = Set(try NetworkStore(c).memberIDs(network: network).keys)
        if let host = try StructureRules.capitalRaisedThrough(agreement, members: members) {
            printErr("raised through host trust \(host): \(StructureRules.hostedRule)")
        }
    }

    /// The largest amount the database holds (numeric(15,2)).
    static let largestAmount = Pence(999_999_999_999_999)

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a call by hand (a business case or a redundancy cost); it is apportioned at once as a draft.")
        @OptionGroup var scope: NetworkScope
        @Option(help: "The amount, e.g. 1500000, 1,500,000.00, £1.5m or 750k.") var amount: String
        @Option(help: "What the call pays for.") var purpose: String
        @Option(help: "The date the call falls due (YYYY-MM-DD): decides its year and who shares it.") var date: CalendarDate
        @Option(help: "The business case reference (needed before approval).") var businessCase: String?
        @Option(help: "investment (default), redundancy or stranded.") var kind: ChargeKind = .investment
        @Option(help: "For a redundancy call: who stated that all redeployment routes are exhausted (name or role).")
        var redeploymentExhaustedBy: String?
        @Option(help: "For a redundancy call: the date of that statement (YYYY-MM-DD, on or before the call).")
        var redeploymentExhaustedOn: CalendarDate?
        @OptionGroup var output: FormatOptions

        func run() throws {
            if kind != .redundancy && (redeploymentExhaustedBy != nil || redeploymentExhaustedOn != nil) {
                throw ValidationError("--redeployment-exhausted-by and --redeployment-exhausted-on are for --kind redundancy")
            }
            var redeployment: RedeploymentStatement?
            switch (redeploymentExhaustedBy, redeploymentExhaustedOn) {
            case let (by?, on?): redeployment = try RedeploymentStatement(by: by, on: on)
            case (nil, nil): redeployment = nil
            default: throw ValidationError("give both --redeployment-exhausted-by and --redeployment-exhausted-on")
            }
            let (c, network) = try scope.open()
            let call = try CallStore(c).add(network: network, kind: kind, amount: try CallsCommand.parsePounds(amount), purpose: purpose,
                                            date: date, businessCase: businessCase, redeployment: redeployment)
            printOut(try CallRendering.call(call, format: output.format))
            try CallsCommand.noteHost(c, network: network)
        }
    }

    struct FromPlan: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "from-plan",
            abstract: "Add a call for one year's replacement spend of the approved plan.",
            discussion: "The amount is exactly the plan's replacements in that year; the date defaults to 1 April of that year (NHS financial year).")
        @OptionGroup var scope: NetworkScope
        @Option(help: "The plan's id (default: the approved plan in force; it must be approved).") var plan: Int64?
        @Option(help: "The plan year, e.g. 2027 for 2027/28.") var year: Int
        @Option(help: "The due date (default YEAR-04-01).") var date: CalendarDate?
        @Option(help: "What the call pays for (default: the plan year's replacements).") var purpose: String?
        @Option(help: "The business case reference (default: the plan and its approval).") var businessCase: String?
        @OptionGroup var output: FormatOptions

        func run() throws {
            let (c, network) = try scope.open()
            let call = try CallStore(c).addFromPlan(network: network, planID: plan, year: year, date: date, purpose: purpose,
                                                    businessCase: businessCase)
            printOut(try CallRendering.call(call, format: output.format))
            try CallsCommand.noteHost(c, network: network)
        }
    }

    struct Threshold: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set the amount above which a call needs the owner trusts' approval (scheme of delegation).")
        @OptionGroup var scope: NetworkScope
        @Argument(help: "The threshold, e.g. 5m, 750k or 5,000,000.") var amount: String

        func run() throws {
            let (c, network) = try scope.open()
            let pence = try CallsCommand.parsePounds(amount)
            let changed = try CallStore(c).setThreshold(pence, network: network)
            printOut("\(network.name): calls above \(pence.formatted) need the owner trusts' approval"
                     + (changed.isEmpty ? "" : "; re-marked draft calls \(changed.joined(separator: ", "))") + "\n")
        }
    }

    /// The network's calls for `calls list`.
    enum Calls: NetworkRecords {
        static let listAbstract = "List capital calls by date."
        static func listing(_ connection: Connection, network: Network) throws -> Tabular {
            CallRendering.list(try CallStore(connection).list(network: network))
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one call and each trust's part.")
        @OptionGroup var scope: NetworkScope
        @Argument(help: "The call's id or reference (CC-2026-001).") var call: String
        @OptionGroup var output: FormatOptions

        func run() throws {
            let (c, network) = try scope.open()
            printOut(try CallRendering.call(try CallStore(c).call(call, network: network), format: output.format))
        }
    }

    struct Approve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Approve a draft call: the management board, plus the owner trusts' approval above the threshold.",
            discussion: """
                An admin approves for the management board with --by. Above the threshold each owner trust approves \
                first, by a finance user of that trust: `calls approve CALL --trust CODE --owner-approval REF`; once \
                every trust with a part has, --by needs no --owner-approval (docs/security.md).
                """)
        @OptionGroup var scope: NetworkScope
        @Argument(help: "The call's id or reference.") var call: String
        @Option(help: "Who approves for the management board (name or role).") var by: String?
        @Option(help: "The owner trusts' approval reference under the scheme of delegation (calls above the threshold).")
        var ownerApproval: String?
        @Option(help: "Record this owner trust's approval (ODS code; a finance user of that trust), with --owner-approval REF.")
        var trust: String?
        @Option(help: "The business case reference, if the call has none yet.") var businessCase: String?

        func validate() throws {
            if trust != nil, by != nil || ownerApproval == nil || businessCase != nil {
                throw ValidationError("an owner trust's approval takes --trust CODE and --owner-approval REF only (the board's approval is --by)")
            }
            if trust == nil, by == nil { throw ValidationError("give --by NAME (the management board), or --trust CODE --owner-approval REF") }
        }

        func run() throws {
            let (c, network) = try scope.open()
            if let trust, let ownerApproval {
                try CallStore(c).recordOwnerApproval(call, trust: trust, reference: ownerApproval, network: network)
                return printOut("recorded \(trust.uppercased())'s approval of \(call) as an owner trust (\(ownerApproval))\n")
            }
            let saved = try CallStore(c).approve(call, by: by ?? "", ownerApproval: ownerApproval, businessCase: businessCase,
                                                 network: network)
            printOut("\(saved.reference) approved by \(saved.approvedBy ?? by ?? "")"
                     + (saved.ownerApprovalRef.map { " with the owner trusts' approval \($0)" } ?? "") + "\n")
        }
    }

    struct Issue: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Issue an approved call to the owner trusts.")
        @OptionGroup var scope: NetworkScope
        @Argument(help: "The call's id or reference.") var call: String
        @Option(help: "Who issues it.") var by: String

        func run() throws {
            let (c, network) = try scope.open()
            let saved = try CallStore(c).issue(call, by: by, network: network)
            printOut("\(saved.reference) issued by \(saved.issuedBy ?? by): " + saved.parts.map { "\($0.trust) \($0.amount.formatted)" }.joined(separator: ", ") + "\n")
        }
    }

    struct Statement: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "What each trust must fund in each year, by call, with totals (approved and issued calls).",
            discussion: """
                Without --trust: the network's trusts x years (table), every part (csv), or the whole statement (json). \
                Years are NHS financial years (1 April-31 March, 2026/27) unless --calendar-years. Totals equal the sum of the calls.
                """)
        @OptionGroup var scope: NetworkScope
        @Option(help: "One trust's obligations (its ODS code).") var trust: String?
        @Flag(help: "Include draft calls (not yet obligations).") var includeDrafts = false
        @Flag(help: "Calendar years instead of NHS financial years.") var calendarYears = false
        @OptionGroup var output: FormatOptions

        func run() throws {
            let (c, network) = try scope.open()
            let s = try CallStore(c).statement(network: network, includeDrafts: includeDrafts, year: calendarYears ? .calendar : .nhsFinancial)
            guard let code = trust?.uppercased() else {
                printOut(try output.format.render(table: { FundingRendering.networkTable(s) }, csv: { FundingRendering.statementCSV(s) },
                                                  json: { try FundingRendering.statementJSON(s) }))
                return
            }
            _ = try NetworkStore(c).trust(network: network, code: code)
            printOut(try output.format.render(table: { FundingRendering.trustTable(s, trust: code) },
                                              csv: { FundingRendering.trustCSV(s, trust: code) },
                                              json: { try FundingRendering.trustJSON(s, trust: code) }))
        }
    }
}
