import CapitalCore
import Testing

@Suite struct CSVWriterTests {
    @Test func formulaCellsAreDefused() {
        #expect(CSVWriter.cell("=SUM(A1:A2)") == "'=SUM(A1:A2)")
        #expect(CSVWriter.cell("+44 1234") == "'+44 1234")
        #expect(CSVWriter.cell("@cmd") == "'@cmd")
        #expect(CSVWriter.cell("-2+3") == "'-2+3")
        #expect(CSVWriter.cell("\tx") == "'\tx")
    }

    @Test func plainNumbersStayNumbers() {
        #expect(CSVWriter.cell("-12") == "-12")
        #expect(CSVWriter.cell("-1234.50") == "-1234.50")
        #expect(CSVWriter.cell("12.34") == "12.34")
        #expect(CSVWriter.cell("+3") == "'+3")
    }

    @Test func quotingFollowsRFC4180() {
        #expect(CSVWriter.cell("a,b") == "\"a,b\"")
        #expect(CSVWriter.cell("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVWriter.cell("=a,b") == "\"'=a,b\"")
        #expect(CSVWriter.document(header: ["x", "y"], rows: [["1", "2"]]) == "x,y\r\n1,2\r\n")
    }

    @Test func tableAlignsColumns() {
        var t = TextTable(header: ["trust", "value"])
        t.append(["RAA", "1.00"])
        t.append(["B", "100.00"])
        #expect(t.render() == "trust   value\n-----  ------\nRAA      1.00\nB      100.00\n")
    }
}
