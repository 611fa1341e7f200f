import Foundation
import Testing
@testable import Spreadsheets

@Suite struct CSVReaderTests {
    /// All records of CSV bytes, read with a tiny chunk size to exercise chunk boundaries.
    static func records(_ bytes: [UInt8], chunk: Int = 7) throws -> (CSVReader, [(row: Int, fields: [String])]) {
        let r = try CSVReader(input: MemoryByteInput(bytes), chunkSize: chunk)
        var out: [(row: Int, fields: [String])] = []
        while let rec = try r.nextRecord() { out.append(rec) }
        return (r, out)
    }

    @Test func quotedCommasDoubledQuotesAndNewlines() throws {
        let text = "a,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\r\n2,\"line1\r\nline2\nline3\",z\r\n3,,\r\n"
        let (_, recs) = try Self.records(Array(text.utf8))
        #expect(recs.count == 4)
        #expect(recs[1].fields == ["1", "x, y", "say \"hi\""])
        #expect(recs[2].fields == ["2", "line1\r\nline2\nline3", "z"])
        #expect(recs[3].fields == ["3", "", ""])
        // Physical row numbers: the record that spans three lines starts on line 3; the next starts on line 6.
        #expect(recs.map(\.row) == [1, 2, 3, 6])
    }

    @Test func lfOnlyAndNoFinalNewlineAndBlankLines() throws {
        let (_, recs) = try Self.records(Array("h1,h2\n\nA,B\n\nC,D".utf8))
        #expect(recs.map(\.fields) == [["h1", "h2"], ["A", "B"], ["C", "D"]])
        #expect(recs.map(\.row) == [1, 3, 5])
    }

    @Test func utf8BOMIsSkipped() throws {
        let (r, recs) = try Self.records([0xEF, 0xBB, 0xBF] + Array("Equipment No,Cost\nEQ1,£5\n".utf8))
        #expect(r.encoding == .utf8BOM)
        #expect(recs[0].fields == ["Equipment No", "Cost"])
        #expect(recs[1].fields == ["EQ1", "£5"])
    }

    @Test func windows1252PoundEuroAndQuote() throws {
        // £ = 0xA3, € = 0x80, ’ = 0x92 in Windows-1252.
        let bytes: [UInt8] = Array("tag,price,note\r\nEQ1,".utf8) + [0xA3] + Array("845,".utf8) + [0x80, 0x31, 0x20, 0x92, 0x73] + [0x0D, 0x0A]
        let (r, recs) = try Self.records(bytes)
        #expect(r.encoding == .windows1252)
        #expect(recs[1].fields == ["EQ1", "£845", "€1 ’s"])
    }

    @Test func invalidUTF8LaterInFileSwitchesToWindows1252() throws {
        var bytes = Array("a,b\n".utf8)
        for i in 0..<20_000 { bytes += Array("row\(i),x\n".utf8) }
        bytes += [0x41, 0xA3, 0x2C, 0x42, 0x0A]
        let (r, recs) = try Self.records(bytes, chunk: 64 * 1024)
        #expect(r.encoding == .windows1252)
        #expect(recs.last?.fields == ["A£", "B"])
    }

    @Test func semicolonAndTabDetectedFromHeaderOutsideQuotes() throws {
        let (r1, recs1) = try Self.records(Array("\"a,1\";b;c\n1,5;2;3\n".utf8))
        #expect(r1.delimiter == UInt8(ascii: ";"))
        #expect(recs1[1].fields == ["1,5", "2", "3"])
        let (r2, recs2) = try Self.records(Array("a\tb, c\tc\nx\ty\tz\n".utf8))
        #expect(r2.delimiter == 0x09)
        #expect(recs2[0].fields == ["a", "b, c", "c"])
        let (r3, _) = try Self.records(Array("a,b;c,d\n".utf8))
        #expect(r3.delimiter == UInt8(ascii: ","))
    }

    @Test func everyChunkSizeGivesTheSameRecords() throws {
        let text = "h1,h2,h3\r\n\"q,\"\"1\"\"\",b,\"multi\r\nline\"\r\nplain,\"\",end\r\n"
        let (_, reference) = try Self.records(Array(text.utf8), chunk: 4096)
        for chunk in [16, 17, 19, 23, 31] {
            let (_, recs) = try Self.records(Array(text.utf8), chunk: chunk)
            #expect(recs.map(\.fields) == reference.map(\.fields), "chunk \(chunk)")
            #expect(recs.map(\.row) == [1, 2, 4])
        }
    }
}
