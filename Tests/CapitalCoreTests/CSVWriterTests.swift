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

/// Tables for people, files for machines (issue 19): money and fractions are formatted in the table only.
@Suite struct TabularKindsTests {
    let listing = Tabular(columns: ["plan", "gap", "total_spend", "units"],
                          rows: [["A", "0.002096741625225451", "205195227.43", "12"], ["B", nil, "5.5", "3"]],
                          numericColumns: ["units"], moneyColumns: ["total_spend"], percentColumns: ["gap"])

    @Test func theTableShowsPoundsAndPercentages() {
        let table = listing.table()
        #expect(table.contains("0.21%") && table.contains("£205,195,227.43") && table.contains("£5.50"))
        #expect(!table.contains("0.0020967"))
        // Right-aligned money: both amounts end in the same column.
        let lines = table.split(separator: "\n")
        let end = { (line: Substring, text: String) in line.range(of: text).map { line.distance(from: line.startIndex, to: $0.upperBound) } }
        #expect(end(lines[2], "£205,195,227.43") != nil && end(lines[2], "£205,195,227.43") == end(lines[3], "£5.50"))
        #expect(lines[2].hasSuffix(" 12") && lines[3].hasSuffix("  3"))
    }

    @Test func csvAndJSONKeepTheExactValues() {
        #expect(listing.csv().contains("A,0.002096741625225451,205195227.43,12"))
        #expect(listing.json().contains(#""total_spend" : "205195227.43""#) && listing.json().contains(#""units" : 12"#))
    }

    @Test func percentRoundsHalfAwayFromZero() {
        #expect(Tabular.percent("0.56448394601163487940407636913407159246", decimals: 4) == "56.4484%")
        #expect(Tabular.percent("0.00125") == "0.13%")
        #expect(Tabular.percent("1") == "100.00%")
        #expect(Tabular.percent("abc") == nil && Tabular.percent("0.5x") == nil)
    }
}

/// Tables fit 100 columns (issue 19): optional columns go first, then free text is cut, and the table says so.
@Suite struct TabularWidthTests {
    @Test func wideListingsLeaveOutOptionalColumnsThenCutText() {
        let purpose = String(repeating: "Equipment replacements for the network ", count: 3)
        let t = Tabular(columns: ["id", "reference", "created_at", "amount", "purpose"],
                        rows: [["1", "CC-2026-001", "2026-12-01T11:41:09Z", "188547000.00", purpose]],
                        numericColumns: ["id"], moneyColumns: ["amount"], optionalColumns: ["created_at"],
                        trimmableColumns: ["purpose"])
        let lines = t.table().split(separator: "\n")
        #expect(lines.prefix(3).allSatisfy { $0.count <= Tabular.lineWidth }, "\(lines)")
        #expect(!lines[0].contains("created_at") && lines[2].hasSuffix("…") && lines[2].contains("£188,547,000.00"))
        #expect(lines.last?.contains("created_at left out to fit") == true)
        // CSV and JSON keep every column and every character.
        #expect(t.csv().contains("2026-12-01T11:41:09Z") && t.csv().contains(purpose.trimmingCharacters(in: .whitespaces)))
    }

    @Test func aNarrowTableIsLeftAlone() {
        let t = Tabular(columns: ["code", "name"], rows: [["RNA", "Dudley"]], optionalColumns: ["name"], trimmableColumns: ["name"])
        #expect(t.table() == "code  name\n----  ------\nRNA   Dudley\n")
    }
}
