import CapitalCore
import Foundation
@testable import Register
import Spreadsheets
import Testing

/// Issue 14, the register side: every value that once trapped, loaded silently or failed the whole import.
@Suite struct HostileInputTests {
    static let header = "Equipment No,Description,Manufacturer,Model,Serial No,Site,Department,Acquisition Date,Purchase Price,Replacement Date,Status,Risk Category,End of Support,Maintenance Provider,Contract End,Annual Contract Value,Expected Life,Downtime Hours (12 Months)\n"

    /// A good CMMS row with some cells replaced (by index).
    static func row(_ changes: [Int: String] = [:]) -> String {
        var cells = "EQ1,CT Scanner,Siemens,SOMATOM,S1,Royal,Radiology,14/03/2012,845000.00,14/03/2022,In Use,High,31/12/2024,GE,31/03/2026,68500,10,5"
            .split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        for (i, v) in changes { cells[i] = v }
        return cells.joined(separator: ",")
    }

    static func one(_ row: String, header: String = header, profile: String = "cmms-equip") throws -> RowOutcome {
        try #require(try Fixtures.normalise(header + row + "\n", profile: profile).first)
    }

    @Test(arguments: ["12345678901234567890", "99999999999999999999/01/2020", "01/01/99999999999999999999"])
    func hugeDateCellsAreInvalidDates(_ text: String) throws {
        if case .success = ValueParsers.date(text, order: .dmy) { Issue.record("\(text) read as a date") }
        let o = try Self.one(Self.row([7: text]))
        #expect(o.errors.map(\.rule) == [.invalidDate])
        #expect(o.errors.first?.value == text && o.errors.first?.column == "Acquisition Date")
    }

    @Test(arguments: ["-1/01/2020", "01/-1/2020", "01/01/-2020", "01//01/2020", "/01/01/2020", "01/01/2020/", "+1/01/2020", "01/01/2020-"])
    func signsAndEmptyPartsAreNotDates(_ text: String) throws {
        if case .success(let d) = ValueParsers.date(text, order: .dmy) { Issue.record("\(text) read as \(d.iso)") }
        #expect(try Self.one(Self.row([7: text])).errors.map(\.rule) == [.invalidDate])
    }

    @Test(arguments: [("14/03/2012", DateOrder.dmy), ("14 Mar 2012", .dmy), ("14  Mar 2012", .dmy), ("2012-03-14", .dmy),
                      ("14.03.2012", .dmy), ("14/03/2012 10:30", .dmy), ("2012-03-14T10:30:00", .mdy), ("03/14/2012", .mdy), ("Mar 14 2012", .mdy)])
    func ordinaryDatesStillRead(_ text: String, _ order: DateOrder) throws {
        guard case .success(let d) = ValueParsers.date(text, order: order) else { Issue.record("\(text) refused"); return }
        #expect(d.iso == "2012-03-14")
    }

    @Test func hugeMoneyIsTooLargeNotATrap() throws {
        for text in ["100000000000000000.001", "99999999999999999999", "£10,000,000,000,000.00", "1e300"] {
            guard case .failure = ValueParsers.money(text) else {
                // A value the parser reads must still be refused as too large for the register.
                let o = try Self.one(Self.row([8: "\"\(text)\""]))
                #expect(o.errors.map(\.rule) == [.invalidMoney], "\(text)")
                continue
            }
            let o = try Self.one(Self.row([8: "\"\(text)\""]))
            #expect(o.errors.map(\.rule) == [.invalidMoney], "\(text)")
        }
        guard case .failure(let e) = ValueParsers.money("100000000000000000.001") else { Issue.record("read"); return }
        #expect(e.reason.contains("too large"))
        // Inclusive of VAT: a large amount is refused before the conversion could overflow.
        let o = try Self.one(Self.row([8: "\"999999999999999.00 inc VAT\""]))
        #expect(o.errors.map(\.rule) == [.invalidMoney])
    }

    @Test func hugeDowntimeAndLifeAreWarningsNotTraps() throws {
        let o = try Self.one(Self.row([17: "1000000000000000000", 16: "9223372036854775807"]))
        let a = try #require(o.asset)
        #expect(a.downtimeHoursLastYear == nil && a.expectedLifeSource == .policyDefault)
        #expect(Set(o.warnings.map(\.column)).isSuperset(of: ["Downtime Hours (12 Months)", "Expected Life"]))
        let months = "Asset Number,Asset Description,Useful Life (Months),Date Placed In Service\n"
        for life in ["9223372036854775807", "9223372036854775801", "-9223372036854775808"] {
            let f = try Self.one("FA-1,GE REVOLUTION EVO CT,\(life),2019-11-02", header: months, profile: "finance-far")
            #expect(f.asset?.expectedLifeSource == .policyDefault)
            #expect(f.warnings.contains { $0.rule == .invalidNumber && $0.value == life })
        }
        #expect(ValueParsers.decimalTenths("1000000000000000000") == nil)
        #expect(ValueParsers.decimalTenths("99999999999999999999.5") == nil)
        #expect(ValueParsers.decimalTenths("12.5") == 125)
    }

    @Test func aNulByteRejectsTheRowNamingTheCell() throws {
        let o = try Self.one(Self.row([3: "SOM\u{0}ATOM"]))
        #expect(o.errors.map(\.rule) == [.invalidText])
        #expect(o.errors.first?.column == "Model" && o.errors.first?.row == 2 && o.errors.first?.value == "SOM\\0ATOM")
        // NUL anywhere in an eight-byte word or in the tail is found.
        for n in 0..<20 {
            var s = String(repeating: "a", count: 20).utf8.map { $0 }
            s[n] = 0
            #expect(RowHash.scan(["x", String(decoding: s, as: UTF8.self)]).nul)
        }
        #expect(!RowHash.scan(["abcdefghijklmnopq", "é£", ""]).nul)
        #expect(RowHash.scan(["a"]).hash == RowHash.of(["a"]))
        // The raw row's JSON never holds \u0000, which jsonb refuses.
        let json = RawRow(rowNumber: 2, headers: ["A"], values: ["x\u{0}y"]).jsonText
        #expect(json == #"{"A":"x\ufffdy"}"#)
    }

    @Test func aShortOrLongRowIsAColumnCountError() throws {
        let short = try Self.one("EQ9,CT Scanner,Siemens,SOMATOM,S9,Royal")
        #expect(short.errors.map(\.rule) == [.columnCount])
        #expect(short.errors.first?.message.contains("6 cells but the header has 18") == true)
        let long = try Self.one(Self.row() + ",extra")
        #expect(long.errors.map(\.rule) == [.columnCount])
        // XLSX leaves trailing empty cells out: not an error there.
        let bound = try Fixtures.library.select(.named("cmms-equip"), headers: Self.header.dropLast().split(separator: ",").map(String.init))
        let n = Normaliser(profile: bound, trust: "R1A", fileName: "t.xlsx", asOf: Fixtures.asOf, fullRows: false)
        let r = n.normalise(RawRow(rowNumber: 2, headers: bound.headers, values: ["EQ9", "CT Scanner", "Siemens"]))
        #expect(r.asset != nil)
    }

    @Test func overLongCellsAndTagsAreRowErrorsAndIssuesAreClipped() throws {
        let long = String(repeating: "x", count: Normaliser.maxCellBytes + 1)
        let o = try Self.one(Self.row([13: long]))
        #expect(o.errors.map(\.rule) == [.tooLong])
        #expect(o.errors.first?.column == "Maintenance Provider")
        #expect((o.errors.first?.value.utf8.count ?? 0) < 100)
        let tag = try Self.one(Self.row([0: String(repeating: "T", count: 256)]))
        #expect(tag.errors.map(\.rule) == [.tooLong])
        // A long description on a non-imaging row: the skip reason and issue carry a clipped copy.
        let desc = String(repeating: "d", count: 60_000)
        let skipped = try Self.one(Self.row([1: desc, 3: "", 6: ""]))
        let i = try #require(skipped.skip?.issue)
        #expect(i.value.utf8.count <= 204 && i.message.utf8.count <= 1_030)
    }
}

@Suite struct ImportReportLimitTests {
    @Test func issuesBeyondTheLimitAreCountedNotKept() {
        var report = ImportReport(file: "f.csv")
        let warning = ValidationIssue(file: "f.csv", row: 1, column: "C", value: "", rule: .missingCost, message: "no purchase cost", severity: .warning)
        let skip = SkipReason(kind: .unrecognisedModality, message: "no modality", issue: warning)
        for r in 0..<(ImportReport.keptIssues + 10) { report.record(row: r, .skipped(skip)) }
        #expect(report.issues.count == ImportReport.keptIssues && report.skips.count == ImportReport.keptIssues)
        #expect(report.summary.warnings == ImportReport.keptIssues + 10 && report.issuesNotKept == 10)
        #expect(report.summary.skippedUnrecognised == ImportReport.keptIssues + 10)
    }

    @Test func aRowOutOfLineIsRejectedEvenIfItLooksNonImaging() throws {
        let o = try #require(try Fixtures.normalise(HostileInputTests.header + "EQ9,Office chair,Ikea\n", profile: "cmms-equip").first)
        #expect(o.errors.map(\.rule) == [.columnCount])
    }
}
