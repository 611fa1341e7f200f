import ArgumentParser
import CapitalCore
import CapitalStore
import Foundation
import Funding

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
        subcommands: [Apportion.self, Add.self, FromPlan.self, Threshold.self, List.self, Show.self, Approve.self,
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
        @OptionGroup var db: DatabaseOptions
        @OptionGroup var net: NetworkOption
        @Argument(help: "The amount in pounds, e.g. 1500000 or £1,500,000.00.") var amount: String
        @Option(help: "A shares JSON file or a saved share set id.") var shares: String
        @Option(help: "Which method's shares to use from a shares compute document (default: the first, contribution).")
        var method: String?
        @OptionGroup var output: FormatOptions

        func run() throws {
            let pence = try CallsCommand.parsePounds(amount)
            let owned = try loadShares(shares, method: method, db: db, network: net.network)
            let parts = try ShareApportioner.apportion(amount: pence, shares: owned)
            switch output.format {
            case .table: printOut(FundingRendering.apportionmentTable(amount: pence, shares: owned, parts: parts))
            case .csv: printOut(FundingRendering.apportionmentCSV(shares: owned, parts: parts))
            case .json: printOut(try FundingRendering.apportionmentJSON(amount: pence, shares: owned, parts: parts))
            }
        }
    }
}

extension CallKind: ExpressibleByArgument {}

extension CallsCommand {
    static func parsePounds(_ text: String) throws -> Pence {
        guard let pence = Pence(pounds: text) else {
            throw ValidationError("amount \"\(text)\" is not pounds and pence (e.g. 1500000 or 1,500,000.00)")
        }
        // The register's money columns are numeric(15,2): a larger amount was a raw "numeric field overflow".
        guard pence.value.magnitude <= 999_999_999_999_999 else {
            throw ValidationError("amount \"\(text)\" is too large: at most £9,999,999,999,999.99")
        }
        return pence
    }

    static func printCall(_ call: SavedCall, format: Tabular.Format) throws {
        switch format {
        case .json:
            printOut(try jsonString(call))
        case .csv:
            printOut(Tabular(columns: ["reference", "trust", "share", "amount"],
                             rows: call.parts.map { [call.reference, $0.trust, $0.share, $0.amount.plain] }).render(.csv))
        case .table:
            var lines = ["\(call.reference) (id \(call.id)): \(call.kind.rawValue), \(call.amount.formatted) due \(call.date.iso) (\(FundingYear.nhsFinancial.label(of: call.date))), \(call.status.rawValue)",
                         "purpose: \(call.purpose)",
                         "business case: \(call.businessCaseRef ?? "none yet")"]
            if let plan = call.planID, let year = call.planYear { lines.append("plan: \(plan), year \(year)") }
            lines.append("shares: share set \(call.shareSetID) (version \(call.shareSetVersion))")
            let threshold = call.approvalThreshold.map { "threshold \($0.formatted)" } ?? "no threshold set"
            lines.append("approval: " + (call.needsOwnerApproval ? "management board and owner trusts (\(threshold))" : "management board (\(threshold))"))
            if let by = call.approvedBy { lines.append("approved by \(by) at \(call.approvedAt ?? "")" + (call.ownerApprovalRef.map { "; owner trusts: \($0)" } ?? "")) }
            if let by = call.issuedBy { lines.append("issued by \(by) at \(call.issuedAt ?? "")") }
            var t = TextTable(header: ["Trust", "Share", "Amount"], alignments: [.left, .right, .right])
            for p in call.parts { t.append([p.trust, p.share, p.amount.formatted]) }
            t.append(["Total", "", call.parts.reduce(Pence.zero) { $0 + $1.amount }.formatted])
            if !call.excluded.isEmpty { t.footer.append("excluded (exit in effect by \(call.date.iso)): \(call.excluded.joined(separator: ", "))") }
            printOut(lines.joined(separator: "\n") + "\n" + t.render())
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a call by hand (a business case or a redundancy cost); it is apportioned at once as a draft.")
        @OptionGroup var db: DatabaseOptions
        @OptionGroup var net: NetworkOption
        @Option(help: "The amount in pounds, e.g. 1500000 or 1,500,000.00.") var amount: String
        @Option(help: "What the call pays for.") var purpose: String
        @Option(help: "The date the call falls due (YYYY-MM-DD): decides its year and who shares it.") var date: CalendarDate
        @Option(help: "The business case reference (needed before approval).") var businessCase: String?
        @Option(help: "investment (default) or redundancy.") var kind: CallKind = .investment
        @OptionGroup var output: FormatOptions

        func run() throws {
            let c = try db.open()
            let network = try NetworkStore(c).network(named: net.network)
            let call = try CallStore(c).add(network: network, kind: kind, amount: try CallsCommand.parsePounds(amount), purpose: purpose,
                                            date: date, businessCase: businessCase)
            try CallsCommand.printCall(call, format: output.format)
        }
    }

    struct FromPlan: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "from-plan",
            abstract: "Add a call for one year's replacement spend of the approved plan.",
            discussion: "The amount is exactly the plan's replacements in that year; the date defaults to 1 April of that year (NHS financial year).")
        @OptionGroup var db: DatabaseOptions
        @OptionGroup var net: NetworkOption
        @Option(help: "The plan's id (default: the approved plan in force; it must be approved).") var plan: Int64?
        @Option(help: "The plan year, e.g. 2027 for 2027/28.") var year: Int
        @Option(help: "The due date (default YEAR-04-01).") var date: CalendarDate?
        @Option(help: "What the call pays for (default: the plan year's replacements).") var purpose: String?
        @Option(help: "The business case reference (default: the plan and its approval).") var businessCase: String?
        @OptionGroup var output: FormatOptions

        func run() throws {
            let c = try db.open()
            let network = try NetworkStore(c).network(named: net.network)
            let call = try CallStore(c).addFromPlan(network: network, planID: plan, year: year, date: date, purpose: purpose,
                                                    businessCase: businessCase)
            try CallsCommand.printCall(call, format: output.format)
        }
    }

    struct Threshold: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set the amount above which a call needs the owner trusts' approval (scheme of delegation).")
        @OptionGroup var db: DatabaseOptions
        @OptionGroup var net: NetworkOption
        @Argument(help: "The threshold in pounds.") var amount: String

        func run() throws {
            let c = try db.open()
            let network = try NetworkStore(c).network(named: net.network)
            let pence = try CallsCommand.parsePounds(amount)
            let changed = try CallStore(c).setThreshold(pence, network: network)
            printOut("\(network.name): calls above \(pence.formatted) need the owner trusts' approval"
                     + (changed.isEmpty ? "" : "; re-marked draft calls \(changed.joined(separator: ", "))") + "\n")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List capital calls by date.")
        @OptionGroup var db: DatabaseOptions
        @OptionGroup var net: NetworkOption
        @OptionGroup var output: FormatOptions

        func run() throws {
            let c = try db.open()
            let calls = try CallStore(c).list(network: try NetworkStore(c).network(named: net.network))
            printOut(Tabular(columns: ["id", "reference", "kind", "date", "year", "amount", "status", "approval", "plan", "purpose"],
                             rows: calls.map { call in
                                 [String(call.id), call.reference, call.kind.rawValue, call.date.iso,
                                  FundingYear.nhsFinancial.label(of: call.date), call.amount.plain, call.status.rawValue,
                                  call.needsOwnerApproval ? "owner_trusts" : "management_board",
                                  call.planID.map { "\($0)/\(call.planYear ?? 0)" }, call.purpose]
                             }, numericColumns: ["id"]).render(output.format))
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one call and each trust's part.")
        @OptionGroup var db: DatabaseOptions
        @OptionGroup var net: NetworkOption
        @Argument(help: "The call's id or reference (CC-2026-001).") var call: String
        @OptionGroup var output: FormatOptions

        func run() throws {
            let c = try db.open()
            try CallsCommand.printCall(try CallStore(c).call(call, network: try NetworkStore(c).network(named: net.network)),
                                       format: output.format)
        }
    }

    struct Approve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Approve a draft call: the management board, plus the owner trusts' approval reference above the threshold.")
        @OptionGroup var db: DatabaseOptions
        @OptionGroup var net: NetworkOption
        @Argument(help: "The call's id or reference.") var call: String
        @Option(help: "Who approves for the management board (name or role).") var by: String
        @Option(help: "The owner trusts' approval reference under the scheme of delegation (calls above the threshold).")
        var ownerApproval: String?
        @Option(help: "The business case reference, if the call has none yet.") var businessCase: String?

        func run() throws {
            let c = try db.open()
            let saved = try CallStore(c).approve(call, by: by, ownerApproval: ownerApproval, businessCase: businessCase,
                                                 network: try NetworkStore(c).network(named: net.network))
            printOut("\(saved.reference) approved by \(saved.approvedBy ?? by)"
                     + (saved.ownerApprovalRef.map { " with the owner trusts' approval \($0)" } ?? "") + "\n")
        }
    }

    struct Issue: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Issue an approved call to the owner trusts.")
        @OptionGroup var db: DatabaseOptions
        @OptionGroup var net: NetworkOption
        @Argument(help: "The call's id or reference.") var call: String
        @Option(help: "Who issues it.") var by: String

        func run() throws {
            let c = try db.open()
            let saved = try CallStore(c).issue(call, by: by, network: try NetworkStore(c).network(named: net.network))
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
        @OptionGroup var db: DatabaseOptions
        @OptionGroup var net: NetworkOption
        @Option(help: "One trust's obligations (its ODS code).") var trust: String?
        @Flag(help: "Include draft calls (not yet obligations).") var includeDrafts = false
        @Flag(help: "Calendar years instead of NHS financial years.") var calendarYears = false
        @OptionGroup var output: FormatOptions

        func run() throws {
            let c = try db.open()
            let network = try NetworkStore(c).network(named: net.network)
            let s = try CallStore(c).statement(network: network, includeDrafts: includeDrafts, year: calendarYears ? .calendar : .nhsFinancial)
            guard let code = trust?.uppercased() else {
                switch output.format {
                case .table: printOut(FundingRendering.networkTable(s))
                case .csv: printOut(FundingRendering.statementCSV(s))
                case .json: printOut(try FundingRendering.statementJSON(s))
                }
                return
            }
            _ = try NetworkStore(c).trust(network: network, code: code)
            let lines = s.lines(for: code)
            switch output.format {
            case .table:
                printOut(FundingRendering.trustTable(s, trust: code))
            case .csv:
                printOut(CSVWriter.document(header: ["year", "date", "reference", "kind", "description", "call_amount", "trust", "amount"],
                                            rows: lines.map { l in
                                                [l.year, l.allocation.charge.date.iso, l.allocation.charge.reference,
                                                 l.allocation.charge.kind.rawValue, l.allocation.charge.description,
                                                 l.allocation.charge.amount.plain, code, l.amount.plain]
                                            }))
            case .json:
                struct Line: Encodable { var year, date, reference, kind, description, callAmount, amount: String
                    enum CodingKeys: String, CodingKey { case year, date, reference, kind, description, callAmount = "call_amount", amount } }
                struct Doc: Encodable { var trust: String; var lines: [Line]; var years: [String: String]; var total: String }
                printOut(try jsonString(Doc(
                    trust: code,
                    lines: lines.map { l in
                        Line(year: l.year, date: l.allocation.charge.date.iso, reference: l.allocation.charge.reference,
                             kind: l.allocation.charge.kind.rawValue, description: l.allocation.charge.description,
                             callAmount: l.allocation.charge.amount.plain, amount: l.amount.plain)
                    },
                    years: Dictionary(uniqueKeysWithValues: s.years.map { ($0, s.amount(trust: code, year: $0).plain) }),
                    total: s.total(trust: code).plain)))
            }
        }
    }
}
