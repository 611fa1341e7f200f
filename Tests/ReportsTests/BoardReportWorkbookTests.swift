import CapitalCore
import Foundation
@testable import Reports
@testable import Spreadsheets
import Testing

@Suite struct BoardReportWorkbookTests {
    static func rows(_ url: URL, _ sheet: String) throws -> (headers: [String], rows: [[String]]) {
        let reader = try XLSXSheetReader(url: url, sheet: sheet)
        var out: [[String]] = []
        while let r = try reader.nextRow() { if r.cells.contains(where: { !$0.isEmpty }) { out.append(r.cells) } }
        return (out.first ?? [], Array(out.dropFirst()))
    }

    static func write(_ r: BoardReportInput) throws -> (url: URL, cleanup: () -> Void) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("reports-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent("report.xlsx")
        try BoardReportWorkbook.write(r, to: url)
        return (url, { try? FileManager.default.removeItem(at: dir) })
    }

    /// A header's column in `sheet`.
    static func column(_ sheet: (headers: [String], rows: [[String]]), _ name: String) throws -> Int {
        try #require(sheet.headers.firstIndex(of: XLSXWriter.title(name)), "no column \(name) in \(sheet.headers)")
    }

    @Test func roundTripThroughTheXLSXReader() throws {
        var input = Sample.input()
        input.replacements.append(.init(trust: "BBB", site: "S2", asset: "NEW-CT-1", modality: .ct, year: 2028, cost: .pounds(900_000), addition: true))
        let (url, cleanup) = try Self.write(input)
        defer { cleanup() }

        let sheetNames = try XLSXSheetReader.sheetNames(url: url)
        #expect(sheetNames == BoardReportWorkbook.sheetNames)
        #expect(sheetNames == BoardReportWorkbook.sheetNames(for: input))

        let plan = try Self.rows(url, "Plan")
        #expect(plan.headers == ["Trust", "Trust Name", "Site", "Asset", "Modality", "Year", "Financial Year", "Need Date", "Cost", "Kind"])
        #expect(plan.rows.count == 5)
        #expect(plan.rows[0] == ["AAA", "Alpha & <Beta> Hospitals", "S1", "CT-1", "CT", "2026", "2026/27", "2026-04-01", "700000.00", "replacement"])
        #expect(plan.rows.contains { $0[3] == "<script>" })
        #expect(plan.rows.contains { $0[3] == "NEW-CT-1" && $0[9] == "additional unit" && $0[8] == "900000.00" })

        let years = try Self.rows(url, "Years")
        #expect(years.rows.map { $0[0] } == ["2026", "2027", "2028"])
        let with = try Self.column(years, "expected_cost_with_plan"), without = try Self.column(years, "expected_cost_without_plan")
        let avoided = try Self.column(years, "expected_cost_avoided"), rules = try Self.column(years, "money_to_meet_rules")
        for (row, y) in zip(years.rows, Sample.yearFigures) {
            #expect(row[with] == String(Int(y.3)) && row[without] == String(Int(y.4)) && row[avoided] == String(Int(y.4 - y.3)))
        }
        #expect(years.rows[0][rules] == Sample.moneyToMeetRules[0].amount.plain && years.rows[2][rules] == "0.00")
        #expect(years.rows[1][2] == "800000.00" && years.rows[1][3] == "700000.00" && years.rows[1][4] == "100000.00")
        #expect(years.rows.allSatisfy { $0.last == "GBP" })

        let modality = try Self.rows(url, "Spend by modality")
        #expect(modality.headers.contains("2027/28") && modality.headers.contains("Avoided Per Pound"))
        let ct = try #require(modality.rows.first { $0[0] == "CT" })
        let ctFigures = try #require(Sample.details().modalities.first { $0.modality == .ct })
        #expect(try ct[Self.column(modality, "units")] == String(ctFigures.units))
        #expect(try ct[Self.column(modality, "2026/27")] == "700000.00" && ct[Self.column(modality, "2028/29")] == "0.00")
        #expect(try ct[Self.column(modality, "expected_cost_avoided")] == String(Int(ctFigures.avoided!)))
        #expect(try ct[Self.column(modality, "avoided_per_pound")] == String(format: "%.4f", ctFigures.avoidedPerPound!))

        let age = try Self.rows(url, "Age profile")
        #expect(age.rows.count == Sample.details().ageProfile.count)
        let first = try #require(age.rows.first { $0[0] == "2026" && $0[2] == "network" })
        let n = Sample.network[0]
        #expect(try first[Self.column(age, "with_plan_le5")] == String(n.with.le5))
        #expect(try first[Self.column(age, "with_plan_share_over_10")] == String(format: "%.4f", Double(n.with.over10) / Double(n.with.total)))
        #expect(try first[Self.column(age, "with_plan_meets_rule")] == "no")
        #expect(age.rows.contains { $0[0] == "2028" && $0[2] == "CT" })

        let capacity = try Self.rows(url, "Capacity")
        #expect(capacity.rows.count == 3)
        #expect(capacity.rows[1] == ["CT", "2027", "2027/28", "31234", "42000", "28000", "0", "3234"])

        let breaches = try Self.rows(url, "Breaches")
        #expect(breaches.rows.filter { $0[0] == "unit" }.count == Sample.breaches.count)
        #expect(breaches.rows.contains { $0[0] == "unit" && $0[2] == "CT-OLD" && $0[6] == "support_ended" && $0[8] == "14" })
        #expect(breaches.rows.contains { $0[0] == "age_share" && $0[3] == "CT" && $0[13] == "2" })

        let frontier = try Self.rows(url, "Frontier")
        #expect(frontier.rows.count == Sample.frontierFigures.count)
        let step = try Self.column(frontier, "avoided_by_step")
        #expect(frontier.rows[1][step] == String(Int(Sample.frontierFigures[0].1 - Sample.frontierFigures[1].1)))
        #expect(frontier.rows[0][1] == "0.5000" && frontier.rows[2][0] == "1500000.00")

        let calls = try Self.rows(url, "Calls")
        #expect(calls.headers == ["Trust", "Trust Name", "2026/27", "Total"])
        #expect(calls.rows.map { $0[2] } == ["500000.00", "300000.00", "200000.00"])
        #expect(try Self.rows(url, "Call list").rows.first?[1] == "2026-04-01")
        #expect(try Self.rows(url, "Lots").rows.first == ["CT-2026-1", "CT", "2026", "2026-04-01", "1", "AAA×1", "700000.00", "yes"])
        #expect(try Self.rows(url, "Shares").rows.map { $0[3] } == ["50.0000", "30.0000", "20.0000"])

        let register = try Self.rows(url, "Register summary")
        let bbbCT = try #require(register.rows.first { $0[0] == "BBB" && $0[2] == "CT" })
        #expect(bbbCT[3] == "1" && bbbCT[7] == "1" && bbbCT[10] == "2012-06-01")

        let about = try Self.rows(url, "About")
        func fact(_ k: String) -> String? { about.rows.first { $0.first == k }?[1] }
        #expect(fact("cost_unit") == "GBP")
        #expect(fact("objective_with_plan") == String(Int(Sample.objective)) && fact("lower_bound") == String(Int(Sample.bound)))
        #expect(fact("rules_price_not_money_with_plan") == String(Int(Sample.costsWithPlan.rulesPrice)))
        #expect(fact("backlog_at_end_not_money_without_plan") == String(Int(Sample.costsWithout.backlogAtEnd)))
        #expect(fact("parts_total_without_plan") == String(Int(Sample.costsWithout.total)) && fact("objective_without_plan") == String(Int(Sample.costWithout)))
        #expect(fact("expected_cost_without_plan") == String(Int(Sample.costsWithout.expected)))
        #expect(fact("money_to_meet_rules") == Sample.moneyToMeetRules.reduce(Pence.zero) { $0 + $1.amount }.plain)

        // Cell types as an independent check: numbers carry no t= attribute, dates carry the date style.
        let sheetXML = try #require(try ZipArchive(url: url).readAll("xl/worksheets/sheet1.xml"))
        let xml = String(decoding: sheetXML, as: UTF8.self)
        #expect(xml.contains("<c r=\"I2\" s=\"3\"><v>700000.00</v></c>"))   // money: a number shown as £1,234.56
        #expect(xml.contains("state=\"frozen\""))
        #expect(xml.contains("<c r=\"H2\" s=\"2\"><v>46113</v></c>"))
    }

    @Test func noFrontierSheetWithoutAFrontierAndOldPlansSayTheirUnit() throws {
        let r = Sample.oldPlan()
        let (url, cleanup) = try Self.write(r)
        defer { cleanup() }
        let names = try XLSXSheetReader.sheetNames(url: url)
        #expect(!names.contains("Frontier") && names == BoardReportWorkbook.sheetNames(for: r))
        let years = try Self.rows(url, "Years")
        #expect(years.rows.allSatisfy { $0.last == "risk-years" })
        #expect(try years.rows[2][Self.column(years, "expected_cost_with_plan")] == "250")
        #expect(try Self.rows(url, "Age profile").rows.isEmpty && Self.rows(url, "Breaches").rows.isEmpty)
        // Per-modality spend falls back to the replacements when the document has none.
        let modality = try Self.rows(url, "Spend by modality")
        let ct = try #require(modality.rows.first { $0[0] == "CT" })
        let avoided = try Self.column(modality, "expected_cost_avoided")
        #expect(try ct[Self.column(modality, "total_spend")] == "1400000.00" && (avoided >= ct.count || ct[avoided] == ""))
    }
}
