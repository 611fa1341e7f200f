import Foundation
import Postgres
import Testing
import TestSupport

/// Exits by the agreement (issue 17), through the binary, on a hand-worked case.
///
/// Shares RAA 0.5, RBB 0.3, RCC 0.2; formed 2025-04-01, minimum notice 12 months. RCC gives 3 months' notice on
/// 2026-04-01: it leaves on 2026-07-01, but until 2027-04-01 (notice date + 12 months) it is charged as if a member.
/// - CC-2026-001, 2026-05-01, £1,000.00 (served notice): RCC £200.00, an ordinary part.
/// - CC-2026-002, 2026-09-01, £10,000.01 (unserved): 5,000.005 / 3,000.003 / 2,000.002 → RAA £5,000.01, RBB £3,000.00,
///   RCC £2,000.00, an early-exit charge.
/// - CC-2026-003, 2026-12-01, redundancy £3,000.00 (unserved): RCC £600.00, an early-exit charge.
/// - CC-2027-001, 2027-04-01, £1,000.00: RCC excluded; RAA 0.625 → £625.00, RBB £375.00.
/// RCC's early-exit charge: £2,000.00 + £600.00 = £2,600.00.
@Suite struct EarlyExitCLITests {
    @Test func shortNoticeIsRefusedUnlessEarlyAndTheStatementShowsTheCharge() throws {
        let (db, name) = try TestDatabase.fresh()
        var cli = CLI(dataDirectory: URL(fileURLWithPath: "/nonexistent-capital-data"))
        cli.environment["DATABASE_URL"] = try TestDatabase.conninfo(database: name)
        func ok(_ args: String...) throws -> String {
            let out = try cli.run(args)
            #expect(out.status == 0, "\(args.joined(separator: " ")): \(out.stderr)")
            return out.stdout
        }
        _ = try ok("network", "create", "Exit CLI", "--formed", "2025-04-01")
        for code in ["RAA", "RBB", "RCC"] { _ = try ok("trust", "add", code, "--name", "Trust \(code)") }
        try db.transaction { c in
            let id: Int64 = try c.scalar("""
                INSERT INTO share_set (network_id, version, method, valued_as_of, contributions_file, contributions_sha256, report,
                                       status, approved_by, approved_at)
                SELECT id, 1, 'contribution', '2025-04-01', 'c.yaml', repeat('0', 64), '{}', 'approved', 'Board', now() FROM network
                RETURNING id
                """)
            try c.execute("""
                INSERT INTO share_set_trust (share_set_id, trust_id, share, percent)
                SELECT \(id), id, CASE ods_code WHEN 'RAA' THEN 0.5 WHEN 'RBB' THEN 0.3 ELSE 0.2 END,
                       CASE ods_code WHEN 'RAA' THEN 50 WHEN 'RBB' THEN 30 ELSE 20 END FROM trust
                """)
        }
        _ = try ok("calls", "threshold", "1m")

        let refused = try cli.run("trust", "exit", "RCC", "--notice-date", "2026-04-01", "--notice-months", "3", "--board-decision", "IMB-9")
        #expect(refused.status == 1 && refused.stderr.contains("3 months' notice is shorter than the agreement's minimum of 12 months")
                && refused.stderr.contains("--early"), "\(refused.stderr)")
        let noDecision = try cli.run("trust", "exit", "RCC", "--notice-date", "2026-04-01", "--notice-months", "3", "--early")
        #expect(noDecision.status == 1 && noDecision.stderr.contains("before the initial contract period ends (7 years from formation, 2032-04-01"),
                "\(noDecision.stderr)")
        let exit = try ok("trust", "exit", "RCC", "--notice-date", "2026-04-01", "--notice-months", "3", "--early", "--board-decision", "IMB-9")
        #expect(exit.contains("it leaves on 2026-07-01 but is charged its share") && exit.contains("dated before 2027-04-01"), "\(exit)")

        for (amount, d, kind) in [("1000", "2026-05-01", "investment"), ("10000.01", "2026-09-01", "investment"),
                                  ("3000", "2026-12-01", "redundancy"), ("1000", "2027-04-01", "investment")] {
            var args = ["calls", "add", "--amount", amount, "--purpose", "Call \(d)", "--date", d, "--business-case", "BC-\(d)", "--kind", kind]
            if kind == "redundancy" { args += ["--redeployment-exhausted-by", "HR lead", "--redeployment-exhausted-on", "2026-11-01"] }
            #expect(try cli.run(args).status == 0)
        }
        for ref in ["CC-2026-001", "CC-2026-002", "CC-2026-003", "CC-2027-001"] { _ = try ok("calls", "approve", ref, "--by", "Board") }

        let rcc = try ok("calls", "statement", "--trust", "RCC")
        #expect(rcc.contains("CC-2026-002  capital_call (early exit)"), "\(rcc)")
        #expect(rcc.contains("CC-2026-003  redundancy (early exit)"), "\(rcc)")
        #expect(rcc.contains("of which early exit") && rcc.contains("£2,600.00"), "\(rcc)")
        #expect(rcc.contains("£2,800.00"), "RCC's total: £200.00 + £2,000.00 + £600.00\n\(rcc)")
        #expect(rcc.contains("RCC left early on 2026-07-01 (3 months' notice): charged £2,600.00"), "\(rcc)")

        let json = try #require(try JSONSerialization.jsonObject(with: Data(try ok("calls", "statement", "--format", "json").utf8)) as? [String: Any])
        let charges = try #require(json["early_exit_charges"] as? [[String: String]])
        #expect(charges.map { $0["reference"]! } == ["CC-2026-002", "CC-2026-003"])
        #expect(charges.map { $0["amount"]! } == ["2000.00", "600.00"])
        #expect(json["trust_totals"] as? [String: String] == ["RAA": "7625.01", "RBB": "4575.00", "RCC": "2800.00"]) // 500 + 5,000.01 + 1,500 + 625; 300 + 3,000 + 900 + 375
        #expect(json["total"] as? String == "15000.01")
        let network = try ok("calls", "statement")
        #expect(network.contains("CC-2027-001 (2027-04-01) excludes RCC"), "\(network)")
    }
}
