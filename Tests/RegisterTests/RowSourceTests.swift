import Foundation
import Testing
@testable import Register
import CapitalCore
import Spreadsheets

/// Register's row sources over the Spreadsheets readers: headers, blank rows, row numbers, and format detection.
@Suite struct RowSourceTests {
    @Test func rowSourceTrimsHeadersAndPadsShortRows() throws {
        let src = try CSVRowSource(input: MemoryByteInput(" Tag , Serial \nEQ1\n"))
        #expect(src.headers == ["Tag", "Serial"])
        let row = try #require(try src.nextRow())
        #expect(row.value(at: 1) == "")
        #expect(row.rowNumber == 2)
    }

    @Test func rawRowJSONKeepsOrderAndDuplicateHeaders() {
        let row = RawRow(rowNumber: 2, headers: ["Tag", "Note", "Note"], values: ["EQ1", "say \"hi\"\n", "x"])
        #expect(row.jsonText == #"{"Tag":"EQ1","Note":"say \"hi\"\n","Note (2)":"x"}"#)
    }

    /// The first non-empty row is the header (trimmed); blank rows are skipped; row numbers are the sheet's.
    @Test func xlsxRowSourceSkipsBlankRowsAndTrimsHeaders() throws {
        let url = Fixtures.tempDir().appendingPathComponent("blank-rows.xlsx")
        let w = try XLSXWriter(url: url)
        try w.beginSheet("Assets")
        try w.appendRow([]); try w.appendRow([.text(" Tag "), .text("Serial")]); try w.appendRow([.empty, .empty])
        try w.appendRow([.text("EQ1"), .text("0189F27741")]); try w.appendRow([]); try w.appendRow([.text("EQ2")])
        try w.close()
        let src = try XLSXRowSource(url: url)
        #expect(src.headers == ["Tag", "Serial"])
        #expect(src.headerRowNumber == 2)
        #expect(src.sheetName == "Assets")
        var rows: [RawRow] = []
        while let r = try src.nextRow() { rows.append(r) }
        #expect(rows.map(\.rowNumber) == [4, 6])
        #expect(rows.map(\.values) == [["EQ1", "0189F27741"], ["EQ2"]])
        #expect(throws: UserError.self) { try XLSXRowSource(url: url, sheet: "Nope") }
    }

    @Test func xlsxWithNoRowsHasNoHeader() throws {
        let url = Fixtures.tempDir().appendingPathComponent("empty.xlsx")
        let w = try XLSXWriter(url: url)
        try w.beginSheet("Empty"); try w.appendRow([]); try w.close()
        #expect(throws: UserError.self) { try XLSXRowSource(url: url) }
    }

    @Test func registerReaderDetectsXLSXByContent() throws {
        let url = Fixtures.tempDir().appendingPathComponent("named-wrongly.csv")
        let w = try XLSXWriter(url: url)
        try w.beginSheet("S"); try w.appendRow([.text("Tag")]); try w.appendRow([.text("EQ1")]); try w.close()
        let r = try RegisterReader.open(url: url)
        #expect(r.format == .xlsx)
        #expect(try r.nextRow()?.values == ["EQ1"])
    }
}
