import ValuationFixtures
import CapitalCore
import Foundation
import Testing
import Funding
import Valuation

/// `capital shares compute --format json` output feeds `capital calls apportion --shares FILE`.
@Suite struct RoundTripTests {
    func report() throws -> SharesReport {
        let c = try ContributionsFile.parse(yaml: WorkedExample.yaml, fileName: "example.yaml")
        return try SharesReport.compute(contributions: c, equipment: WorkedExample.register, exclusiveOnly: true,
                                        weights: try BlendWeights.parse("contribution=0.5,volume=0.3,operating=0.2"))
    }

    @Test func valuationJSONIsReadByFunding() throws {
        let json = try report().renderJSON()
        let shares = try SharesFile.parse(json: json, fileName: "shares.json")
        #expect(shares.method == "contribution")
        let parts = try ShareApportioner.apportion(amount: .pounds(1_000_000), shares: shares)
        // 1,000,000 × 0.564483946…, 0.202740232…, 0.232775821…
        #expect(parts.map(\.amount.plain) == ["564483.95", "202740.23", "232775.82"])
        let blend = try SharesFile.parse(json: json, fileName: "shares.json", method: "blend")
        #expect(blend.method == "blend")
    }

    @Test func renderingsCarryEveryMethod() throws {
        let r = try report()
        let table = r.renderTable()
        #expect(table.contains("£6,389,904.18") && table.contains("56.45") && table.contains("100.00"))
        #expect(table.contains("blend weights (normalised): contribution=0.5, volume=0.3, operating=0.2"))
        // For people: every line fits 100 columns, the shares come first, and every category is shown.
        #expect(table.split(separator: "\n").allSatisfy { $0.count <= 100 }, "\(table)")
        #expect(table.range(of: "Shares by method")!.lowerBound < table.range(of: "Contributions by category")!.lowerBound)
        for category in ValuationCategory.allCases { #expect(table.contains(category.title), "\(category)") }
        let narrow = r.renderTable(width: 60)
        #expect(narrow.contains("Contributions by category (£), 1 of ") && narrow.contains("Stranded"))
        let csv = r.renderCSV()
        #expect(csv.hasPrefix("trust,activity,staff,executive,land,capital_investment,imaging_equipment,it_equipment,working_capital,stranded_costs,contribution_total,contribution_share,contribution_percent,"))
        #expect(csv.contains("\r\nAAA,2650000.00,1000000.00,100000.00,500000.00,1200000.00,729904.18,50000.00,100000.00,60000.00,6389904.18,0.56448394601163487940407636913407159"))
        let json = r.renderJSON
        #expect(try json().contains(#""percent" : "56.45""#))
    }

    /// `shares compute --format csv` is read back by `calls apportion --shares`, each method giving the same shares as
    /// the JSON document.
    @Test func valuationCSVIsReadByFunding() throws {
        let r = try report()
        let fromJSON = try SharesFile.parse(json: try r.renderJSON(), fileName: "shares.json")
        let fromCSV = try SharesFile.parse(text: r.renderCSV(), fileName: "shares.csv")
        #expect(fromCSV.method == "contribution")
        #expect(fromCSV.trusts == fromJSON.trusts)
        for t in fromJSON.trusts { #expect(fromCSV.share(of: t) == fromJSON.share(of: t)) }
        for method in ["volume", "cost-base", "going-concern", "blend"] {
            let a = try SharesFile.parse(json: try r.renderJSON(), fileName: "shares.json", method: method)
            let b = try SharesFile.parse(text: r.renderCSV(), fileName: "shares.csv", method: method)
            #expect(a.trusts.map { a.share(of: $0) } == b.trusts.map { b.share(of: $0) }, "method \(method)")
        }
        #expect(throws: UserError.self) { try SharesFile.parse(text: r.renderCSV(), fileName: "shares.csv", method: "activity") }
    }

    /// The `shares show --format csv` form (trust, value, share, percent) reads back, and a bad cell is named.
    @Test func shareSetCSVIsReadAndBadCellsNamed() throws {
        let csv = "trust,value,share,percent\r\nRAA,100.00,0.25,25.00\r\nRBB,300.00,0.75,75.00\r\n"
        let s = try SharesFile.parse(text: csv, fileName: "set.csv")
        #expect(s.trusts == ["RAA", "RBB"] && s.share(of: "RBB") == Decimal(string: "0.75")!)
        do {
            _ = try SharesFile.parse(text: "trust,share\nRAA,0.25\nRBB,three quarters\n", fileName: "bad.csv")
            Issue.record("accepted a share that is not a number")
        } catch let e as UserError {
            #expect(e.message.contains("bad.csv") && e.message.contains("row 3") && e.message.contains("three quarters"))
        }
        #expect(throws: UserError.self) { try SharesFile.parse(text: "code,share\nRAA,1\n", fileName: "nocol.csv") }
    }
}
