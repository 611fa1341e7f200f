import Foundation
import Testing
import TestSupport

/// One behaviour for every command (issue 19): a format is honoured or refused, money reads in one grammar, and what
/// capital writes reads back. None of these needs a database.
@Suite struct FormatCLITests {
    let root = TestDatabase.repositoryRoot

    @Test func aFormatACommandCannotProduceIsAUsageError() throws {
        let dir = try temporaryDataDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cli = CLI(dataDirectory: dir)
        let plan = try cli.run("plan", "make", "--policy", root.appendingPathComponent("examples/policy.yaml").path, "--format", "csv")
        #expect(plan.status == 2 && plan.stderr.contains("--format csv is not available for `capital plan make`: use table or json"),
                "\(plan.stderr)")
        // A text table in a file named .xlsx was the old behaviour: refused before anything is opened.
        let lots = try cli.run("procure", "--format", "table", "--out", dir.appendingPathComponent("lots.xlsx").path)
        #expect(lots.status == 2 && lots.stderr.contains("does not fit"), "\(lots.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("lots.xlsx").path))
    }

    @Test func sharesCSVReadsBackAndMoneyHasOneGrammar() throws {
        let dir = try temporaryDataDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cli = CLI(dataDirectory: dir)
        let contributions = root.appendingPathComponent("examples/contributions.yaml").path
        let csv = try cli.run("shares", "compute", "--contributions", contributions, "--format", "csv")
        #expect(csv.status == 0, "\(csv.stderr)")
        let json = try cli.run("shares", "compute", "--contributions", contributions, "--format", "json")
        let csvFile = dir.appendingPathComponent("shares.csv"), jsonFile = dir.appendingPathComponent("shares.json")
        try csv.stdout.write(to: csvFile, atomically: true, encoding: .utf8)
        try json.stdout.write(to: jsonFile, atomically: true, encoding: .utf8)

        let fromCSV = try cli.run("calls", "apportion", "2.5m", "--shares", csvFile.path, "--format", "csv")
        let fromJSON = try cli.run("calls", "apportion", "£2,500,000.00", "--shares", jsonFile.path, "--format", "csv")
        #expect(fromCSV.status == 0 && fromJSON.status == 0, "\(fromCSV.stderr) \(fromJSON.stderr)")
        #expect(fromCSV.stdout == fromJSON.stdout && !fromCSV.stdout.isEmpty)
        // The parts sum to the amount to the penny.
        let amounts = fromCSV.stdout.split(whereSeparator: \.isNewline).dropFirst().compactMap { line -> Decimal? in
            line.split(separator: ",").last.flatMap { Decimal(string: String($0)) }
        }
        #expect(amounts.reduce(0, +) == 2_500_000, "\(fromCSV.stdout)")

        let bad = try cli.run("calls", "apportion", "2.5mm", "--shares", csvFile.path)
        #expect(bad.status == 2 && bad.stderr.contains("is not an amount of money (e.g. 1000, 1,000.50, £1,000.50, 750k or 2.5m)"), "\(bad.stderr)")
    }
}
