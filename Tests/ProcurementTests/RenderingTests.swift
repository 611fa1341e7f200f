import CapitalCore
import Foundation
import Optimizer
import Planning
@testable import Spreadsheets
import Testing
@testable import Procurement

/// CSV, JSON and XLSX forms: exact money, formula-safe text, real number and date cells read back, held-back
/// purchases shown.
@Suite struct RenderingTests {
    /// A plan with a formula-looking trust and tag, so the outputs must defuse them; `ct` and `us` are the plan's
    /// whole prices for its two replacements, `ctExVAT` and `usExVAT` the same without VAT.
    func report() throws -> (lots: [PurchaseLot], support: [SupportGroup], ct: Pence, us: Pence, ctExVAT: Pence, usExVAT: Pence) {
        let assets = [asset("=HYPERLINK(\"x\")", .ct, installed: 2012, trust: "RAA"),
                      asset("US-1", .ultrasound, installed: 2012, trust: "+RBB", site: "S2")]
        let policy = PlanningPolicy(firstYear: 2026, years: 2, budgets: Array(repeating: .pounds(5_000_000), count: 2))
        let plan = try Planner.plan(assets: assets, policy: policy, options: SolverOptions(timeLimit: 10))
        let lots = try PurchaseLots.build(plan: plan, assets: assets)
        try PurchaseLots.reconcile(lots: lots, plan: plan)
        let ctPrice = try #require(plan.assets.first { $0.modality == .ct }?.replacements.first { $0.year == 2026 }?.price)
        let usPrice = try #require(plan.assets.first { $0.modality == .ultrasound }?.replacements.first { $0.year == 2026 }?.price)
        // The default policy cannot recover VAT: the whole price includes it.
        try #require(ctPrice.vat > .zero && usPrice.vat > .zero)
        let support = SupportContracts.group(contracts: [
            MaintenanceContract(trust: "RAA", site: "S1", tag: "=HYPERLINK(\"x\")", modality: .ct, manufacturer: "Canon",
                                supplier: "@Canon", endDate: date(2027, 5, 31), annualCost: Pence(5_600_012)),
            MaintenanceContract(trust: "RBB", tag: "CT-7", modality: .ct, manufacturer: "Canon", supplier: "Canon"),
        ], asOf: date(2026, 4, 1))
        return (lots, support, ctPrice.total, usPrice.total, ctPrice.total - ctPrice.vat, usPrice.total - usPrice.vat)
    }

    @Test func csvIsExactAndFormulaSafe() throws {
        let (lots, support, ct, us, ctExVAT, usExVAT) = try report()
        let lotsCSV = LotRendering.lotsCSV(lots)
        #expect(lotsCSV.hasPrefix("lot_id,modality,specification,year,need_date,quantity,trusts,sites,value,above_threshold,moved,"
                                  + "last_planned_year,held_back,held_back_value,value_ex_vat\r\n"))
        #expect(lotsCSV.contains("CT-2026-1,CT,,2026,2026-04-01,1,RAA:1,RAA/S1:1,\(ct.plain),yes,0,2026,0,0.00,\(ctExVAT.plain)\r\n"))
        let usAbove = ProcurementThreshold.nhsGoods2026.isMet(byExVAT: usExVAT) ? "yes" : "no"
        #expect(lotsCSV.contains("US-2026-1,US,,2026,2026-04-01,1,'+RBB:1,'+RBB/S2:1,\(us.plain),\(usAbove),0,2026,0,0.00,\(usExVAT.plain)\r\n"))
        let members = LotRendering.membersCSV(lots)
        #expect(members.hasPrefix("lot_id,modality,specification,lot_year,trust,site,tag,planned_year,moved,cost,kind\r\n"))
        #expect(members.contains(#"CT-2026-1,CT,,2026,RAA,S1,"'=HYPERLINK(""x"")",2026,no,"# + ct.plain + ",replacement\r\n"))
        #expect(LotRendering.heldBackCSV(lots) == "lot_id,modality,specification,lot_year,trust,site,tag,kind,planned_year,cost,"
                + "headroom,shortfall,reason\r\n")
        let contracts = SupportRendering.contractsCSV(support)
        #expect(contracts.contains("'@Canon,2027-05-31,56000.12,2028-03-31,"))
        #expect(contracts.contains("CT,Canon,RBB,,CT-7,Canon,,,2028-03-31,,false\r\n"))
        #expect(SupportRendering.groupsCSV(support).contains("CT,Canon,2,RAA;RBB,'@Canon;Canon,56000.12,1,2027-05-31,2027-05-31,2028-03-31,1,0\r\n"))
    }

    @Test func jsonHasMoneyAsDecimalStrings() throws {
        let (lots, support, ct, us, ctExVAT, usExVAT) = try report()
        let text = try ProcurementJSON.render(lots: lots, support: support, threshold: .nhsGoods2026, window: 0)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(doc["total_value"] as? String == (ct + us).plain)
        #expect((doc["threshold"] as? [String: Any])?["amount"] as? String == "135018.00")
        let jsonLots = try #require(doc["lots"] as? [[String: Any]])
        try #require(jsonLots.map { $0["id"] as? String } == ["CT-2026-1", "US-2026-1"])
        #expect(jsonLots[0]["value"] as? String == ct.plain && jsonLots[0]["need_date"] as? String == "2026-04-01")
        #expect(jsonLots[0]["above_threshold"] as? Bool == true && jsonLots[0]["value_ex_vat"] as? String == ctExVAT.plain)
        #expect(jsonLots[1]["above_threshold"] as? Bool == ProcurementThreshold.nhsGoods2026.isMet(byExVAT: usExVAT))
        #expect(jsonLots[1]["value_ex_vat"] as? String == usExVAT.plain)
        let member = try #require((jsonLots[0]["members"] as? [[String: Any]])?.first)
        #expect(member["tag"] as? String == "=HYPERLINK(\"x\")" && member["cost"] as? String == ct.plain)
        #expect(member["kind"] as? String == "replacement")
        #expect((jsonLots[0]["held_back"] as? [Any])?.isEmpty == true)
        let group = try #require((doc["support"] as? [[String: Any]])?.first)
        #expect(group["co_termination"] as? String == "2028-03-31" && group["total_annual_cost"] as? String == "56000.12")
        #expect((group["undated"] as? [[String: Any]])?.first?["end_date"] is NSNull)
    }

    @Test func xlsxReadsBackWithRealNumbersAndDates() throws {
        let (lots, support, ct, us, ctExVAT, _) = try report()
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("procurement-\(UUID().uuidString).xlsx")
        defer { try? FileManager.default.removeItem(at: url) }
        try ProcurementWorkbook.write(lots: lots, support: support, to: url)
        // For a manual look with other tools: PROCUREMENT_KEEP_XLSX=/path/file.xlsx keeps a copy.
        if let keep = ProcessInfo.processInfo.environment["PROCUREMENT_KEEP_XLSX"] {
            try? FileManager.default.removeItem(atPath: keep)
            try FileManager.default.copyItem(at: url, to: URL(fileURLWithPath: keep))
        }

        #expect(try XLSXSheetReader.sheetNames(url: url) == ["Lots", "Lot members", "Held back", "Support contracts", "Support contract list"])

        let lotRows = try rows(url, "Lots")
        #expect(lotRows.headers == LotRendering.lotColumns.map(XLSXWriter.title))
        #expect(lotRows.headers.first == "Lot ID" && lotRows.headers.contains("Value Ex VAT"))
        try #require(lotRows.rows.count == 2)
        // Date cells come back as ISO dates only when the cell carries a date style; numbers come back as written.
        #expect(lotRows.rows[0] == ["CT-2026-1", "CT", "", "2026", "2026-04-01", "1", "RAA:1", "RAA/S1:1", ct.plain, "yes", "0", "2026",
                                    "0", "0.00", ctExVAT.plain])

        let memberRows = try rows(url, "Lot members")
        #expect(memberRows.headers == LotRendering.memberColumns.map(XLSXWriter.title))
        #expect(memberRows.rows.map { $0[6] } == ["=HYPERLINK(\"x\")", "US-1"])
        #expect(memberRows.rows.map { $0[9] } == [ct.plain, us.plain])
        #expect(memberRows.rows.map { $0[10] } == ["replacement", "replacement"])
        let heldRows = try rows(url, "Held back")
        #expect(heldRows.headers == LotRendering.heldBackColumns.map(XLSXWriter.title) && heldRows.rows.isEmpty)

        let groupRows = try rows(url, "Support contracts")
        #expect(groupRows.rows == [["CT", "Canon", "2", "RAA;RBB", "@Canon;Canon", "56000.12", "1", "2027-05-31", "2027-05-31", "2028-03-31", "1", "0"]])
        let contractRows = try rows(url, "Support contract list")
        #expect(contractRows.rows.map { $0.count > 6 ? $0[6] : "" } == ["2027-05-31", ""])

        // Cell types in the XML: numbers and dates are <v> values without t="…", text is a shared string.
        let archive = try ZipArchive(url: url)
        let xml = String(decoding: try readAll(try #require(try archive.open("xl/worksheets/sheet1.xml"))), as: UTF8.self)
        // Money is a number cell shown as £ (style 3), the header is bold (style 5) and frozen.
        #expect(xml.contains(#"<c r="I2" s="3"><v>"# + ct.plain + "</v></c>"))
        #expect(xml.contains(#"<c r="A1" s="5" t="s">"#) && xml.contains(#"state="frozen""#) && xml.contains("<cols><col "))
        #expect(xml.contains(#"<c r="E2" s="2"><v>46113</v></c>"#)) // 2026-04-01 as a 1900-system serial
        #expect(xml.contains(#"<c r="A2" t="s">"#))
    }

    /// Held-back purchases in every form: RAA/CT-2 (£1,030,000, planned 2027) against £900,000 of 2026 headroom.
    @Test func heldBackPurchasesAreShownInEveryForm() throws {
        let lots = try PurchaseLots.build(plan: HeadroomTests.plan(budget2026: .pounds(2_000_000)), assets: [], window: 1)
        let reason = "held back: needs £1,030,000.00, 2026/27 has £900,000.00 of budget headroom left; bought in a later lot (planned 2027/28)"

        let table = LotRendering.table(lots, threshold: .nhsGoods2026, window: 1)
        #expect(table.contains("CT-2026-1: RAA/CT-2 (planned 2027) " + reason))
        #expect(table.contains("bringing purchases forward only into the lot year's budget headroom"))

        #expect(LotRendering.lotsCSV(lots).contains("CT-2026-1,CT,,2026,2026-04-01,2,RAA:1;RBB:1,RAA/S1:1;RBB/S1:1,1800000.00,yes,1,2027,1,1030000.00,1800000.00\r\n"))
        #expect(LotRendering.heldBackCSV(lots).hasSuffix(
            "\r\nCT-2026-1,CT,,2026,RAA,S2,CT-2,replacement,2027,1030000.00,900000.00,130000.00,\"\(reason)\"\r\n")) // quoted: it has commas

        let text = try ProcurementJSON.render(lots: lots, support: [], threshold: .nhsGoods2026, window: 1)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let jsonLots = try #require(doc["lots"] as? [[String: Any]])
        let held = try #require(jsonLots.first { $0["id"] as? String == "CT-2026-1" }?["held_back"] as? [[String: Any]])
        try #require(held.count == 1)
        #expect(held[0]["tag"] as? String == "CT-2" && held[0]["site"] as? String == "S2" && held[0]["planned_year"] as? Int == 2027)
        #expect(held[0]["cost"] as? String == "1030000.00" && held[0]["headroom"] as? String == "900000.00")
        #expect(held[0]["shortfall"] as? String == "130000.00" && held[0]["reason"] as? String == reason)
        #expect(held[0]["kind"] as? String == "replacement")
        #expect(jsonLots.filter { $0["id"] as? String != "CT-2026-1" }.allSatisfy { ($0["held_back"] as? [Any])?.isEmpty == true })
        #expect(doc["total_value"] as? String == "2990000.00") // held-back items are not counted twice

        let url = FileManager.default.temporaryDirectory.appendingPathComponent("procurement-held-\(UUID().uuidString).xlsx")
        defer { try? FileManager.default.removeItem(at: url) }
        try ProcurementWorkbook.write(lots: lots, support: [], to: url)
        let heldRows = try rows(url, "Held back")
        #expect(heldRows.rows == [["CT-2026-1", "CT", "", "2026", "RAA", "S2", "CT-2", "replacement", "2027", "1030000.00",
                                   "900000.00", "130000.00", reason]])
        #expect(try rows(url, "Lots").rows.first?.suffix(3) == ["1", "1030000.00", "1800000.00"])
    }

    /// Many held-back purchases: the table sums them up per lot instead of listing each (the other forms list all).
    @Test func manyHeldBackPurchasesAreSummedUpPerLotInTheTable() throws {
        // 2026 is at its budget; 21 CTs planned in 2027 are all held back from CT-2026-1.
        let buys = [Buy(tag: "CT-0", year: 2026, cost: .pounds(1_000_000))]
            + (1...21).map { Buy(site: "S\($0)", tag: "CT-\($0)", year: 2027, cost: .pounds(1_030_000)) }
        let lots = try PurchaseLots.build(plan: handPlan(buys, budgets: [.pounds(1_000_000), .pounds(30_000_000)]), assets: [], window: 1)
        try #require(lots.first?.heldBack.count == 21)
        let table = LotRendering.table(lots, threshold: .nhsGoods2026, window: 1)
        #expect(table.contains("CT-2026-1: 21 purchases held back (£21,630,000.00; at most £0.00 of 2026/27 budget headroom was left)"))
        #expect(!table.contains("RAA/CT-1 (planned 2027)"))
        #expect(LotRendering.heldBackCSV(lots).split(separator: "\r\n").count == 22)
    }

    func rows(_ url: URL, _ sheet: String) throws -> (headers: [String], rows: [[String]]) {
        let reader = try XLSXSheetReader(url: url, sheet: sheet)
        var out: [[String]] = []
        while let r = try reader.nextRow() { if r.cells.contains(where: { !$0.isEmpty }) { out.append(r.cells) } }
        return (out.first ?? [], Array(out.dropFirst()))
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
