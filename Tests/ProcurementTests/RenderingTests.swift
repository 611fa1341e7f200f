import CapitalCore
import Foundation
import Optimizer
import Planning
import Register
import Testing
@testable import Procurement

/// CSV, JSON and XLSX forms: exact money, formula-safe text, real number and date cells read back.
@Suite struct RenderingTests {
    /// A plan with a formula-looking trust and tag, so the outputs must defuse them.
    func report() throws -> (lots: [PurchaseLot], support: [SupportGroup]) {
        let assets = [asset("=HYPERLINK(\"x\")", .ct, installed: 2012, trust: "RAA"),
                      asset("US-1", .ultrasound, installed: 2012, trust: "+RBB", site: "S2")]
        let policy = PlanningPolicy(firstYear: 2026, years: 2, budgets: Array(repeating: .pounds(5_000_000), count: 2))
        let plan = try Planner.plan(assets: assets, policy: policy, options: SolverOptions(timeLimit: 10))
        let lots = try PurchaseLots.build(plan: plan, assets: assets)
        try PurchaseLots.reconcile(lots: lots, plan: plan)
        let support = SupportContracts.group(contracts: [
            MaintenanceContract(trust: "RAA", site: "S1", tag: "=HYPERLINK(\"x\")", modality: .ct, manufacturer: "Canon",
                                supplier: "@Canon", endDate: date(2027, 5, 31), annualCost: Pence(5_600_012)),
            MaintenanceContract(trust: "RBB", tag: "CT-7", modality: .ct, manufacturer: "Canon", supplier: "Canon"),
        ])
        return (lots, support)
    }

    @Test func csvIsExactAndFormulaSafe() throws {
        let (lots, support) = try report()
        let lotsCSV = LotRendering.lotsCSV(lots)
        #expect(lotsCSV.hasPrefix("lot_id,modality,specification,year,need_date,quantity,trusts,sites,value,above_threshold,moved,last_planned_year\r\n"))
        #expect(lotsCSV.contains("CT-2026-1,CT,,2026,2026-04-01,1,RAA:1,RAA/S1:1,700000.00,yes,0,2026\r\n"))
        #expect(lotsCSV.contains("US-2026-1,US,,2026,2026-04-01,1,'+RBB:1,'+RBB/S2:1,60000.00,no,0,2026\r\n"))
        let members = LotRendering.membersCSV(lots)
        #expect(members.contains(#"CT-2026-1,CT,,2026,RAA,S1,"'=HYPERLINK(""x"")",2026,no,700000.00"#))
        let contracts = SupportRendering.contractsCSV(support)
        #expect(contracts.contains("'@Canon,2027-05-31,56000.12,2028-03-31,"))
        #expect(contracts.contains("CT,Canon,RBB,,CT-7,Canon,,,2028-03-31,\r\n"))
        #expect(SupportRendering.groupsCSV(support).contains("CT,Canon,2,RAA;RBB,'@Canon;Canon,56000.12,1,2027-05-31,2027-05-31,2028-03-31,1\r\n"))
    }

    @Test func jsonHasMoneyAsDecimalStrings() throws {
        let (lots, support) = try report()
        let text = try ProcurementJSON.render(lots: lots, support: support, threshold: .nhsGoods2026, window: 0)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(doc["total_value"] as? String == "760000.00")
        #expect((doc["threshold"] as? [String: Any])?["amount"] as? String == "135018.00")
        let jsonLots = try #require(doc["lots"] as? [[String: Any]])
        #expect(jsonLots.map { $0["id"] as? String } == ["CT-2026-1", "US-2026-1"])
        #expect(jsonLots[0]["value"] as? String == "700000.00" && jsonLots[0]["need_date"] as? String == "2026-04-01")
        #expect(jsonLots[0]["above_threshold"] as? Bool == true && jsonLots[1]["above_threshold"] as? Bool == false)
        let member = try #require((jsonLots[0]["members"] as? [[String: Any]])?.first)
        #expect(member["tag"] as? String == "=HYPERLINK(\"x\")" && member["cost"] as? String == "700000.00")
        let group = try #require((doc["support"] as? [[String: Any]])?.first)
        #expect(group["co_termination"] as? String == "2028-03-31" && group["total_annual_cost"] as? String == "56000.12")
        #expect((group["undated"] as? [[String: Any]])?.first?["end_date"] is NSNull)
    }

    @Test func xlsxReadsBackWithRealNumbersAndDates() throws {
        let (lots, support) = try report()
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("procurement-\(UUID().uuidString).xlsx")
        defer { try? FileManager.default.removeItem(at: url) }
        try ProcurementWorkbook.write(lots: lots, support: support, to: url)
        // For a manual look with other tools: PROCUREMENT_KEEP_XLSX=/path/file.xlsx keeps a copy.
        if let keep = ProcessInfo.processInfo.environment["PROCUREMENT_KEEP_XLSX"] {
            try? FileManager.default.removeItem(atPath: keep)
            try FileManager.default.copyItem(at: url, to: URL(fileURLWithPath: keep))
        }

        let workbook = try XLSXWorkbook(url: url)
        #expect(workbook.sheets.map(\.name) == ["Lots", "Lot members", "Support contracts", "Support contract list"])

        let lotRows = try rows(url, "Lots")
        #expect(lotRows.headers == LotRendering.lotColumns)
        // Date cells come back as ISO dates only when the cell carries a date style; numbers come back as written.
        #expect(lotRows.rows[0] == ["CT-2026-1", "CT", "", "2026", "2026-04-01", "1", "RAA:1", "RAA/S1:1", "700000.00", "yes", "0", "2026"])

        let memberRows = try rows(url, "Lot members")
        #expect(memberRows.rows.map { $0[6] } == ["=HYPERLINK(\"x\")", "US-1"])
        #expect(memberRows.rows.map { $0[9] } == ["700000.00", "60000.00"])

        let groupRows = try rows(url, "Support contracts")
        #expect(groupRows.rows == [["CT", "Canon", "2", "RAA;RBB", "@Canon;Canon", "56000.12", "1", "2027-05-31", "2027-05-31", "2028-03-31", "1"]])
        let contractRows = try rows(url, "Support contract list")
        #expect(contractRows.rows.map { $0.count > 6 ? $0[6] : "" } == ["2027-05-31", ""])

        // Cell types in the XML: numbers and dates are <v> values without t="…", text is a shared string.
        let archive = try ZipArchive(url: url)
        let xml = String(decoding: try readAll(try #require(try archive.open("xl/worksheets/sheet1.xml"))), as: UTF8.self)
        #expect(xml.contains(#"<c r="I2"><v>700000.00</v></c>"#))
        #expect(xml.contains(#"<c r="E2" s="2"><v>46113</v></c>"#)) // 2026-04-01 as a 1900-system serial
        #expect(xml.contains(#"<c r="A2" t="s">"#))
    }

    func rows(_ url: URL, _ sheet: String) throws -> (headers: [String], rows: [[String]]) {
        let source = try XLSXRowSource(url: url, sheet: sheet)
        var out: [[String]] = []
        while let r = try source.nextRow() { out.append(r.values) }
        return (source.headers, out)
    }
}

/// Every byte of a ZIP entry.
func readAll(_ input: ByteInput) throws -> [UInt8] {
    var out: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 64 * 1024)
    while true {
        let n = try buffer.withUnsafeMutableBytes { try input.read(into: $0.baseAddress!, count: $0.count) }
        if n == 0 { return out }
        out.append(contentsOf: buffer[0..<n])
    }
}
