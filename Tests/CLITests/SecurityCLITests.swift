import Foundation
import Postgres
import Testing
import TestSupport

/// Issue 16 through the CLI on its embedded cluster: capital works as a non-superuser role; users are added, listed
/// and removed; a trust user connecting with `db url --user` sees only its trust's register and an import for another
/// trust is refused naming the user, its trust and its role; a board user changes nothing; the audit names the login.
@Suite(.serialized) struct SecurityCLITests {
    @Test func trustUsersAreIsolatedAndTheBoardReadsOnly() throws {
        let dir = try temporaryDataDirectory()
        var cli = CLI(dataDirectory: dir.appendingPathComponent("data"))
        defer { _ = try? cli.run("db", "stop"); try? FileManager.default.removeItem(at: dir) }
        cli.environment.removeValue(forKey: "CAPITAL_USER_PASSWORD")
        let out = dir.appendingPathComponent("out").path
        let demo = try cli.run("demo", "--out", out, "--trusts", "2", "--assets", "30", "--plan-seconds", "1")
        try #require(demo.status == 0, "\(demo.stderr)")
        let codes = try cli.run("trust", "list", "--format", "csv").stdout.split(whereSeparator: \.isNewline).dropFirst()
            .map { String($0.split(separator: ",")[0]) }
        try #require(codes.count == 2)
        let (mine, theirs) = (codes[0], codes[1])

        // capital's own connection is neither superuser nor exempt from row-level security.
        let app = try Connection(try cli.run("db", "url").stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(try app.scalar("SELECT current_user", as: String.self) == "capital_app")
        #expect(try app.scalar("SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user", as: Bool.self) == false)

        // A password is never an argument.
        #expect(try cli.run("user", "add", "rhys", "--trust", mine, "--role", "equipment", "--password", "x").status == 2)
        let added = try cli.run("user", "add", "rhys", "--trust", mine.lowercased(), "--role", "equipment")
        #expect(added.status == 0 && added.stdout.contains("added user rhys (equipment user of \(mine))"), "\(added.stderr)")
        #expect(try cli.run("user", "add", "bea", "--network-role", "board").status == 0)
        #expect(try cli.run("user", "add", "eve", "--trust", mine).status == 2)
        #expect(try cli.run("user", "add", "rhys", "--network-role", "viewer").stderr.contains("exists already"))
        let listed = try cli.run("user", "list", "--format", "csv").stdout
        #expect(listed.contains("rhys,\(mine),equipment,yes") && listed.contains("bea,,network board,yes"), "\(listed)")

        let rhysURL = try cli.run("db", "url", "--user", "rhys").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(rhysURL.hasPrefix("postgresql://rhys@/"))
        var rhys = cli
        rhys.environment["DATABASE_URL"] = rhysURL
        // Both trusts are listed (network members), but only its own trust's assets are counted.
        let trusts = try rhys.run("trust", "list", "--format", "csv").stdout
        let all = try cli.run("trust", "list", "--format", "csv").stdout
        #expect(trusts.contains("\(theirs),") && trusts.split(whereSeparator: \.isNewline).last?.hasSuffix(",0") == true, "\(trusts)")
        #expect(all.split(whereSeparator: \.isNewline).last?.hasSuffix(",0") == false, "\(all)")
        // An import for the other trust is refused with a message naming the user, its role and its trust.
        let register = "\(out)/sample/" + (try FileManager.default.contentsOfDirectory(atPath: "\(out)/sample")
            .first { $0.hasPrefix(theirs) && $0.hasSuffix(".csv") } ?? "missing.csv")
        let refused = try rhys.run("import", register, "--trust", theirs)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("refused for user rhys (equipment, trust \(mine))") && !refused.stderr.contains("SQLSTATE"),
                "\(refused.stderr)")

        var bea = cli
        bea.environment["DATABASE_URL"] = try cli.run("db", "url", "--user", "bea").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try bea.run("trust", "list", "--format", "csv").stdout == all)
        let boardWrite = try bea.run("network", "create", "Mine", "--formed", "2025-04-01")
        #expect(boardWrite.status == 1 && boardWrite.stderr.contains("user bea (network board)"), "\(boardWrite.stderr)")

        // The audit names who logged in; rhys sees its own trust's entries only.
        let audit = try cli.run("audit", "--table", "import_batch", "--format", "json")
        let entries = try JSONSerialization.jsonObject(with: Data(audit.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(!entries.isEmpty && entries.allSatisfy { $0["who"] as? String == "capital_app" }, "\(audit.stdout.prefix(500))")
        let own = try rhys.run("audit", "--format", "csv").stdout.split(whereSeparator: \.isNewline).dropFirst()
        #expect(!own.isEmpty && own.allSatisfy { $0.contains(",\(mine),") }, "\(own.prefix(3))")

        // An owner trust's approval is --trust with --owner-approval, and nothing of the board's; the board's needs --by.
        #expect(try cli.run("calls", "approve", "CC-2026-001", "--trust", mine).status == 2)
        #expect(try cli.run("calls", "approve", "CC-2026-001", "--trust", mine, "--owner-approval", "M-1", "--by", "Board").status == 2)
        #expect(try cli.run("calls", "approve", "CC-2026-001").status == 2)
        let notFinance = try rhys.run("calls", "approve", "CC-2026-001", "--trust", mine, "--owner-approval", "M-1")
        #expect(notFinance.status == 1 && !notFinance.stderr.contains("approved"), "\(notFinance.stderr)")

        #expect(try cli.run("user", "remove", "rhys").status == 0)
        #expect(try rhys.run("trust", "list").status == 1)
        #expect(try cli.run("user", "remove", "rhys").stderr.contains("no capital user rhys"))
    }
}
