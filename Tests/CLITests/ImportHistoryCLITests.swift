import Foundation
import Postgres
import Testing
import TestSupport

/// `capital import list | show | rejects | undo` (issue 15, item 7) through the CLI, on a real database: what a batch
/// records, its rejected and skipped rows, and undo putting a trust's register back exactly (after an insert-only
/// batch, an updating one and one that retired assets), refused when a later batch stands or an approved plan rests
/// on the batch, confined by row-level security to a trust user's own trust, and in the audit log.
@Suite struct ImportHistoryCLITests {
    static let header = "Location,Code,Serial Number,Equipment Type,Model,Status,Manufacturer\n"
    /// Two imaging rows, one not imaging (skipped), one without a modality the vocabulary knows… all at site Main.
    static let first = header + """
        Main,C1,SN-1,CT Scanner,Optima 660,In Use,GE
        Main,C2,SN-2,Infusion pump,GP,In Use,Alaris
        Main,C3,SN-3,MRI Scanner,Ingenia,In Use,Philips

        """
    /// C1's model changed, C3 gone (retired with --retire-missing), C4 new at a new site.
    static let second = header + """
        Main,C1,SN-1,CT Scanner,Optima 670,In Use,GE
        Annex,C4,SN-4,MRI Scanner,Vida,In Use,Siemens

        """

    struct World {
        let cli: CLI
        let superuser: Connection
        let name: String
        let dir: URL
        func file(_ name: String, _ text: String) throws -> String {
            let url = dir.appendingPathComponent(name)
            try Data(text.utf8).write(to: url)
            return url.path
        }
        /// Every column of every asset of `trust`, in id order: the register as undo must leave it.
        func register(_ trust: String) throws -> [String] {
            try superuser.query("""
                SELECT to_jsonb(a)::text AS row FROM asset a JOIN trust t ON t.id = a.trust_id WHERE t.ods_code = \(trust) ORDER BY a.id
                """).map { try $0.decode("row") }
        }
        func sites(_ trust: String) throws -> [String] {
            try superuser.query("SELECT s.code FROM site s JOIN trust t ON t.id = s.trust_id WHERE t.ods_code = \(trust) ORDER BY 1")
                .map { try $0.decode("code") }
        }
        /// A trust's equipment user, added by the superuser (who may create login roles).
        func addUser(_ name: String, trust: String) throws {
            var su = cli
            su.environment["DATABASE_URL"] = try TestDatabase.superuserConninfo(database: self.name)
            su.environment["CAPITAL_USER_PASSWORD"] = "history-test"
            let added = try su.run("user", "add", name, "--trust", trust, "--role", "equipment")
            try #require(added.status == 0, "\(added.stdout) \(added.stderr)")
        }
        func run(_ arguments: String...) throws -> CLI.Output {
            let r = try cli.run(arguments)
            return r
        }
    }

    func setUp() throws -> World {
        let (_, name) = try TestDatabase.fresh()
        var cli = CLI(dataDirectory: URL(fileURLWithPath: "/nonexistent-capital-data"))
        cli.environment["DATABASE_URL"] = try TestDatabase.conninfo(database: name)
        #expect(try cli.run("network", "create", "History", "--formed", "2025-04-01").status == 0)
        #expect(try cli.run("trust", "add", "RAA", "--name", "Trust A").status == 0)
        #expect(try cli.run("trust", "add", "RBB", "--name", "Trust B").status == 0)
        let superuser = try Connection(try TestDatabase.superuserConninfo(database: name))
        return World(cli: cli, superuser: superuser, name: name, dir: try temporaryDataDirectory())
    }

    static let map = ["--map", "asset_tag=Code", "--map", "site=Location"]

    @Test func listShowAndRejectsSayWhatEachBatchDid() throws {
        let w = try setUp()
        defer { try? FileManager.default.removeItem(at: w.dir) }
        let v1 = try w.file("inventory.csv", Self.first)
        let loaded = try w.cli.run(["import", v1, "--trust", "RAA", "--header-row", "1", "--format", "json"] + Self.map)
        try #require(loaded.status == 0, "\(loaded.stderr)")
        let outcome = try #require(try JSONSerialization.jsonObject(with: Data(loaded.stdout.utf8)) as? [String: Any])
        let sha = try #require(outcome["sha256"] as? String)
        let batch = try #require(outcome["batch"] as? Int)

        let list = try w.cli.run("import", "list", "--format", "json")
        #expect(list.status == 0, "\(list.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == 1)
        #expect(rows.first?["id"] as? Int == batch && rows.first?["trust"] as? String == "RAA" && rows.first?["file"] as? String == "inventory.csv")
        #expect(rows.first?["rows_read"] as? Int == 3 && rows.first?["added"] as? Int == 2 && rows.first?["skipped"] as? Int == 1)
        #expect(rows.first?["imported_by"] as? String == "capital_app")
        #expect(try w.run("import", "list", "--trust", "RBB", "--format", "csv").stdout.split(whereSeparator: \.isNewline).count == 1)
        #expect(try w.run("import", "list", "--trust", "RZZ").stderr.contains("no trust RZZ"))
        let table = try w.run("import", "list")
        #expect(table.stdout.contains("inventory.csv") && table.stdout.contains("when (UTC)") && table.stdout.contains("capital_app"), "\(table.stdout)")

        let show = try w.run("import", "show", String(batch))
        #expect(show.status == 0, "\(show.stderr)")
        for expected in ["batch \(batch): inventory.csv for RAA", "sha-256   \(sha)", "header    row 1 (--header-row)",
                         "--map     asset_tag=Code; site=Location", "asset_tag     <- \"Code\"", "site          <- \"Location\"",
                         "model         <- \"Model\"", "3 read, 2 loaded, 0 rejected, 1 skipped", "2 added, 0 updated"] {
            #expect(show.stdout.contains(expected), "missing \(expected) in \(show.stdout)")
        }
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try w.run("import", "show", String(batch), "--format", "json").stdout.utf8)) as? [String: Any])
        #expect(json["sha256"] as? String == sha && json["header_row_given"] as? Bool == true)
        #expect(json["map_options"] as? [String] == ["asset_tag=Code", "site=Location"])
        let mapping = try #require(json["mapping"] as? [[String: String]])
        #expect(mapping.contains(["field": "asset_tag", "header": "Code"]) && mapping.contains(["field": "serial", "header": "Serial Number"]))

        // The skipped row, with its reason, as --errors lists it; CSV and a workbook.
        let rejects = try w.run("import", "rejects", String(batch), "--format", "csv")
        #expect(rejects.status == 0, "\(rejects.stderr)")
        let lines = rejects.stdout.split(whereSeparator: \.isNewline)
        #expect(lines.first == "file,row,column,value,rule,message,severity", "\(rejects.stdout)")
        #expect(lines.count == 2 && lines[1].hasPrefix("inventory.csv,3,") && lines[1].hasSuffix(",skipped"), "\(rejects.stdout)")
        #expect(lines.count == 2 && lines[1].contains("Infusion pump"), "\(rejects.stdout)")
        let xlsx = w.dir.appendingPathComponent("rejects.xlsx")
        #expect(try w.run("import", "rejects", String(batch), "--format", "xlsx", "--out", xlsx.path).status == 0)
        #expect(try Data(contentsOf: xlsx).starts(with: [0x50, 0x4B, 0x03, 0x04]))
        #expect(try w.run("import", "rejects", String(batch), "--format", "xlsx").status != 0) // a workbook needs --out
        // Rejected rows (--allow-partial) are listed with their error.
        let bad = try w.file("bad.csv", Self.header + "Main,C9,SN-9,CT Scanner,Optima,In Use,GE\nMain,C9,SN-10,CT Scanner,X,In Use,GE\n")
        let partial = try w.cli.run(["import", bad, "--trust", "RBB", "--allow-partial", "--format", "json"] + Self.map)
        let partialBatch = try #require((try JSONSerialization.jsonObject(with: Data(partial.stdout.utf8)) as? [String: Any])?["batch"] as? Int, "\(partial.stdout) \(partial.stderr)")
        let errors = try w.run("import", "rejects", String(partialBatch), "--format", "json")
        let errorRows = try #require(try JSONSerialization.jsonObject(with: Data(errors.stdout.utf8)) as? [[String: Any]])
        #expect(errorRows.contains { $0["severity"] as? String == "error" && $0["row"] as? Int == 3 && $0["value"] as? String == "C9" }, "\(errors.stdout)")

        #expect(try w.run("import", "show", "999999").stderr.contains("no import batch 999999 that user capital_app (network admin) can see"))
    }

    @Test func undoPutsTheRegisterBackExactlyAndIsRefusedWhenItWouldBreakSomething() throws {
        let w = try setUp()
        defer { try? FileManager.default.removeItem(at: w.dir) }
        let v1 = try w.file("v1.csv", Self.first), v2 = try w.file("v2.csv", Self.second)
        let empty = try w.register("RAA")
        #expect(try w.cli.run(["import", v1, "--trust", "RAA"] + Self.map).status == 0)
        let afterFirst = try w.register("RAA"), sitesAfterFirst = try w.sites("RAA")
        #expect(afterFirst.count == 2 && sitesAfterFirst == ["Main"])
        let second = try w.cli.run(["import", v2, "--trust", "RAA", "--retire-missing"] + Self.map)
        #expect(second.status == 0 && second.stdout.contains("1 added") && second.stdout.contains("1 updated"), "\(second.stdout)")
        #expect(try w.register("RAA") != afterFirst && w.sites("RAA") == ["Annex", "Main"])
        let batches: [Int64] = try w.superuser.query("SELECT id FROM import_batch ORDER BY id").map { try $0.decode("id") }
        try #require(batches.count == 2)
        let (b1, b2) = (String(batches[0]), String(batches[1]))

        // A later batch stands: the first cannot be undone.
        let later = try w.run("import", "undo", b1)
        #expect(later.status == 1 && later.stderr.contains("batch \(b2) (v2.csv) was imported for RAA after it; undo that first"), "\(later.stderr)")
        #expect(try w.register("RAA").count == 3)

        // An approved plan rests on the second batch.
        let network: Int64 = try w.superuser.scalar("SELECT id FROM network")
        try w.superuser.execute("""
            INSERT INTO plan (network_id, version, name, status, approved_by, approved_at, policy_file, policy_text, policy_sha256,
                              register_batches, first_year, years, solver_status, seconds, cost_without, total_spend, document)
            VALUES (\(network), 1, 'Board plan', 'approved', 'board', now(), 'p.yaml', 'x', repeat('0', 64), ARRAY[\(batches[1])]::bigint[],
                    2026, 5, 'optimal', 1, 0, 0, '{}')
            """)
        let approved = try w.run("import", "undo", b2)
        #expect(approved.status == 1 && approved.stderr.contains("approved plan v1 \"Board plan\" rests on it"), "\(approved.stderr)")
        try w.superuser.execute("UPDATE plan SET register_batches = '{}'")

        // The updating and retiring batch: C1's old values back, C3 active again, C4 and the Annex site gone, exactly.
        let undone = try w.run("import", "undo", b2)
        #expect(undone.status == 0, "\(undone.stderr)")
        #expect(undone.stdout.contains("1 assets it added removed, 1 it updated restored, 1 it retired active again, 1 sites it created removed"),
                "\(undone.stdout)")
        #expect(try w.register("RAA") == afterFirst)
        #expect(try w.sites("RAA") == sitesAfterFirst)
        let again = try w.run("import", "undo", b2)
        #expect(again.status == 1 && again.stderr.contains("undone already"), "\(again.stderr)")
        let listed = try w.run("import", "list", "--format", "csv").stdout
        #expect(listed.split(whereSeparator: \.isNewline).dropFirst().first?.hasSuffix("Z") == true, "\(listed)") // undone_at set
        let listedTable = try w.run("import", "list").stdout
        #expect(listedTable.contains("batch \(b2) was undone on ") && listedTable.contains("UTC by capital_app"), "\(listedTable)")

        // In the audit log: the assets deleted and restored, the batch marked undone, by the login that did it.
        let audited: Int = try w.superuser.scalar("""
            SELECT count(*)::int FROM audit_log WHERE who = 'capital_app' AND
              ((table_name = 'asset' AND action IN ('DELETE', 'UPDATE') AND txid = (SELECT max(txid) FROM audit_log))
               OR (table_name = 'import_batch' AND action = 'UPDATE' AND new_values ? 'undone_at'))
            """)
        #expect(audited >= 4, "audit rows: \(audited)")

        // Now the first batch is the latest standing one: undoing it (insert only) leaves the trust with nothing.
        let first = try w.run("import", "undo", b1)
        #expect(first.status == 0 && first.stdout.contains("2 assets it added removed"), "\(first.stdout) \(first.stderr)")
        #expect(try w.register("RAA") == empty && w.sites("RAA").isEmpty)
        // …and the file imports again as a first import.
        let reimport = try w.cli.run(["import", v1, "--trust", "RAA"] + Self.map)
        #expect(reimport.status == 0 && reimport.stdout.contains("2 added"), "\(reimport.stdout)")
    }

    @Test func aSavedPlanListingItsAssetsOrABatchFromBeforeThePriorRowsWereKeptIsRefused() throws {
        let w = try setUp()
        defer { try? FileManager.default.removeItem(at: w.dir) }
        let v1 = try w.file("v1.csv", Self.first)
        #expect(try w.cli.run(["import", v1, "--trust", "RAA"] + Self.map).status == 0)
        let batch: Int64 = try w.superuser.scalar("SELECT max(id) FROM import_batch")
        let network: Int64 = try w.superuser.scalar("SELECT id FROM network")
        let plan: Int64 = try w.superuser.scalar("""
            INSERT INTO plan (network_id, version, name, policy_file, policy_text, policy_sha256, first_year, years, solver_status,
                              seconds, cost_without, total_spend, document)
            VALUES (\(network), 1, 'Draft', 'p.yaml', 'x', repeat('0', 64), 2026, 5, 'optimal', 1, 0, 0, '{}') RETURNING id
            """)
        try w.superuser.execute("""
            INSERT INTO plan_replacement (plan_id, asset_id, trust_id, year, cost)
            SELECT \(plan), id, trust_id, 2027, 1 FROM asset WHERE asset_tag = 'C1'
            """)
        let refused = try w.run("import", "undo", String(batch))
        #expect(refused.status == 1 && refused.stderr.contains("saved plan v1 \"Draft\" (draft) lists assets this batch added"), "\(refused.stderr)")
        #expect(try w.register("RAA").count == 2)

        // A batch imported before asset_prior existed (migration 0050) that updated assets cannot be restored.
        let v2 = try w.file("v2.csv", Self.second)
        #expect(try w.cli.run(["import", v2, "--trust", "RAA"] + Self.map).status == 0)
        let updating: Int64 = try w.superuser.scalar("SELECT max(id) FROM import_batch")
        try w.superuser.execute("UPDATE import_batch SET keeps_prior = false WHERE id = \(updating)")
        let before = try w.register("RAA")
        let old = try w.run("import", "undo", String(updating))
        #expect(old.status == 1 && old.stderr.contains("before capital kept their prior values"), "\(old.stderr)")
        #expect(try w.register("RAA") == before)
    }

    /// The two sources (issue 18): undoing a finance register removes its finance records (and the assets a
    /// finance-only trust got from it); undoing the first CMMS list brings back the finance-made assets it retired;
    /// a finance batch that rewrote earlier records is refused, as their prior values are not kept.
    @Test func undoCoversFinanceRecordsAndTheAssetsACMMSListRetired() throws {
        let w = try setUp()
        defer { try? FileManager.default.removeItem(at: w.dir) }
        let samples = TestDatabase.repositoryRoot.appendingPathComponent("Tests/Fixtures/samples")
        let far = samples.appendingPathComponent("finance-far-example.csv").path
        let cmms = samples.appendingPathComponent("cmms-export-example.csv").path
        func records() throws -> Int { try w.superuser.scalar("SELECT count(*)::int FROM finance_record") }
        func live() throws -> Int { try w.superuser.scalar("SELECT count(*)::int FROM asset WHERE retired_at IS NULL") }
        func batches() throws -> [String] {
            try w.superuser.query("SELECT id FROM import_batch WHERE undone_at IS NULL ORDER BY id").map { String(try $0.decode("id", as: Int64.self)) }
        }

        // A finance-only trust: its records are its assets; undo takes both away.
        #expect(try w.run("import", far, "--trust", "RAA").status == 0)
        #expect(try records() == 8 && live() == 8)
        let undoFinance = try w.run("import", "undo", try batches()[0])
        #expect(undoFinance.status == 0, "\(undoFinance.stderr)")
        #expect(try records() == 0 && live() == 0 && w.sites("RAA").isEmpty)

        // Finance first, then the CMMS list retires the finance-made assets; undoing the list brings them back.
        #expect(try w.run("import", far, "--trust", "RAA").status == 0)
        let financeOnly = try w.register("RAA")
        let list = try w.run("import", cmms, "--trust", "RAA", "--allow-partial")
        #expect(list.status == 0, "\(list.stderr)")
        #expect(try live() == 17 && records() == 8)
        let undoList = try w.run("import", "undo", try batches().last!)
        #expect(undoList.status == 0, "\(undoList.stderr)")
        #expect(try w.register("RAA") == financeOnly && records() == 8)

        // A second finance file that changes an earlier record cannot be undone: the record's old values are gone.
        let text = try String(contentsOfFile: far, encoding: .utf8).replacingOccurrences(of: "845000.00,845000.00", with: "845500.00,845500.00")
        let changed = try w.file("far-v2.csv", text)
        #expect(try w.run("import", changed, "--trust", "RAA").status == 0)
        let refused = try w.run("import", "undo", try batches().last!)
        #expect(refused.status == 1 && refused.stderr.contains("finance record(s) that earlier batches added"), "\(refused.stderr)")
        #expect(try records() == 8)
    }

    @Test func aTrustUserSeesAndUndoesOnlyTheirOwnTrustsBatches() throws {
        let w = try setUp()
        defer { try? FileManager.default.removeItem(at: w.dir) }
        let bob = "bob_" + w.name.suffix(8)
        try w.addUser(bob, trust: "RBB")
        var asBob = w.cli
        asBob.environment["DATABASE_URL"] = try TestDatabase.conninfo(database: w.name, user: bob)

        let v1 = try w.file("v1.csv", Self.first)
        #expect(try w.cli.run(["import", v1, "--trust", "RAA"] + Self.map).status == 0)
        let theirs: Int64 = try w.superuser.scalar("SELECT max(id) FROM import_batch")
        // Bob's own first import goes through the policies (a temporary table, then INSERT … SELECT) and stands.
        let own = try asBob.run(["import", v1, "--trust", "RBB"] + Self.map)
        #expect(own.status == 0 && own.stdout.contains("2 added"), "\(own.stdout) \(own.stderr)")
        let mine: Int64 = try w.superuser.scalar("SELECT max(id) FROM import_batch")

        let list = try asBob.run("import", "list", "--format", "csv").stdout.split(whereSeparator: \.isNewline)
        #expect(list.count == 2 && list[1].hasPrefix("\(mine),RBB,"), "\(list)")
        let refused = try asBob.run("import", "undo", String(theirs))
        #expect(refused.status == 1 && refused.stderr.contains("no import batch \(theirs) that user \(bob) (equipment, trust RBB) can see"),
                "\(refused.stderr)")
        #expect(try w.register("RAA").count == 2)
        let undone = try asBob.run("import", "undo", String(mine))
        #expect(undone.status == 0 && undone.stdout.contains("2 assets it added removed"), "\(undone.stdout) \(undone.stderr)")
        #expect(try w.register("RBB").isEmpty && w.register("RAA").count == 2)
        let who: String = try w.superuser.scalar("SELECT undone_by FROM import_batch WHERE id = \(mine)")
        #expect(who == bob)
    }

    /// capital_loader (sql/0051), which a network admin's first import COPYs as, can insert into asset and nothing else;
    /// a trust's user cannot take it.
    @Test func theLoaderRoleOnlyInsertsAssetsAndOnlyAdminsMayTakeIt() throws {
        let w = try setUp()
        defer { try? FileManager.default.removeItem(at: w.dir) }
        let app = try Connection(try TestDatabase.conninfo(database: w.name))
        try app.executeScript("SET ROLE capital_loader")
        #expect(throws: PostgresError.self) { _ = try app.query("SELECT count(*) FROM asset") }
        try app.executeScript("RESET ROLE")
        try app.executeScript("SET ROLE capital_loader")
        #expect(throws: PostgresError.self) { _ = try app.execute("INSERT INTO site (trust_id, code, name) SELECT id, 'X', 'X' FROM trust LIMIT 1") }
        try app.executeScript("RESET ROLE")
        let bob = "bob_" + w.name.suffix(8)
        try w.addUser(bob, trust: "RBB")
        let asBob = try Connection(try TestDatabase.conninfo(database: w.name, user: bob))
        #expect(throws: PostgresError.self) { try asBob.executeScript("SET ROLE capital_loader") }
    }
}
