import Foundation
import Testing
import Postgres
import TestSupport

/// Several networks in one database (issue 19): a default from the environment, names and codes matched whatever
/// their case, and renames.
@Suite(.serialized) struct NetworkCLITests {
    @Test func defaultFromTheEnvironmentCaseInsensitiveNamesAndRenames() throws {
        let dir = try temporaryDataDirectory()
        var cli = CLI(dataDirectory: dir)
        defer { _ = try? cli.run("db", "stop"); try? FileManager.default.removeItem(at: dir) }
        #expect(try cli.run("network", "create", "Black Country", "--formed", "2025-04-01").status == 0)
        #expect(try cli.run("network", "create", "Coventry", "--formed", "2025-04-01").status == 0)
        let clash = try cli.run("network", "create", "black COUNTRY", "--formed", "2025-04-01")
        #expect(clash.status == 1 && clash.stderr.contains("a network named \"Black Country\" already exists"), "\(clash.stderr)")

        // Two networks: a command must be told which, by flag or environment, in any case.
        #expect(try cli.run("trust", "list").status == 1)
        #expect(try cli.run("trust", "add", "rna", "--name", "Dudley Group", "--network", "BLACK country").status == 0)
        cli.environment["CAPITAL_NETWORK"] = "black country"
        let listed = try cli.run("trust", "list", "--format", "csv")
        #expect(listed.status == 0 && listed.stdout.contains("RNA,Dudley Group"), "\(listed.stderr)")
        // The flag wins over the environment.
        let coventry = try cli.run("trust", "list", "--network", "Coventry", "--format", "csv")
        #expect(coventry.status == 0 && !coventry.stdout.contains("RNA"))

        let renamedTrust = try cli.run("trust", "rename", "rna", "--name", "The Dudley Group NHS FT")
        #expect(renamedTrust.status == 0 && renamedTrust.stdout.contains("renamed RNA to The Dudley Group NHS FT"), "\(renamedTrust.stderr)")
        #expect(try cli.run("trust", "rename", "RXX", "--name", "Nobody").status == 1)

        let renamed = try cli.run("network", "rename", "black country", "Black Country Pathology")
        #expect(renamed.status == 0, "\(renamed.stderr)")
        #expect(try cli.run("network", "rename", "Coventry", "BLACK COUNTRY PATHOLOGY").status == 1)
        cli.environment["CAPITAL_NETWORK"] = "Black Country Pathology"
        let after = try cli.run("trust", "list", "--format", "csv")
        #expect(after.status == 0 && after.stdout.contains("RNA,The Dudley Group NHS FT"), "\(after.stderr)")
    }
}

/// `network delete` (issue 19): asks first, or takes --yes; removes one network's every row and leaves the others'.
@Suite(.serialized) struct NetworkDeleteCLITests {
    @Test func deletingANetworkRemovesItsRowsAndOnlyThose() throws {
        let dir = try temporaryDataDirectory()
        let cli = CLI(dataDirectory: dir.appendingPathComponent("data"))
        defer { _ = try? cli.run("db", "stop"); try? FileManager.default.removeItem(at: dir) }
        let demo = try cli.run("demo", "--out", dir.appendingPathComponent("out").path, "--trusts", "3", "--assets", "40", "--plan-seconds", "1")
        try #require(demo.status == 0, "\(demo.stderr)")
        #expect(try cli.run("network", "create", "Keep Me", "--formed", "2025-04-01").status == 0)
        #expect(try cli.run("trust", "add", "RKK", "--name", "Kept Trust", "--network", "keep me").status == 0)
        let demoName = try #require(try cli.run("network", "list", "--format", "csv").stdout
            .split(whereSeparator: \.isNewline).dropFirst().map { String($0.split(separator: ",")[0]) }.first { $0 != "Keep Me" })

        // Not at a terminal and no --yes: refused, nothing deleted.
        let refused = try cli.run("network", "delete", demoName)
        #expect(refused.status == 1 && refused.stderr.contains("--yes"), "\(refused.stderr)")
        let deleted = try cli.run("network", "delete", demoName.uppercased(), "--yes")
        #expect(deleted.status == 0 && deleted.stdout.contains("deleted network \"\(demoName)\""), "\(deleted.stderr)")

        let url = try cli.run("db", "url").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let c = try Connection(url)
        for table in ["asset", "import_batch", "plan", "share_set", "capital_call", "site"] {
            #expect(try c.scalar("SELECT count(*) FROM \(identifier: table)", as: Int64.self) == 0, "\(table) still has rows")
        }
        #expect(try c.scalar("SELECT count(*) FROM trust", as: Int64.self) == 1)
        let listed = try cli.run("network", "list", "--format", "csv").stdout
        #expect(listed.contains("Keep Me") && !listed.contains(demoName))
        #expect(try cli.run("trust", "list", "--format", "csv").stdout.contains("RKK,Kept Trust"))
    }
}
