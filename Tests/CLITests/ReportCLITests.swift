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
        #expect(demo.stdout.contains("no plan within these budgets can do better than") || demo.stdout.contains("no lower bound"))
        let html = try String(contentsOf: dir.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("<section id=\"summary\"") && html.contains("<svg class=\"chart\""))
        // The demo sweeps the frontier and the report shows it; the plan is in pounds.
        #expect(html.contains("<section id=\"frontier\"") && html.contains("<section id=\"rules\""))
        let frontier = try String(contentsOf: dir.appendingPathComponent("frontier.json"), encoding: .utf8)
        #expect(frontier.contains("\"unit\" : \"GBP\""))
        let plan = try String(contentsOf: dir.appendingPathComponent("plan.json"), encoding: .utf8)
        #expect(plan.contains("\"unit\" : \"GBP\"") && plan.contains("\"age_profile\""))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("report.xlsx").path))

        let again = dir.appendingPathComponent("again/board.html")
        let out = try cli.run("report", "--out", again.path)
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stderr.contains("capital needed"), "\(out.stderr)")
        #expect(try String(contentsOf: again, encoding: .utf8).contains("<section id=\"sources\""))

        let withFrontier = dir.appendingPathComponent("again/frontier.html")
        let framed = try cli.run("report", "--out", withFrontier.path, "--frontier", dir.appendingPathComponent("frontier.json").path)
        #expect(framed.status == 0, "\(framed.stderr)")
        #expect(try String(contentsOf: withFrontier, encoding: .utf8).contains("<section id=\"frontier\""))
        #expect(!(try String(contentsOf: again, encoding: .utf8).contains("<section id=\"frontier\"")))
        let notFrontier = try cli.run("report", "--out", withFrontier.path, "--frontier", dir.appendingPathComponent("plan.json").path)
        #expect(notFrontier.status == 1, "\(notFrontier.stderr)")
        let xlsx = try cli.run("report", "--out", dir.appendingPathComponent("board.xlsx").path, "--plan", "1")
        #expect(xlsx.status == 0, "\(xlsx.stderr)")

        #expect(try cli.run("report", "--out", dir.appendingPathComponent("board.pdf").path).status == 2)
        let missing = try cli.run("report", "--plan", "999", "--out", again.path)
        #expect(missing.status == 1 && missing.stderr.contains("no plan 999"), "\(missing.stderr)")
    }
}
