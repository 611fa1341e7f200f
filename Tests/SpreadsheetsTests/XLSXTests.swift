import Foundation
import Testing
@testable import Spreadsheets
import CapitalCore

@Suite struct XLSXTests {
    /// Every `<row>` of `sheet` (blank ones included), with the reader.
    static func allRows(_ url: URL, sheet: String? = nil) throws -> (XLSXSheetReader, [(row: Int, cells: [String])]) {
        let reader = try XLSXSheetReader(url: url, sheet: sheet)
        var rows: [(row: Int, cells: [String])] = []
        while let r = try reader.nextRow() { rows.append(r) }
        return (reader, rows)
    }

    /// A new temporary directory for one test.
    static func tempDir(_ name: String = #function) -> URL {
        let safe = name.filter { $0.isLetter || $0.isNumber }
        let u = FileManager.default.temporaryDirectory.appendingPathComponent("spreadsheets-tests-\(safe)-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: u, withIntermediateDirectories: true)
        return u
    }

    @Test(arguments: [false, true])
    func writerReaderRoundTrip(sharedStrings: Bool) throws {
        let url = Self.tempDir().appendingPathComponent("rt.xlsx")
        let w = try XLSXWriter(url: url, sharedStrings: sharedStrings)
        try w.beginSheet("Assets")
        try w.appendRow([.text("Tag"), .text("Serial"), .text("Installed"), .text("Cost"), .text("Note")])
        try w.appendRow([.text("EQ1"), .text("0189F27741"), .date(CalendarDate(year: 2012, month: 3, day: 14)!), .number("845000.5"), .text("a & b <c> \"d\"")])
        try w.appendRow([.text("EQ2"), .empty, .date(CalendarDate(year: 1900, month: 1, day: 1)!), .number("0.1"), .text("£ ’ é")])
        try w.close()
        let (reader, rows) = try Self.allRows(url)
        #expect(rows.first?.cells == ["Tag", "Serial", "Installed", "Cost", "Note"])
        #expect(reader.sheetName == "Assets")
        #expect(rows.count == 3)
        #expect(rows[1].cells == ["EQ1", "0189F27741", "2012-03-14", "845000.5", "a & b <c> \"d\""])
        #expect(rows[2].cells == ["EQ2", "", "1900-01-01", "0.1", "£ ’ é"])
        #expect(rows[2].row == 3)
    }

    @Test func namedSheetAndFirstSheet() throws {
        let url = Self.tempDir().appendingPathComponent("two.xlsx")
        let w = try XLSXWriter(url: url, sharedStrings: true)
        try w.beginSheet("Summary")
        try w.appendRow([.text("Title")]); try w.appendRow([.text("first sheet")])
        try w.beginSheet("Register")
        try w.appendRow([.text("Tag")]); try w.appendRow([.text("EQ9")])
        try w.close()
        #expect(try XLSXSheetReader.sheetNames(url: url) == ["Summary", "Register"])
        #expect(try Self.allRows(url).1.last?.cells == ["first sheet"])
        #expect(try Self.allRows(url, sheet: "Register").1.last?.cells == ["EQ9"])
        #expect(try Self.allRows(url, sheet: "register").1.last?.cells == ["EQ9"])
        #expect(throws: UserError.self) { try XLSXSheetReader(url: url, sheet: "Nope") }
    }

    /// A hand-made workbook: rich-text shared strings, inline strings, `str`/`b`/`e` cells, missing cells,
    /// a custom date format, a 1904-free workbook, an entry stored (not deflated).
    @Test func handMadeWorkbookQuirks() throws {
        let url = Self.tempDir().appendingPathComponent("hand.xlsx")
        let z = try ZipWriter(url: url)
        try z.addEntry("xl/workbook.xml", #"<?xml version="1.0"?><workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Data" sheetId="1" r:id="rId7"/></sheets></workbook>"#)
        try z.addEntry("xl/_rels/workbook.xml.rels", #"<Relationships><Relationship Id="rId7" Target="worksheets/data.xml" Type="x"/></Relationships>"#, deflate: false)
        try z.addEntry("xl/sharedStrings.xml", #"<sst><si><t>Equipment No</t></si><si><r><rPr><b/></rPr><t>Seri</t></r><r><t xml:space="preserve">al No</t></r><rPh><t>IGNORED</t></rPh></si><si><t>AQLB,7741</t></si><si><t/></si></sst>"#)
        try z.addEntry("xl/styles.xml", #"<styleSheet><numFmts count="2"><numFmt numFmtId="164" formatCode="[$-809]dd\ mmmm\ yyyy;@"/><numFmt numFmtId="165" formatCode="0.00&quot;d&quot;"/></numFmts><cellStyleXfs><xf numFmtId="14"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="14"/></cellXfs></styleSheet>"#)
        try z.addEntry("xl/worksheets/data.xml", """
        <worksheet><sheetData>
        <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="D1" t="inlineStr"><is><t>Installed</t></is></c><c r="E1" t="str"><v>Flag</v></c></row>
        <row r="2"/>
        <row r="4"><c r="A4" t="inlineStr"><is><r><t>EQ</t></r><r><t>7</t></r></is></c><c r="B4" t="s"><v>2</v></c><c r="D4" s="1"><v>42808</v></c><c r="E4" t="b"><v>1</v></c><c r="F4" t="e"><v>#N/A</v></c></row>
        <row r="5"><c r="A5"><v>2.09E+11</v></c><c r="C5" s="2"><v>12.5</v></c><c r="D5" s="3"><v>61</v></c></row>
        </sheetData></worksheet>
        """)
        try z.close()
        let (_, rows) = try Self.allRows(url)
        #expect(rows.map(\.row) == [1, 2, 4, 5]) // the blank row 2 is returned, empty
        #expect(rows[0].cells == ["Equipment No", "Serial No", "", "Installed", "Flag"])
        #expect(rows[1].cells == [])
        #expect(rows[2].cells == ["EQ7", "AQLB,7741", "", "2017-03-14", "TRUE", "#N/A"])
        #expect(rows[3].cells == ["2.09E+11", "", "12.5", "1900-03-01"])
    }

    @Test func excelSerialDates() {
        #expect(ExcelDate.date(serial: 1)?.iso == "1900-01-01")
        #expect(ExcelDate.date(serial: 59)?.iso == "1900-02-28")
        #expect(ExcelDate.date(serial: 60) == nil) // the fictitious 29 February 1900
        #expect(ExcelDate.date(serial: 61)?.iso == "1900-03-01")
        #expect(ExcelDate.date(serial: 45_000.75)?.iso == "2023-03-15")
        #expect(ExcelDate.date(serial: 0, date1904: true)?.iso == "1904-01-01")
        for d in [CalendarDate(year: 1900, month: 1, day: 1)!, CalendarDate(year: 1900, month: 3, day: 1)!, CalendarDate(year: 2031, month: 12, day: 31)!] {
            #expect(ExcelDate.date(serial: Double(ExcelDate.serial(for: d))) == d)
        }
    }

    @Test func dateFormatDetection() {
        #expect(XLSXWorkbook.isDateFormat("dd/mm/yyyy"))
        #expect(XLSXWorkbook.isDateFormat("[$-409]mmm d, yyyy;@"))
        #expect(!XLSXWorkbook.isDateFormat("#,##0.00"))
        #expect(!XLSXWorkbook.isDateFormat("h:mm:ss"))
        #expect(!XLSXWorkbook.isDateFormat("0.00\"d\""))
        #expect(!XLSXWorkbook.isDateFormat("[Red]0.00"))
    }

    @Test func zipEntriesCarryCorrectCRC() throws {
        let url = Self.tempDir().appendingPathComponent("crc.zip")
        let z = try ZipWriter(url: url)
        try z.addEntry("a.txt", "hello world")
        try z.addEntry("b.txt", String(repeating: "abc", count: 50_000), deflate: false)
        try z.close()
        let archive = try ZipArchive(url: url)
        #expect(archive.entries["a.txt"]?.crc32 == 0x0D4A_1185)
        #expect(try archive.readAll("b.txt")?.count == 150_000)
        #expect(try archive.readAll("a.txt").map { String(decoding: $0, as: UTF8.self) } == "hello world")
        // Cross-check with the system unzip when present.
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/unzip") {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
            p.arguments = ["-tq", url.path]
            p.standardOutput = FileHandle.nullDevice
            try p.run(); p.waitUntilExit()
            #expect(p.terminationStatus == 0)
        }
    }
}
