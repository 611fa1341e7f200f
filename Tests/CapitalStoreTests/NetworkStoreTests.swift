import CapitalCore
import CapitalStore
import Foundation
import Postgres
import Testing
import TestSupport

@Suite struct NetworkStoreTests {
    @Test func networksTrustsAndSites() throws {
        let (db, _) = try TestDatabase.fresh()
        let store = NetworkStore(db)
        let network = try store.createNetwork(name: "West Midlands", formedOn: CalendarDate(iso: "2025-04-01")!, structure: .hosted)
        try store.addTrust(network: network, odsCode: "rrk", name: "University Hospitals Birmingham", kind: .foundationTrust)
        try store.addTrust(network: network, odsCode: "RJE", name: "University Hospitals of North Midlands", kind: .nhsTrust)
        try store.addSite(network: network, trustCode: "RRK", code: "RRK02", name: "Queen Elizabeth Hospital")
        let trusts = try store.trusts(network: network)
        #expect(trusts.map(\.odsCode) == ["RJE", "RRK"])
        #expect(trusts.first { $0.odsCode == "RRK" }?.siteCount == 1)
        #expect(try store.sites(network: network).map(\.code) == ["RRK02"])
        #expect(try store.network(named: nil).name == "West Midlands")
        #expect(try store.networks().first?.trustCount == 2)
    }

    @Test func userMistakesGetMessagesThatNameTheThing() throws {
        let (db, _) = try TestDatabase.fresh()
        let store = NetworkStore(db)
        #expect(throws: StoreRequirement.network) { try store.network(named: nil) }
        let network = try store.createNetwork(name: "N", formedOn: CalendarDate(iso: "2025-04-01")!)
        #expect(throws: UserError("a network named \"N\" already exists")) {
            try store.createNetwork(name: "N", formedOn: CalendarDate(iso: "2025-04-01")!)
        }
        try store.addTrust(network: network, odsCode: "RAA", name: "A", kind: .nhsTrust)
        #expect(throws: UserError("trust RAA is already a member of N")) {
            try store.addTrust(network: network, odsCode: "raa", name: "A again", kind: .nhsTrust)
        }
        #expect(throws: UserError.self) { try store.addTrust(network: network, odsCode: "R-1", name: "bad", kind: .nhsTrust) }
        #expect(throws: StoreRequirement.member(trust: "ZZZ", network: "N")) {
            try store.addSite(network: network, trustCode: "ZZZ", code: "S1", name: "Nowhere")
        }
        try store.createNetwork(name: "Second", formedOn: CalendarDate(iso: "2026-01-01")!)
        #expect(throws: StoreRequirement.networkName(among: ["N", "Second"])) { try store.network(named: nil) }
        #expect(try store.network(named: "Second").name == "Second")
    }

    /// A fresh database with network N, trusts RAA and RBB, and one site each (A1, B1).
    static func twoTrusts() throws -> (db: Connection, store: NetworkStore, network: Network, a: Trust, b: Trust, siteA: Site, siteB: Site) {
        let (db, _) = try TestDatabase.fresh()
        let store = NetworkStore(db)
        let network = try store.createNetwork(name: "N", formedOn: CalendarDate(iso: "2025-04-01")!)
        let a = try store.addTrust(network: network, odsCode: "RAA", name: "A", kind: .nhsTrust)
        let b = try store.addTrust(network: network, odsCode: "RBB", name: "B", kind: .nhsTrust)
        let siteA = try store.addSite(network: network, trustCode: "RAA", code: "A1", name: "A site")
        let siteB = try store.addSite(network: network, trustCode: "RBB", code: "B1", name: "B site")
        return (db, store, network, a, b, siteA, siteB)
    }

    @Test func theDatabaseItselfEnforcesTheRules() throws {
        let (db, _, _, a, b, _, siteB) = try Self.twoTrusts()
        func insertAsset(trust: Int64, tag: String, cost: Decimal? = 1000, site: Int64? = nil, modality: String = "CT") throws {
            try db.execute("""
                INSERT INTO asset (trust_id, site_id, asset_tag, modality, purchase_cost, expected_life_years)
                VALUES (\(trust), \(site), \(tag), \(modality), \(cost), 10)
                """)
        }
        try insertAsset(trust: a.id, tag: "EQ1")
        // Asset tags are unique per trust, not across the network.
        try insertAsset(trust: b.id, tag: "EQ1")
        #expect(throws: PostgresError.self) { try insertAsset(trust: a.id, tag: "EQ1") }
        // Money cannot be negative; modality comes from the controlled vocabulary.
        #expect(throws: PostgresError.self) { try insertAsset(trust: a.id, tag: "EQ2", cost: -1) }
        #expect(throws: PostgresError.self) { try insertAsset(trust: a.id, tag: "EQ3", modality: "TOASTER") }
        // A trust's asset cannot sit at another trust's site.
        do {
            try insertAsset(trust: a.id, tag: "EQ4", site: siteB.id)
            Issue.record("an asset was placed at another trust's site")
        } catch let error as PostgresError {
            #expect(error.isForeignKeyViolation)
        }
        try insertAsset(trust: b.id, tag: "EQ4", site: siteB.id)
        #expect(try db.scalar("SELECT count(*) FROM asset", as: Int.self) == 3)
    }

    /// asset's pointers to its trust, its site and its import batches are checked per statement (migrations 0006 and
    /// 0007), with the same outcome as foreign keys: SQLSTATE 23503 both ways.
    @Test func assetPointersAreCheckedLikeForeignKeys() throws {
        let (db, store, network, a, b, siteA, siteB) = try Self.twoTrusts()
        let batchB: Int64 = try db.scalar("""
            INSERT INTO import_batch (trust_id, file_name, sha256, profile) VALUES (\(b.id), 'f.csv', \(String(repeating: "a", count: 64)), 'p')
            RETURNING id
            """)
        func refused(_ what: String, _ body: () throws -> Void) {
            do {
                try body()
                Issue.record("\(what) was accepted")
            } catch let error as PostgresError {
                #expect(error.isForeignKeyViolation, "\(what): \(error)")
            } catch { Issue.record("\(what): \(error)") }
        }
        func insert(trust: Int64, tag: String, site: Int64? = nil, batch: Int64? = nil) throws {
            try db.execute("""
                INSERT INTO asset (trust_id, site_id, asset_tag, modality, expected_life_years, batch_id)
                VALUES (\(trust), \(site), \(tag), 'CT', 10, \(batch))
                """)
        }
        refused("an asset of a trust that does not exist") { try insert(trust: 999_999, tag: "X1") }
        refused("an asset at another trust's site") { try insert(trust: a.id, tag: "X2", site: siteB.id) }
        refused("an asset pointing at another trust's batch") { try insert(trust: a.id, tag: "X3", batch: batchB) }
        // A multi-row statement with one bad row is refused whole.
        refused("a multi-row insert with one bad site") {
            try db.execute("""
                INSERT INTO asset (trust_id, site_id, asset_tag, modality, expected_life_years)
                VALUES (\(a.id), \(siteA.id), 'M1', 'CT', 10), (\(a.id), \(siteB.id), 'M2', 'CT', 10)
                """)
        }
        #expect(try db.scalar("SELECT count(*) FROM asset", as: Int.self) == 0)

        try insert(trust: a.id, tag: "A1", site: siteA.id)
        try insert(trust: b.id, tag: "B1", site: siteB.id, batch: batchB)
        refused("moving an asset to another trust's site") { try db.execute("UPDATE asset SET site_id = \(siteB.id) WHERE asset_tag = 'A1'") }
        refused("deleting a site an asset is at") { try db.execute("DELETE FROM site WHERE id = \(siteA.id)") }
        refused("re-keying a site an asset is at") { try db.execute("UPDATE site SET trust_id = \(b.id) WHERE id = \(siteA.id)") }
        refused("deleting a batch an asset points to") { try db.execute("DELETE FROM import_batch WHERE id = \(batchB)") }
        try db.execute("DELETE FROM asset WHERE asset_tag = 'A1'")
        try db.execute("DELETE FROM site WHERE id = \(siteA.id)")   // nothing points to it now
        refused("deleting the sites of a trust whose asset is at one") {
            try db.execute("DELETE FROM site WHERE trust_id = \(b.id)")
        }
        #expect(throws: PostgresError.self) { try db.execute("TRUNCATE site CASCADE") }
        #expect(try db.scalar("SELECT count(*) FROM asset", as: Int.self) == 1)
        try db.execute("DELETE FROM asset")
        // A trust with no assets left (and nothing else pointing to it) can go.
        let c = try store.addTrust(network: network, odsCode: "RCC", name: "C", kind: .nhsTrust)
        try insert(trust: c.id, tag: "C1")
        refused("deleting a trust with an asset") { try db.execute("DELETE FROM trust WHERE id = \(c.id)") }
        try db.execute("DELETE FROM asset WHERE trust_id = \(c.id)")
        try db.execute("DELETE FROM trust WHERE id = \(c.id)")
    }

    @Test func moneyAndDatesRoundTripThroughTheCoreTypes() throws {
        let (db, _) = try TestDatabase.fresh()
        let amount = Pence(pounds: "£1,620,000.01")!
        let date = CalendarDate(iso: "2021-01-05")!
        let row = try #require(try db.queryFirst("SELECT \(amount)::numeric(15,2) AS m, \(date)::date + 1 AS d"))
        #expect(try row.decode("m", as: Pence.self) == Pence(162_000_001))
        #expect(try row.decode("d", as: CalendarDate.self).iso == "2021-01-06")
    }

    @Test func databaseTargetFollowsTheDocumentedOrder() {
        let env = ["DATABASE_URL": "postgresql://u@h/db", "CAPITAL_DATA_DIR": "/tmp/x"]
        guard case .server(let a) = DatabaseTarget.resolve(option: "host=elsewhere", environment: env) else { Issue.record(); return }
        #expect(a == "host=elsewhere")
        guard case .server(let b) = DatabaseTarget.resolve(option: nil, environment: env) else { Issue.record(); return }
        #expect(b == "postgresql://u@h/db")
        guard case .embedded(let c) = DatabaseTarget.resolve(option: nil, environment: ["CAPITAL_DATA_DIR": "/tmp/x"]) else { Issue.record(); return }
        #expect(c.directory.path == "/tmp/x")
        #expect(Database.redact("postgresql://me:secret@host/db") == "postgresql://me:***@host/db")
        #expect(Database.redact("host=h password=secret dbname=d") == "host=h password=*** dbname=d")
    }
}
