import CapitalCore
import Foundation
@testable import Spreadsheets
import Testing

/// Issue 14, the file formats: every limit is an error naming the file and place, and no forged size, huge
/// number or long run traps or allocates before it is checked. (Tests assert the errors; memory was measured
/// on the built `capital import`, see the issue.)
@Suite struct HostileFileTests {
    static func userError(_ body: () throws -> Void) -> String? {
        do { try body(); return nil } catch let e as UserError { return e.message } catch { return "not a UserError: \(error)" }
    }

    static func readAll(_ r: CSVReader) throws -> Int {
        var n = 0
        while try r.nextRecord() != nil { n += 1 }
        return n
    }

    @Test func aCSVRecordLongerThanTheLimitIsAnErrorNamingItsRow() throws {
        let text = "a,b\n1,2\n3,\"" + String(repeating: "x", count: 300_000) + "\n"
        let m = Self.userError { _ = try Self.readAll(try CSVReader(input: MemoryByteInput(text), chunkSize: 1024, name: "big.csv", maxRecordBytes: 64 * 1024)) }
        #expect(m?.hasPrefix("big.csv row 3: a record longer than") == true, "\(m ?? "no error")")
        // Under the limit it reads.
        #expect(try Self.readAll(try CSVReader(input: MemoryByteInput(text), chunkSize: 1024, maxRecordBytes: 1 << 20)) == 3)
    }

    @Test func tooManyCellsInARecordIsAnError() throws {
        let text = "a,b\n" + String(repeating: ",", count: 100) + "\n"
        let m = Self.userError { _ = try Self.readAll(try CSVReader(input: MemoryByteInput(text), name: "wide.csv", maxCells: 50)) }
        #expect(m?.hasPrefix("wide.csv row 2: more than 50 cells") == true, "\(m ?? "no error")")
        #expect(ReadLimits.cellsPerRow == 16_384)
    }

    @Test func anXMLTokenLongerThanTheLimitIsAnError() throws {
        let xml = "<a><b>" + String(repeating: " ", count: 200_000) + "</b></a>"
        let x = XMLPullScanner(MemoryByteInput(xml), chunkSize: 1024, name: "t.xlsx, sheet", maxTokenBytes: 64 * 1024)
        let m = Self.userError { while try x.next() != .eof {} }
        #expect(m?.hasPrefix("t.xlsx, sheet: an XML tag or text longer than") == true, "\(m ?? "no error")")
    }

    @Test func aMillionCommentsDoNotExhaustTheStack() throws {
        let xml = "<a>" + String(repeating: "<!---->", count: 300_000) + String(repeating: "<?p?>", count: 300_000) + "<b/></a>"
        let x = XMLPullScanner(MemoryByteInput(xml))
        var starts = 0
        while true { let t = try x.next(); if t == .eof { break }; if t == .start { starts += 1 } }
        #expect(starts == 2)
    }

    @Test func hugeNumbersInAttributesSaturate() throws {
        let x = XMLPullScanner(MemoryByteInput(#"<c r="AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA1" s="99999999999999999999999" t="s"/><row r="99999999999999999999"/>"#))
        _ = try x.next()
        let a = x.cellAttributes()
        #expect(a.column.map { $0 >= ReadLimits.cellsPerRow } == true && a.style >= XMLPullScanner.beyondLimit)
        _ = try x.next()
        #expect(x.intAttribute("r") == XMLPullScanner.beyondLimit)
    }

    @Test func sharedStringsAreLimitedInCountSizeAndLength() throws {
        let many = "<sst>" + String(repeating: "<si><t>x</t></si>", count: 11) + "</sst>"
        #expect(Self.userError { _ = try XLSXWorkbook.readSharedStrings(MemoryByteInput(many), name: "s.xlsx: ss", maxCount: 10) }?
            .hasPrefix("s.xlsx: ss: more than 10 shared strings") == true)
        let big = "<sst>" + String(repeating: "<si><t>" + String(repeating: "y", count: 1000) + "</t></si>", count: 20) + "</sst>"
        #expect(Self.userError { _ = try XLSXWorkbook.readSharedStrings(MemoryByteInput(big), name: "ss", maxBytes: 10_000) }?
            .hasPrefix("ss: more than") == true)
        let long = "<sst><si><t>" + String(repeating: "z", count: ReadLimits.xlsxCellBytes + 1) + "</t></si></sst>"
        #expect(Self.userError { _ = try XLSXWorkbook.readSharedStrings(MemoryByteInput(long), name: "ss") }?
            .hasPrefix("ss: shared string 0 is longer than") == true)
        #expect(try XLSXWorkbook.readSharedStrings(MemoryByteInput(many)).count == 11)
    }

    // MARK: ZIP and XLSX files

    static func dir(_ name: String = #function) -> URL { XLSXTests.tempDir(name) }

    /// A small valid workbook, its bytes, and where its central directory and end record are.
    static func workbook(_ url: URL, rows: [[XLSXCell]] = [[.text("Tag"), .text("Cost")], [.text("EQ1"), .number("5")]]) throws -> [UInt8] {
        let w = try XLSXWriter(url: url)
        try w.beginSheet("S")
        for r in rows { try w.appendRow(r) }
        try w.close()
        return Array(try Data(contentsOf: url))
    }

    static func eocd(_ b: [UInt8]) -> Int {
        var i = b.count - 22
        while !(b[i] == 0x50 && b[i + 1] == 0x4B && b[i + 2] == 5 && b[i + 3] == 6) { i -= 1 }
        return i
    }

    static func put16(_ b: inout [UInt8], _ at: Int, _ v: UInt16) { b[at] = UInt8(v & 0xFF); b[at + 1] = UInt8(v >> 8) }
    static func put32(_ b: inout [UInt8], _ at: Int, _ v: UInt32) { for k in 0..<4 { b[at + k] = UInt8((v >> (8 * UInt32(k))) & 0xFF) } }

    @Test func aCentralDirectoryNameLengthOf0xFFFFIsAnError() throws {
        let url = Self.dir().appendingPathComponent("name.xlsx")
        var b = try Self.workbook(url)
        let cd = Int(b.le32(Self.eocd(b) + 16))
        Self.put16(&b, cd + 28, 0xFFFF)
        try Data(b).write(to: url)
        #expect(Self.userError { _ = try ZipArchive(url: url) }?.hasPrefix("name.xlsx: damaged ZIP central directory") == true)
    }

    @Test func aForgedDirectorySizeOrOffsetIsCheckedBeforeAllocating() throws {
        let url = Self.dir().appendingPathComponent("forged.xlsx")
        let good = try Self.workbook(url)
        let e = Self.eocd(good)
        for (at, value) in [(e + 12, UInt32(0x7FFF_FFF0)), (e + 16, UInt32(0x7FFF_FFF0)), (e + 10, UInt32(0xFFFF))] {
            var b = good
            if at == e + 10 { Self.put16(&b, at, UInt16(value)) } else { Self.put32(&b, at, value) }
            try Data(b).write(to: url)
            #expect(Self.userError { _ = try ZipArchive(url: url) }?.hasPrefix("forged.xlsx: damaged ZIP central directory") == true)
        }
        // An entry whose data would run past the directory.
        var b = good
        let cd = Int(b.le32(e + 16))
        Self.put32(&b, cd + 20, 0x7FFF_0000) // compressed size
        try Data(b).write(to: url)
        #expect(Self.userError { _ = try ZipArchive(url: url) }?.contains("damaged ZIP entry") == true)
    }

    @Test func anEntryInflatingPastItsDeclaredSizeIsAnError() throws {
        let url = Self.dir().appendingPathComponent("bomb.xlsx")
        var b = try Self.workbook(url, rows: (0..<2000).map { [.text("EQ\($0)"), .number(String($0))] })
        // Declare every entry's uncompressed size as 10 bytes: the sheet inflates to far more.
        let e = Self.eocd(b)
        var p = Int(b.le32(e + 16))
        for _ in 0..<Int(b.le16(e + 10)) {
            Self.put32(&b, p + 24, 10)
            p += 46 + Int(b.le16(p + 28)) + Int(b.le16(p + 30)) + Int(b.le16(p + 32))
        }
        try Data(b).write(to: url)
        let m = Self.userError { _ = try XLSXTests.allRows(url) }
        #expect(m?.contains("inflates to more than its declared size") == true, "\(m ?? "no error")")
    }

    /// Writes an XLSX whose sheet XML is `sheet` (and optional styles), parts stored or deflated.
    static func rawWorkbook(_ url: URL, sheet: String, styles: String? = nil, deflate: Bool = true) throws {
        let z = try ZipWriter(url: url)
        try z.addEntry("xl/workbook.xml", #"<workbook xmlns:r="r"><sheets><sheet name="S" r:id="rId1"/></sheets></workbook>"#)
        try z.addEntry("xl/_rels/workbook.xml.rels", #"<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>"#)
        if let styles { try z.addEntry("xl/styles.xml", styles) }
        try z.beginEntry("xl/worksheets/sheet1.xml", deflate: deflate)
        try z.write(Array(sheet.utf8))
        try z.endEntry()
        try z.close()
    }

    @Test func rowNumbersBeyondExcelsRangeAreErrorsNamingTheValue() throws {
        let url = Self.dir().appendingPathComponent("rows.xlsx")
        for r in ["99999999999999999999", "1048577", "0"] {
            try Self.rawWorkbook(url, sheet: "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>x</t></is></c></row><row r=\"\(r)\"/></sheetData></worksheet>")
            let m = Self.userError { _ = try XLSXTests.allRows(url) }
            #expect(m == "rows.xlsx, sheet \"S\": r=\"\(r)\" is not a row number from 1 to 1048576, Excel's range", "\(m ?? "no error")")
        }
    }

    @Test func hugeCellReferencesStylesAndFormatIdsDoNotTrap() throws {
        let url = Self.dir().appendingPathComponent("ids.xlsx")
        let styles = #"<styleSheet><numFmts><numFmt numFmtId="99999999999999999999" formatCode="dd/mm/yyyy"/></numFmts><cellXfs><xf numFmtId="99999999999999999999"/><xf numFmtId="14"/></cellXfs></styleSheet>"#
        try Self.rawWorkbook(url, sheet: """
            <worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Tag</t></is></c><c r="B1" t="inlineStr"><is><t>Date</t></is></c></row>
            <row r="2"><c r="AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA2" t="inlineStr"><is><t>lost</t></is></c><c r="A2" s="99999999999999999999"><v>7</v></c>
            <c r="B2" s="1"><v>12345678901234567890</v></c></row></sheetData></worksheet>
            """, styles: styles)
        let (_, rows) = try XLSXTests.allRows(url)
        #expect(rows.map(\.cells) == [["Tag", "Date"], ["7", "12345678901234567890"]])
    }

    @Test func aLongWhitespaceRunIsAnErrorNotGigabytes() throws {
        let url = Self.dir().appendingPathComponent("spaces.xlsx")
        let run = String(repeating: " ", count: ReadLimits.xmlTokenBytes + 1)
        try Self.rawWorkbook(url, sheet: "<worksheet><sheetData><row r=\"1\">" + run + "</row></sheetData></worksheet>")
        let m = Self.userError { _ = try XLSXTests.allRows(url) }
        #expect(m == "spaces.xlsx, sheet \"S\": an XML tag or text longer than 16 MiB; the part is damaged or not a spreadsheet", "\(m ?? "no error")")
    }

    @Test func aCellOverTheLimitIsAnErrorNamingRowAndColumn() throws {
        let url = Self.dir().appendingPathComponent("cell.xlsx")
        // Two CDATA halves, each under the token limit, together over the cell limit.
        let half = String(repeating: "c", count: ReadLimits.xlsxCellBytes / 2 + 1)
        try Self.rawWorkbook(url, sheet: "<worksheet><sheetData><row r=\"3\"><c r=\"B3\" t=\"inlineStr\"><is><t><![CDATA[\(half)]]><![CDATA[\(half)]]></t></is></c></row></sheetData></worksheet>")
        let m = Self.userError { _ = try XLSXTests.allRows(url) }
        #expect(m == "cell.xlsx, sheet \"S\" row 3, column 2: a cell longer than 1 MiB", "\(m ?? "no error")")
    }

    @Test func metadataPartsAreLimitedBeforeTheyAreRead() throws {
        let url = Self.dir().appendingPathComponent("styles.xlsx")
        let styles = "<styleSheet><cellXfs>" + String(repeating: "<xf numFmtId=\"0\"/>", count: ReadLimits.metadataPartBytes / 18 + 1) + "</cellXfs></styleSheet>"
        try Self.rawWorkbook(url, sheet: "<worksheet><sheetData/></worksheet>", styles: styles)
        let m = Self.userError { _ = try XLSXWorkbook(url: url) }
        #expect(m?.hasPrefix("styles.xlsx: part xl/styles.xml is") == true, "\(m ?? "no error")")
    }
}
