import CapitalCore
import CapitalStore
import Foundation
import Postgres
import Testing
import TestSupport

/// Issue 16 on a real PostgreSQL: roles, row-level security, approvals bound to a login, the audit trail. Two trust
/// users and a board user log in with their own roles; the test database's app role is the network admin.
@Suite struct SecurityTests {
    struct World {
        let admin: Connection
        let superuser: Connection
        let network: Network
        let name: String
        let trusts: [String: Int64]
        /// A login role name unique in the cluster (roles are cluster-wide; each test has its own database).
        func role(_ base: String) -> String { base + "_" + name.suffix(8) }
        func login(_ base: String) throws -> Connection {
            let c = try Connection(try TestDatabase.conninfo(database: name, user: role(base)))
            try Database.identify(c)
            return c
        }
    }

    /// A network of R1A and R2B, each with a batch and three assets, and users: alice (R1A equipment), bob (R2B
    /// equipment), fay (R1A finance), bea (board).
    func setUp() throws -> World {
        let (admin, name) = try TestDatabase.fresh()
        let store = NetworkStore(admin)
        let network = try store.createNetwork(name: "Security", formedOn: CalendarDate(iso: "2025-04-01")!)
        var trusts: [String: Int64] = [:]
        for code in ["R1A", "R2B"] {
            trusts[code] = try store.addTrust(network: network, odsCode: code, name: "Trust \(code)", kind: .nhsTrust).id
            let batch: Int64 = try admin.scalar("""
                INSERT INTO import_batch (trust_id, file_name, sha256, profile) VALUES (\(trusts[code]!), 'r.csv', repeat('a', 64), 'test')
                RETURNING id
                """)
            for i in 1...3 {
                try admin.execute("""
                    INSERT INTO asset (trust_id, asset_tag, modality, expected_life_years, batch_id, first_batch_id)
                    VALUES (\(trusts[code]!), \("\(code)-\(i)"), 'CT', 10, \(batch), \(batch))
                    """)
            }
        }
        let superuser = try Connection(try TestDatabase.superuserConninfo(database: name))
        let world = World(admin: admin, superuser: superuser, network: network, name: name, trusts: trusts)
        let users = UserStore(superuser)
        try users.add(name: world.role("alice"), role: .trust(code: "R1A", role: .equipment), network: network, password: nil)
        try users.add(name: world.role("bob"), role: .trust(code: "r2b", role: .equipment), network: network, password: "s3cret pass")
        try users.add(name: world.role("fay"), role: .trust(code: "R1A", role: .finance), network: network, password: nil)
        try users.add(name: world.role("bea"), role: .network(.board), network: nil, password: nil)
        return world
    }

    func refusal(_ body: () throws -> Void) -> PostgresError? {
        do { try body(); return nil } catch let e as PostgresError { return e } catch { return nil }
    }

    @Test func capitalWorksAsAnOrdinaryRoleAndTheSchemaBelongsToOneThatCannotLogIn() throws {
        let (c, _) = try TestDatabase.fresh()
        let me = try #require(try c.queryFirst("""
            SELECT rolname, rolsuper, rolbypassrls, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = current_user
            """))
        #expect(try me.decode("rolname", as: String.self) == "capital_app")
        #expect(try me.decode("rolsuper", as: Bool.self) == false)
        #expect(try me.decode("rolbypassrls", as: Bool.self) == false)
        #expect(try me.decode("rolcreaterole", as: Bool.self) == false)
        #expect(try me.decode("rolcreatedb", as: Bool.self) == false)
        #expect(try c.scalar("SELECT rolcanlogin FROM pg_roles WHERE rolname = 'capital_owner'", as: Bool.self) == false)
        let foreign: [String] = try c.query("""
            SELECT c.relname FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'S')
              AND pg_get_userbyid(c.relowner) <> 'capital_owner' ORDER BY 1
            """).map { try $0.decode("relname") }
        #expect(foreign == [], "not owned by capital_owner: \(foreign)")
        let message = refusal { try c.executeScript("ALTER TABLE asset DISABLE ROW LEVEL SECURITY") }?.message ?? ""
        #expect(message.contains("must be owner"))
    }

    /// Every table joins the audit trail, and every table of a trust's or network's rows has forced row-level
    /// security with policies: enumerated from the catalog, so a table a later migration adds must join too.
    @Test func everyTableIsAuditedAndEveryTrustOrNetworkTableHasForcedRowSecurity() throws {
        let (c, _) = try TestDatabase.fresh()
        let tables = try c.query("""
            SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity,
                   (SELECT count(*) FROM pg_trigger g WHERE g.tgrelid = c.oid
                      AND g.tgname IN ('audit_insert', 'audit_update', 'audit_delete', 'audit_truncate')) AS audit_triggers,
                   (SELECT count(*) FROM pg_policy p WHERE p.polrelid = c.oid) AS policies,
                   EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname IN ('trust_id', 'network_id')
                             AND NOT a.attisdropped) AS holds_rows
            FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') ORDER BY 1
            """)
        #expect(tables.count >= 18)
        // Views read with their reader's rights (the owner is exempt from row-level security); no materialized views,
        // which row-level security cannot protect.
        let views: [String] = try c.query("""
            SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind IN ('v', 'm')
              AND (relkind = 'm' OR NOT coalesce('security_invoker=true' = ANY (reloptions), false))
            """).map { try $0.decode("relname") }
        #expect(views == [], "views reading as their owner: \(views)")
        #expect(try c.scalar("SELECT count(*) FROM pg_views WHERE schemaname = 'public' AND viewname LIKE 'report\\_%'", as: Int64.self) == 4)
        for t in tables {
            let name: String = try t.decode("relname")
            if name == "audit_log" {
                #expect(try t.decode("audit_triggers", as: Int64.self) == 0)
            } else {
                #expect(try t.decode("audit_triggers", as: Int64.self) == 4, "\(name) lacks its audit triggers")
            }
            if try t.decode("holds_rows", as: Bool.self) || name == "network" {
                #expect(try t.decode("relrowsecurity", as: Bool.self), "\(name) has no row-level security")
                #expect(try t.decode("relforcerowsecurity", as: Bool.self), "\(name)'s row-level security is not forced")
                #expect(try t.decode("policies", as: Int64.self) >= 1, "\(name) has no policy")
            }
        }
    }

    @Test func aTrustUserSeesAndChangesOnlyItsOwnTrustsRows() throws {
        let w = try setUp()
        let alice = try w.login("alice")
        let codes: [String] = try alice.query("SELECT DISTINCT t.ods_code FROM asset a JOIN trust t ON t.id = a.trust_id")
            .map { try $0.decode("ods_code") }
        #expect(codes == ["R1A"])
        #expect(try alice.scalar("SELECT count(*) FROM asset", as: Int64.self) == 3)
        #expect(try alice.scalar("SELECT count(*) FROM import_batch", as: Int64.self) == 1)
        // Network results and the member list stay readable.
        #expect(try alice.scalar("SELECT count(*) FROM trust", as: Int64.self) == 2)
        // Another trust's rows cannot be changed: they are not there for it...
        #expect(try alice.execute("UPDATE asset SET model = 'X' WHERE trust_id = \(w.trusts["R2B"]!)") == 0)
        #expect(try alice.execute("DELETE FROM asset WHERE trust_id = \(w.trusts["R2B"]!)") == 0)
        #expect(try w.admin.scalar("SELECT count(*) FROM asset WHERE trust_id = \(w.trusts["R2B"]!) AND model IS NULL", as: Int64.self) == 3)
        // ...and writing one (an import for the other trust starts with its batch) is refused, naming user, role, trust.
        let refused = try #require(refusal {
            try alice.execute("""
                INSERT INTO import_batch (trust_id, file_name, sha256, profile) VALUES (\(w.trusts["R2B"]!), 'x.csv', repeat('b', 64), 'test')
                """)
        })
        #expect(refused.sqlState == "42501")
        #expect(refused.message.contains(w.role("alice")) && refused.message.contains("equipment, trust R1A"), "\(refused.message)")
        #expect(refused.message.contains("row-level security"))
        let moved = refusal { try alice.execute("UPDATE asset SET trust_id = \(w.trusts["R2B"]!) WHERE trust_id = \(w.trusts["R1A"]!)") }
        #expect(moved?.sqlState == "42501")
        // Its own rows it may change.
        #expect(try alice.execute("UPDATE asset SET model = 'Revolution' WHERE asset_tag = 'R1A-1'") == 1)
        // The member list is the admins' to change.
        #expect(refusal { try alice.execute("UPDATE trust SET name = 'Mine' WHERE id = \(w.trusts["R1A"]!)") }?.sqlState == "42501")
        // Through the reporting views too (security_invoker: the reader's policies apply).
        #expect(try alice.scalar("SELECT string_agg(DISTINCT trust, ',') FROM report_register", as: String.self) == "R1A")
        let bob = try w.login("bob")
        #expect(try bob.scalar("SELECT string_agg(asset_tag, ',' ORDER BY asset_tag) FROM asset", as: String.self) == "R2B-1,R2B-2,R2B-3")
    }

    @Test func theBoardReadsEverythingAndChangesNothing() throws {
        let w = try setUp()
        let bea = try w.login("bea")
        #expect(try bea.scalar("SELECT count(*) FROM asset", as: Int64.self) == 6)
        #expect(try bea.scalar("SELECT count(*) FROM report_register", as: Int64.self) == 6)
        let refused = try #require(refusal { try bea.execute("UPDATE asset SET model = 'X'") })
        #expect(refused.sqlState == "42501" && refused.message.contains("network board"), "\(refused.message)")
        #expect(refusal { try bea.execute("DELETE FROM import_batch") }?.sqlState == "42501")
        #expect(refusal { try NetworkStore(bea).createNetwork(name: "Mine", formedOn: CalendarDate(iso: "2025-04-01")!) }?.sqlState == "42501")
    }

    @Test func onlyAnAdminApprovesAndTheApprovalRecordsWhoLoggedIn() throws {
        let w = try setUp()
        // An approved share set in force, then a draft call on it.
        try w.admin.transaction { c in
            let id: Int64 = try c.scalar("""
                INSERT INTO share_set (network_id, version, method, valued_as_of, contributions_file, contributions_sha256, report,
                                       status, approved_by, approved_at)
                VALUES (\(w.network.id), 1, 'contribution', '2025-04-01', 'c.yaml', repeat('0', 64), '{}', 'approved', 'Board', now())
                RETURNING id
                """)
            for (code, share) in [("R1A", "60.00"), ("R2B", "40.00")] {
                try c.execute("""
                    INSERT INTO share_set_trust (share_set_id, trust_id, share, percent)
                    VALUES (\(id), \(w.trusts[code]!), \(share)::numeric / 100, \(share)::numeric)
                    """)
            }
        }
        #expect(try w.admin.scalar("SELECT approved_as FROM share_set", as: String.self) == "capital_app")
        let call = try CallStore(w.admin).add(network: w.network, amount: Pence(pounds: "1000")!, purpose: "Kit",
                                               date: CalendarDate(iso: "2026-05-01")!, businessCase: "BC-1")
        let fay = try w.login("fay")
        // The finance user reads the call (a network result) but may not approve it.
        #expect(try CallStore(fay).call(call.reference, network: w.network).reference == call.reference)
        let refused = try #require(refusal { try CallStore(fay).approve(call.reference, by: "Network board", ownerApproval: "OA-1", network: w.network) })
        #expect(refused.sqlState == "42501")
        #expect(refused.message.contains(w.role("fay")) && refused.message.contains("finance, trust R1A"), "\(refused.message)")
        #expect(try w.admin.scalar("SELECT status FROM capital_call", as: String.self) == "draft")
        // The admin may; the capacity text and the login are both kept.
        let approved = try CallStore(w.admin).approve(call.reference, by: "Network board", ownerApproval: "OA-1", network: w.network)
        #expect(approved.approvedBy == "Network board")
        #expect(try w.admin.scalar("SELECT approved_as FROM capital_call", as: String.self) == "capital_app")
        // A client cannot write another name into approved_as.
        try w.admin.execute("UPDATE capital_call SET approved_as = 'someone else'")
        #expect(try w.admin.scalar("SELECT approved_as FROM capital_call", as: String.self) == "capital_app")
    }

    @Test func everyChangeLeavesAnAuditRowNamingItsLoginAndTheLogCannotChange() throws {
        let w = try setUp()
        let alice = try w.login("alice")
        #expect(try alice.execute("UPDATE asset SET model = 'Revolution', criticality = 5 WHERE asset_tag = 'R1A-2'") == 1)
        let row = try #require(try w.admin.queryFirst("""
            SELECT who, action, row_key::text AS key, old_values::text AS old, new_values::text AS new, trust_id
            FROM audit_log WHERE table_name = 'asset' AND action = 'UPDATE'
            """))
        #expect(try row.decode("who", as: String.self) == w.role("alice"))
        #expect(try row.decode("trust_id", as: Int64.self) == w.trusts["R1A"]!)
        let new: String = try row.decode("new")
        #expect(new.contains("\"model\": \"Revolution\"") && new.contains("\"criticality\": 5"), "\(new)")
        let old: String = try row.decode("old")
        #expect(old.contains("\"model\": null") && !old.contains("asset_tag"), "\(old)")
        // The setup's inserts were audited too, as the admin role.
        #expect(try w.admin.scalar("SELECT count(*) FROM audit_log WHERE table_name = 'asset' AND action = 'INSERT' AND who = 'capital_app'",
                                   as: Int64.self) == 6)
        // A trust user sees its own trust's audit rows only; the board sees all.
        #expect(try alice.scalar("SELECT count(*) FROM audit_log WHERE trust_id <> \(w.trusts["R1A"]!)", as: Int64.self) == 0)
        let entries = try AuditStore(try w.login("bea")).entries(table: "asset")
        #expect(entries.count == 7 && entries.last?.who == w.role("alice") && entries.last?.trust == "R1A")
        // Nobody changes the log: not the admin, not a trust user, not even the superuser.
        for c in [w.admin, alice] {
            #expect(refusal { try c.execute("UPDATE audit_log SET who = 'nobody'") }?.sqlState == "42501")
            #expect(refusal { try c.execute("DELETE FROM audit_log") }?.sqlState == "42501")
            #expect(refusal { try c.execute("INSERT INTO audit_log (table_name, action) VALUES ('asset', 'INSERT')") }?.sqlState == "42501")
        }
        #expect(refusal { try w.superuser.execute("DELETE FROM audit_log") }?.message.contains("append-only") == true)
        #expect(refusal { try w.superuser.executeScript("TRUNCATE audit_log") }?.message.contains("append-only") == true)
    }

    @Test func usersAreListedAndRemovedAndNamesChecked() throws {
        let w = try setUp()
        let listed = try UserStore(w.admin).list().filter { $0.name.hasSuffix(String(w.name.suffix(8))) }
        #expect(listed.map(\.name) == [w.role("alice"), w.role("bea"), w.role("bob"), w.role("fay")])
        #expect(listed.first { $0.name == w.role("bob") }?.trust == "R2B")
        // A trust user sees itself only.
        #expect(try UserStore(try w.login("bob")).list().map(\.name) == [w.role("bob")])
        #expect(try w.superuser.scalar("SELECT rolpassword LIKE 'SCRAM-SHA-256$%' FROM pg_authid WHERE rolname = \(w.role("bob"))", as: Bool.self))
        #expect(throws: UserError.self) { try UserStore(w.superuser).add(name: "Robert'); DROP", role: .network(.viewer), network: nil, password: nil) }
        #expect(throws: UserError.self) { try UserStore(w.superuser).add(name: "capital_x", role: .network(.viewer), network: nil, password: nil) }
        try UserStore(w.superuser).remove(name: w.role("bea"))
        #expect(try w.admin.scalar("SELECT count(*) FROM pg_roles WHERE rolname = \(w.role("bea"))", as: Int64.self) == 0)
        #expect(throws: UserError.self) { try UserStore(w.superuser).remove(name: w.role("bea")) }
    }

    @Test func aUsersURLNamesTheUserAndCarriesNoPassword() {
        #expect(Database.conninfo("postgresql://ana:s3cret@db.example:5432/capital?sslmode=require&password=x", user: "rhys")
                == "postgresql://rhys@db.example:5432/capital?sslmode=require")
        #expect(Database.conninfo("postgres://db.example/capital", user: "rhys") == "postgres://rhys@db.example/capital")
        #expect(Database.conninfo("host=db.example user=ana password='a b' dbname=capital", user: "rhys")
                == "host=db.example dbname=capital user='rhys'")
        #expect(Database.conninfo("", user: "rhys") == "user='rhys'")
    }

    /// An existing database (the schema before issue 16, with a network's rows) is upgraded in place: its rows
    /// survive, now owned and protected, and visible to capital's role.
    @Test func anExistingDatabaseIsUpgradedInPlace() throws {
        let (old, name) = try TestDatabase.empty()
        let before = FileManager.default.temporaryDirectory.appendingPathComponent("pre16-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: before, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: before) }
        for file in try FileManager.default.contentsOfDirectory(atPath: TestDatabase.migrationsDirectory.path)
        where file.hasSuffix(".sql") && Int(file.prefix(4))! < 45 {
            try FileManager.default.copyItem(at: TestDatabase.migrationsDirectory.appendingPathComponent(file),
                                             to: before.appendingPathComponent(file))
        }
        try Migrator(directory: before).migrate(old)
        #expect(try old.scalar("SELECT to_regclass('audit_log') IS NULL", as: Bool.self))
        try old.executeScript("""
            INSERT INTO network (name, formed_on) VALUES ('Old', '2024-04-01');
            INSERT INTO trust (network_id, ods_code, name, kind) SELECT id, 'ROL', 'Old Trust', 'nhs_trust' FROM network;
            INSERT INTO asset (trust_id, asset_tag, modality, expected_life_years) SELECT id, 'OLD-1', 'MRI', 10 FROM trust;
            """)
        let report = try Migrator(directory: TestDatabase.migrationsDirectory).migrate(old)
        #expect(report.applied.first?.name == "0045_roles.sql")
        let app = try Connection(try TestDatabase.conninfo(database: name))
        #expect(try app.scalar("SELECT string_agg(asset_tag, ',') FROM asset", as: String.self) == "OLD-1")
        #expect(try app.scalar("SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = 'asset'::regclass", as: String.self) == "capital_owner")
        #expect(try app.execute("UPDATE asset SET model = 'Achieva' WHERE asset_tag = 'OLD-1'") == 1)
        #expect(try app.scalar("SELECT count(*) FROM audit_log WHERE table_name = 'asset' AND who = 'capital_app'", as: Int64.self) == 1)
    }

    /// A call above the threshold is approved by each owner trust, each by a finance user of that trust; then the
    /// admin approves it without typing a reference.
    @Test func ownerTrustsApproveACallEachByTheirOwnFinanceUser() throws {
        let w = try setUp()
        try UserStore(w.superuser).add(name: w.role("gus"), role: .trust(code: "R2B", role: .finance), network: w.network, password: nil)
        try w.admin.transaction { c in
            let id: Int64 = try c.scalar("""
                INSERT INTO share_set (network_id, version, method, valued_as_of, contributions_file, contributions_sha256, report,
                                       status, approved_by, approved_at)
                VALUES (\(w.network.id), 1, 'contribution', '2025-04-01', 'c.yaml', repeat('0', 64), '{}', 'approved', 'Board', now())
                RETURNING id
                """)
            try c.execute("""
                INSERT INTO share_set_trust (share_set_id, trust_id, share, percent)
                SELECT \(id), id, 0.5, 50.00 FROM trust WHERE network_id = \(w.network.id)
                """)
        }
        let call = try CallStore(w.admin).add(network: w.network, amount: Pence(pounds: "2000000")!, purpose: "MRI",
                                               date: CalendarDate(iso: "2026-05-01")!, businessCase: "BC-9")
        #expect(call.needsOwnerApproval)
        let fay = try w.login("fay"), gus = try w.login("gus"), alice = try w.login("alice")
        // Not for another trust, not by an equipment user, not by the admin.
        let other = refusal { try CallStore(fay).recordOwnerApproval(call.reference, trust: "R2B", reference: "M-1", network: w.network) }
        #expect(other?.sqlState == "42501")
        #expect(refusal { try CallStore(alice).recordOwnerApproval(call.reference, trust: "R1A", reference: "M-1", network: w.network) }?
            .message.contains("only a finance user of that trust") == true)
        #expect(refusal { try CallStore(w.admin).recordOwnerApproval(call.reference, trust: "R1A", reference: "M-1", network: w.network) }?
            .sqlState == "42501")
        try CallStore(fay).recordOwnerApproval(call.reference, trust: "R1A", reference: "R1A board minute 12", network: w.network)
        #expect(throws: UserError.self) { try CallStore(fay).recordOwnerApproval(call.reference, trust: "R1A", reference: "again", network: w.network) }
        // One trust of two: the admin cannot approve yet, and is told who is missing.
        do {
            _ = try CallStore(w.admin).approve(call.reference, by: "Network board", network: w.network)
            Issue.record("approved with one owner trust's approval of two")
        } catch let e as UserError {
            #expect(e.message.contains("R2B has not recorded"), "\(e.message)")
        }
        try CallStore(gus).recordOwnerApproval(call.reference, trust: "R2B", reference: "R2B minute 7", network: w.network)
        let approved = try CallStore(w.admin).approve(call.reference, by: "Network board", network: w.network)
        #expect(approved.ownerApprovalRef == "R1A: R1A board minute 12 (\(w.role("fay"))); R2B: R2B minute 7 (\(w.role("gus")))")
        // Recorded approvals never change.
        #expect(refusal { try w.admin.execute("UPDATE capital_call_owner_approval SET reference = 'x'") }?.sqlState == "42501")
    }
}
