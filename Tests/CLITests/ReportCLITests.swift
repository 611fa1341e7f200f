import Foundation
import Testing
import TestSupport

/// `capital demo` writes the board report, and `capital report` writes it again for the approved plan.
@Suite struct ReportCLITests {
    @Test func demoWritesTheReportAndReportCommandRewritesIt() throws {
        let (_, name) = try TestDatabase.fresh()
        var cli = CLI(dataDirectory: URL(fileURLWithPath: "/nonexistent-capital-data"))
        cli.environment["DATABASE_URL"] = try TestDatabase.conninfo(database: name)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("report-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }

        let demo = try cli.run("demo", "--out", dir.path, "--trusts", "3", "--assets", "40", "--plan-seconds", "2")
        #expect(demo.status == 0, "\(demo.stderr)")
        #expect(demo.stdout.contains("what a finance lead sees first"), "\(demo.stdout)")
        #expect(demo.stdout.contains("no plan within these budgets can leave less than") || demo.stdout.contains("no lower bound"))
        let html = try String(contentsOf: dir.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("<section id=\"summary\"") && html.contains("<svg class=\"chart\""))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("report.xlsx").path))

        let again = dir.appendingPathComponent("again/board.html")
        let out = try cli.run("report", "--out", again.path)
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stderr.contains("capital needed"), "\(out.stderr)")
        #expect(try String(contentsOf: again, encoding: .utf8).contains("<section id=\"sources\""))

        let xlsx = try cli.run("report", "--out", dir.appendingPathComponent("board.xlsx").path, "--plan", "1")
        #expect(xlsx.status == 0, "\(xlsx.stderr)")

        #expect(try cli.run("report", "--out", dir.appendingPathComponent("board.pdf").path).status == 2)
        let missing = try cli.run("report", "--plan", "999", "--out", again.path)
        #expect(missing.status == 1 && missing.stderr.contains("no plan 999"), "\(missing.stderr)")
    }
}
