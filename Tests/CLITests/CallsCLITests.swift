import Foundation
import Postgres
import Testing
import TestSupport

/// The capital calls flow through the real binary against a fresh database.
@Suite struct CallsCLITests {
    @Test func addApproveIssueExitAndStatement() throws {
        let (db, name) = try TestDatabase.fresh()
        var cli = CLI(dataDirectory: URL(fileURLWithPath: "/nonexistent-capital-data"))
        cli.environment["DATABASE_URL"] = try TestDatabase.conninfo(database: name)
        func ok(_ args: String...) throws -> String {
            let out = try cli.run(args)
            #expect(out.status == 0, "\(args.joined(separator: " ")): \(out.stderr)")
            return out.stdout
        }

        _ = try ok("network", "create", "Calls CLI", "--formed", "2025-04-01")
        for code in ["RAA", "RBB", "RCC"] { _ = try ok("trust", "add", code, "--name", "Trust \(code)") }
        let early = try cli.run("calls", "add", "--amount", "10", "--purpose", "x", "--date", "2026-05-01")
        #expect(early.status == 1)
        #expect(early.stderr.contains("approve a share set first"), "\(early.stderr)")

        // An approved share set of thirds.
        try db.transaction { c in
            let id: Int64 = try c.scalar("""
                INSERT INTO share_set (network_id, version, method, valued_as_of, contributions_file, contributions_sha256, report,
                                       status, approved_by, approved_at)
                SELECT id, 1, 'contribution', '2025-04-01', 'c.yaml', repeat('0', 64), '{}', 'approved', 'Board', now() FROM network
                RETURNING id
                """)
            try c.execute("""
                INSERT INTO share_set_trust (share_set_id, trust_id, share, percent)
                SELECT \(id), id, 0.33333333333333333333333333333333333333, CASE ods_code WHEN 'RCC' THEN 33.34 ELSE 33.33 END FROM trust
                """)
        }

        #expect(try ok("calls", "threshold", "100,000").contains("£100,000.00"))
        let added = try ok("calls", "add", "--amount", "1,000,000.01", "--purpose", "CT scanner", "--date", "2026-05-01",
                           "--business-case", "BC-2026-01", "--format", "json")
        let call = try #require(try JSONSerialization.jsonObject(with: Data(added.utf8)) as? [String: Any])
        #expect(call["reference"] as? String == "CC-2026-001")
        #expect(call["needs_owner_approval"] as? Bool == true)
        #expect(call.keys.allSatisfy { $0 == $0.lowercased() }, "JSON keys are snake_case: \(call.keys.sorted())")
        let parts = try #require(call["parts"] as? [[String: Any]])
        #expect(parts.compactMap { $0["amount"] as? String } == ["333333.34", "333333.34", "333333.33"])

        let refused = try cli.run("calls", "approve", "CC-2026-001", "--by", "Imaging board")
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("--owner-approval"))
        let early2 = try cli.run("calls", "issue", "CC-2026-001", "--by", "Finance")
        #expect(early2.status == 1)
        #expect(try ok("calls", "approve", "CC-2026-001", "--by", "Imaging board", "--owner-approval", "OT-2026-3").contains("approved"))
        #expect(try ok("calls", "issue", "1", "--by", "Finance").contains("RAA £333,333.34"))

        // Leaving in 2027 is within the seven-year initial contract period: a board decision is needed.
        let undecided = try cli.run("trust", "exit", "RCC", "--notice-date", "2026-01-15")
        #expect(undecided.status == 1 && undecided.stderr.contains("--board-decision"), "\(undecided.stderr)")
        let exit = try ok("trust", "exit", "RCC", "--notice-date", "2026-01-15", "--board-decision", "IMB-2026-01")
        #expect(exit.contains("2027-01-15") && exit.contains("IMB-2026-01"), "\(exit)")
        // Redundancy only once redeployment routes are exhausted: refused without the statement.
        let noStatement = try cli.run("calls", "add", "--kind", "redundancy", "--amount", "0.03", "--purpose", "Redundancy",
                                      "--date", "2027-02-01", "--business-case", "HR-7")
        #expect(noStatement.status == 1 && noStatement.stderr.contains("only considered after all redeployment routes are exhausted"), "\(noStatement.stderr)")
        _ = try ok("calls", "add", "--kind", "redundancy", "--amount", "0.03", "--purpose", "Redundancy", "--date", "2027-02-01",
                   "--business-case", "HR-7", "--redeployment-exhausted-by", "Network HR lead", "--redeployment-exhausted-on", "2027-01-20")
        _ = try ok("calls", "approve", "CC-2027-001", "--by", "Imaging board")
        let shown = try ok("calls", "show", "CC-2027-001")
        #expect(shown.contains("excluded (exit in effect by 2027-02-01): RCC"), "\(shown)")
        #expect(shown.contains("redeployment routes exhausted: stated by Network HR lead on 2027-01-20"), "\(shown)")

        let list = try ok("calls", "list", "--format", "csv")
        #expect(list.hasPrefix("id,reference,kind,date,year,amount,status,approval,plan,purpose\r\n"))
        #expect(list.contains("CC-2026-001,investment,2026-05-01,2026/27,1000000.01,issued,owner_trusts"))
        #expect(list.contains("CC-2027-001,redundancy,2027-02-01,2026/27,0.03,approved,management_board"))

        let statement = try ok("calls", "statement", "--format", "json")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(statement.utf8)) as? [String: Any])
        #expect(doc["total"] as? String == "1000000.04")
        let totals = try #require(doc["trust_totals"] as? [String: String])
        #expect(totals == ["RAA": "333333.36", "RBB": "333333.35", "RCC": "333333.33"])
        let table = try ok("calls", "statement")
        #expect(table.contains("£1,000,000.04"))
        let raa = try ok("calls", "statement", "--trust", "raa")
        #expect(raa.contains("Obligations of RAA"))
        #expect(raa.contains("£333,333.36"))
        let csv = try ok("calls", "statement", "--trust", "RCC", "--format", "csv")
        #expect(csv.split(separator: "\r\n").count == 2)
        #expect(try cli.run("calls", "statement", "--trust", "RZZ").status == 1)
    }
}
