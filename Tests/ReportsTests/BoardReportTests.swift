import CapitalCore
import Foundation
import Register
import Reports
import Testing

/// A small hand-made network: three trusts (one with a name that needs escaping), three plan years.
enum Sample {
    static let asOf = CalendarDate(year: 2026, month: 4, day: 1)!
    static func d(_ y: Int, _ m: Int = 6, _ day: Int = 1) -> CalendarDate { CalendarDate(year: y, month: m, day: day)! }

    static func input() -> BoardReportInput {
        let plan = BoardReportInput.PlanInfo(
            id: 7, version: 2, name: "Board <draft> & \"final\"", status: "approved", approvedBy: "Network board",
            approvedAt: "2026-03-01T10:00:00Z", createdAt: "2026-02-20T09:30:00Z", firstYear: 2026, years: 3,
            solverStatus: "optimal", objective: 900, bound: 891, gap: 0.01, seconds: 1.5, baselineRisk: 1200,
            totalSpend: .pounds(2_100_000), replacements: 4, assetsLeftAtRisk: 2, policyFile: "policy.yaml",
            policySHA256: String(repeating: "ab", count: 32))
        let trusts = [BoardReportInput.TrustInfo(code: "AAA", name: "Alpha & <Beta> Hospitals"),
                      BoardReportInput.TrustInfo(code: "BBB", name: "Bravo NHS Trust"),
                      BoardReportInput.TrustInfo(code: "CCC", name: "Charlie's Trust")]
        let years = [BoardReportInput.Year(year: 2026, budget: .pounds(1_000_000), spend: .pounds(1_000_000), replacements: 2, riskWithPlan: 350, riskWithout: 380),
                     BoardReportInput.Year(year: 2027, budget: .pounds(800_000), spend: .pounds(700_000), replacements: 1, riskWithPlan: 300, riskWithout: 400),
                     BoardReportInput.Year(year: 2028, budget: .pounds(600_000), spend: .pounds(400_000), replacements: 1, riskWithPlan: 250, riskWithout: 420)]
        let replacements = [
            BoardReportInput.Replacement(trust: "AAA", site: "S1", asset: "CT-1", modality: .ct, year: 2026, cost: .pounds(700_000)),
            BoardReportInput.Replacement(trust: "BBB", site: "S2", asset: "XR-9", modality: .generalRadiography, year: 2026, cost: .pounds(300_000)),
            BoardReportInput.Replacement(trust: "CCC", site: "S3", asset: "<script>", modality: .ct, year: 2027, cost: .pounds(700_000)),
            BoardReportInput.Replacement(trust: "AAA", site: "S1", asset: "MAM-2", modality: .mammography, year: 2028, cost: .pounds(400_000)),
        ]
        let fleet = [BoardReportInput.FleetUnit(trust: "AAA", modality: .ct, installDate: d(2024)),
                     BoardReportInput.FleetUnit(trust: "AAA", modality: .ct, installDate: d(2018)),
                     BoardReportInput.FleetUnit(trust: "BBB", modality: .ct, installDate: d(2012)),
                     BoardReportInput.FleetUnit(trust: "BBB", modality: .generalRadiography, installDate: d(2023)),
                     BoardReportInput.FleetUnit(trust: "CCC", modality: .mammography, installDate: nil)]
        let shares = BoardReportInput.Shares(id: 3, version: 1, method: "contribution", status: "approved", approvedBy: "Board",
                                             approvedAt: "2026-01-10T12:00:00Z", valuedAsOf: d(2025, 4, 1), entries: [
                                                 .init(trust: "AAA", percent: "50.0000", value: .pounds(5_000_000)),
                                                 .init(trust: "BBB", percent: "30.0000", value: .pounds(3_000_000)),
                                                 .init(trust: "CCC", percent: "20.0000", value: .pounds(2_000_000))])
        let calls = [BoardReportInput.Call(reference: "CC-2026-001", date: d(2026, 4, 1), yearLabel: "2026/27",
                                           purpose: "Replacements 2026/27 <urgent>", status: "issued", amount: .pounds(1_000_000),
                                           parts: ["AAA": .pounds(500_000), "BBB": .pounds(300_000), "CCC": .pounds(200_000)])]
        let lots = [BoardReportInput.Lot(id: "CT-2026-1", category: "CT", year: 2026, needDate: d(2026, 4, 1), quantity: 1,
                                         trusts: "AAA×1", value: .pounds(700_000), aboveThreshold: true)]
        let batches = [BoardReportInput.Batch(id: 11, trust: "AAA", fileName: "alpha <register>.csv", sha256: String(repeating: "c", count: 64),
                                              importedOn: d(2026, 1, 5), rowsLoaded: 120, rowsRejected: 3)]
        return BoardReportInput(networkName: "Test & <Network>", asOf: asOf, plan: plan, trusts: trusts, years: years,
                                replacements: replacements, fleet: fleet, shares: shares, calls: calls,
                                lotThreshold: "£135,018.00 inc VAT", lots: lots, batches: batches)
    }
}

@Suite struct BoardReportHTMLTests {
    let html = BoardReportHTML.render(Sample.input())

    @Test func everySectionInOrder() throws {
        var last = html.startIndex
        for id in BoardReportHTML.sectionIDs {
            let range = try #require(html.range(of: "<section id=\"\(id)\""), "section \(id) missing")
            #expect(range.lowerBound >= last, "section \(id) out of order")
            last = range.lowerBound
        }
    }

    @Test func chartsAreInlineSVG() {
        #expect(html.components(separatedBy: "<svg class=\"chart\"").count - 1 == 4) // spend, age, risk, shares
        #expect(html.contains("class=\"budget\""))                 // budget line over the stacked bars
        #expect(html.contains("fill=\"\(SVGCharts.palette[0])\"")) // trust colour in the stacked bars
        #expect(html.contains("fill=\"\(SVGCharts.under5Colour)\"") && html.contains("fill=\"\(SVGCharts.over10Colour)\""))
        #expect(html.contains("class=\"target\""))                 // age-rule marks
        #expect(html.components(separatedBy: "<polyline class=\"series\"").count - 1 == 2) // risk with and without
    }

    @Test func selfContainedAndPrintable() {
        #expect(!html.contains("<script"))
        #expect(!html.contains("http://") || !html.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").contains("http://"))
        #expect(!html.contains("https://"))
        #expect(!html.contains("@import") && !html.contains("@font-face") && !html.contains("<link"))
        #expect(html.contains("@media print") && html.contains("size: A4") && html.contains("break-before: page"))
    }

    @Test func textIsEscaped() {
        #expect(html.contains("Alpha &amp; &lt;Beta&gt; Hospitals"))
        #expect(!html.contains("<Beta>"))
        #expect(html.contains("Test &amp; &lt;Network&gt;"))
        #expect(html.contains("Board &lt;draft&gt; &amp; &quot;final&quot;"))
        #expect(html.contains("Replacements 2026/27 &lt;urgent&gt;"))
        #expect(html.contains("alpha &lt;register&gt;.csv"))
        #expect(html.contains("Charlie&#39;s Trust"))
    }

    @Test func summaryReadsFirst() throws {
        let summary = try #require(html.range(of: "<section id=\"spend\"")).lowerBound
        let head = String(html[..<summary])
        #expect(head.contains("£2,100,000"))           // capital over the horizon
        #expect(head.contains("25.0%"))                // risk 1,200 → 900
        #expect(head.contains("Assets left at risk"))
        #expect(head.contains("no plan within these budgets can leave less than 891 risk-years; this plan leaves 900, within 1.0% of that"))
    }

    @Test func tablesShowMoneyAsWholePounds() {
        #expect(html.contains("<td>£1,000,000</td>"))
        #expect(html.contains("<td>£500,000</td>"))     // AAA's call
        #expect(html.contains("<strong>yes</strong>"))  // lot at the threshold
        #expect(html.contains(String(repeating: "ab", count: 32)))  // policy SHA-256
    }

    @Test func moneyAndEscapingHelpers() {
        #expect(ReportText.money(Pence(123_456_749)) == "£1,234,567")
        #expect(ReportText.money(Pence(123_456_750)) == "£1,234,568")
        #expect(ReportText.money(.zero) == "£0")
        #expect(ReportText.html("<a href=\"x\">&'") == "&lt;a href=&quot;x&quot;&gt;&amp;&#39;")
        #expect(ReportText.financialYear(2029) == "2029/30")
        #expect(ReportText.financialYear(2099) == "2099/00")
    }

    @Test func ageBands() {
        let p = AgeProfile.of(Sample.input().fleet, label: "all", asOf: Sample.asOf)
        #expect(p.under5 == 2 && p.fiveToTen == 1 && p.over10 == 1 && p.undated == 1)
        #expect(p.meets(.cocir)?.under5 == false)
        #expect(p.meets(.cocir)?.over10 == false)
        let ok = AgeProfile(label: "x", under5: 6, fiveToTen: 3, over10: 1, undated: 0, meanAge: 0, oldestAge: 0)
        #expect(ok.meets(.cocir).map { $0.under5 && $0.fiveToTen && $0.over10 } == true)
    }
}

@Suite struct BoardReportWorkbookTests {
    static func rows(_ url: URL, _ sheet: String) throws -> (headers: [String], rows: [[String]]) {
        let src = try XLSXRowSource(url: url, sheet: sheet)
        var out: [[String]] = []
        while let r = try src.nextRow() { out.append(r.values) }
        return (src.headers, out)
    }

    @Test func roundTripThroughRegistersReader() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("reports-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("report.xlsx")
        try BoardReportWorkbook.write(Sample.input(), to: url)

        let wb = try XLSXWorkbook(url: url)
        #expect(wb.sheets.map(\.name) == BoardReportWorkbook.sheetNames)

        let plan = try Self.rows(url, "Plan")
        #expect(plan.headers == ["trust", "trust_name", "site", "asset", "modality", "year", "financial_year", "need_date", "cost"])
        #expect(plan.rows.count == 4)
        // Dates come back as dates (the reader turns date-styled numbers into ISO), money as numbers.
        #expect(plan.rows[0] == ["AAA", "Alpha & <Beta> Hospitals", "S1", "CT-1", "CT", "2026", "2026/27", "2026-04-01", "700000.00"])
        #expect(plan.rows.contains { $0[3] == "<script>" })

        let years = try Self.rows(url, "Years")
        #expect(years.rows.map { $0[0] } == ["2026", "2027", "2028"])
        #expect(years.rows[1][2] == "800000.00" && years.rows[1][3] == "700000.00" && years.rows[1][4] == "100000.00")
        #expect(years.rows[2][6] == "250.00" && years.rows[2][7] == "420.00")

        let calls = try Self.rows(url, "Calls")
        #expect(calls.headers == ["trust", "trust_name", "2026/27", "total"])
        #expect(calls.rows.map { $0[2] } == ["500000.00", "300000.00", "200000.00"])

        let list = try Self.rows(url, "Call list")
        #expect(list.rows.first?[1] == "2026-04-01")

        let lots = try Self.rows(url, "Lots")
        #expect(lots.rows.first == ["CT-2026-1", "CT", "2026", "2026-04-01", "1", "AAA×1", "700000.00", "yes"])

        let shares = try Self.rows(url, "Shares")
        #expect(shares.rows.map { $0[3] } == ["50.0000", "30.0000", "20.0000"])

        let register = try Self.rows(url, "Register summary")
        let bbbCT = try #require(register.rows.first { $0[0] == "BBB" && $0[2] == "CT" })
        #expect(bbbCT[3] == "1" && bbbCT[7] == "1" && bbbCT[10] == "2012-06-01")

        // Cell types as an independent check: numbers carry no t= attribute, dates carry the date style.
        let sheetXML = try #require(try wb.archive.readAll("xl/worksheets/sheet1.xml"))
        let xml = String(decoding: sheetXML, as: UTF8.self)
        #expect(xml.contains("<c r=\"I2\"><v>700000.00</v></c>"))
        #expect(xml.contains("<c r=\"H2\" s=\"2\"><v>46113</v></c>"))
    }
}
