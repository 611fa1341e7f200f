import CapitalCore
import CapitalStore
import Foundation
import Postgres
import Testing
import TestSupport
import Valuation

@Suite struct ShareSetStoreTests {
    static let yaml = """
        formed: 2025-04-01
        discount_rate: 0.035
        price_list: {CT: 85.00, MRI: 140.00}
        trusts:
          RAA:
            activity: {CT: 1000, MRI: 500}
            staff: 300000.00
            costs: {pay: 900000.00, non_pay: 100000.00, operating: 1000000.00}
          RBB:
            activity: {CT: 2000}
            staff: 100000.00
            costs: {pay: 300000.00, non_pay: 200000.00, operating: 500000.00}
          RCC:
            staff: 100000.00
            costs: {pay: 300000.00, non_pay: 200000.00, operating: 500000.00}
        """

    func setUp() throws -> (Connection, Network) {
        let (db, _) = try TestDatabase.fresh()
        let store = NetworkStore(db)
        let network = try store.createNetwork(name: "Test", formedOn: CalendarDate(iso: "2025-04-01")!)
        for code in ["RAA", "RBB", "RCC"] { try store.addTrust(network: network, odsCode: code, name: "Trust \(code)", kind: .nhsTrust) }
        return (db, network)
    }

    @Test func equipmentIsValuedFromTheRegisterInTheDatabase() throws {
        let (db, network) = try setUp()
        let raa = try NetworkStore(db).trust(network: network, code: "RAA")
        try db.execute("""
            INSERT INTO asset (trust_id, asset_tag, modality, purchase_cost, install_date, expected_life_years, exclusive_to_network)
            VALUES (\(raa.id), 'CT-1', 'CT', 700000.00, '2019-04-01', 10, true),
                   (\(raa.id), 'MR-1', 'MRI', 1000000.00, '2021-01-01', 10, false)
            """)
        try db.execute("UPDATE asset SET net_book_value = 450000.00 WHERE asset_tag = 'MR-1'")
        let holdings = try ShareSetStore(db).equipmentHoldings(network: network)
        #expect(holdings.map(\.assetTag) == ["CT-1", "MR-1"])
        #expect(holdings[1].netBookValue == .pounds(450_000))
        let contributions = try ContributionsFile.parse(yaml: Self.yaml, fileName: "c.yaml")
        let report = try SharesReport.compute(contributions: contributions, equipment: holdings, exclusiveOnly: true)
        // Only the exclusive CT counts: £700,000 over 10 years, 2,192 days in service at formation.
        let raaValue = try #require(report.valuations.first { $0.trust == "RAA" })
        #expect(raaValue[.imagingEquipment] == Pence(27_990_418))
        // By default the whole inventory counts (the guidance's first estimate): + the MRI's £450,000 book value.
        let whole = try SharesReport.compute(contributions: contributions, equipment: holdings)
        #expect(whole.valuations.first { $0.trust == "RAA" }?[.imagingEquipment] == Pence(72_990_418))
    }

    @Test func versionsApprovalAndHistory() throws {
        let (db, network) = try setUp()
        let store = ShareSetStore(db)
        let contributions = try ContributionsFile.parse(yaml: Self.yaml, fileName: "c.yaml")
        let report = try SharesReport.compute(contributions: contributions)
        let v1 = try store.save(report, method: .contribution, network: network, contributionsFile: "c.yaml", contributionsText: Self.yaml)
        let v2 = try store.save(report, method: .operating, network: network, contributionsFile: "c.yaml", contributionsText: Self.yaml)
        #expect((v1.version, v2.version) == (1, 2))
        #expect(v1.status == .draft)
        #expect(v2.entries.map(\.percent) == ["50.00", "25.00", "25.00"])
        #expect(v1.entries.reduce(Decimal(0)) { $0 + Decimal(string: $1.percent)! } == 100)
        #expect(try store.inForce(network: network) == nil)

        let approved1 = try store.approve(id: v1.id, by: "Network board", network: network)
        #expect(approved1.status == .approved)
        #expect(approved1.approvedBy == "Network board")
        #expect(try store.inForce(network: network)?.id == v1.id)

        try store.approve(id: v2.id, by: "Network board", network: network)
        #expect(try store.inForce(network: network)?.id == v2.id)
        let history = try store.list(network: network)
        #expect(history.map(\.status) == [.superseded, .approved])
        // Only a draft can be approved; history stays as it is.
        #expect(throws: UserError.self) { try store.approve(id: v1.id, by: "Someone", network: network) }
        #expect(throws: UserError.self) { try store.approve(id: 999_999, by: "Someone", network: network) }
        #expect(try store.list(network: network).map(\.status) == [.superseded, .approved])
        let sha: String = try db.scalar("SELECT contributions_sha256 FROM share_set WHERE id = \(v1.id)")
        #expect(sha.count == 64)
    }

    @Test func theDatabaseAllowsOneApprovedSetAndPercentsThatSumToAHundred() throws {
        let (db, network) = try setUp()
        let store = ShareSetStore(db)
        let report = try SharesReport.compute(contributions: try ContributionsFile.parse(yaml: Self.yaml, fileName: "c.yaml"))
        let a = try store.save(report, method: .pay, network: network, contributionsFile: "c.yaml", contributionsText: Self.yaml)
        let b = try store.save(report, method: .pay, network: network, contributionsFile: "c.yaml", contributionsText: Self.yaml)
        try store.approve(id: a.id, by: "Board", network: network)
        // Bypassing the store: the unique index still refuses a second approved set.
        #expect(throws: PostgresError.self) {
            try db.execute("UPDATE share_set SET status = 'approved', approved_by = 'x', approved_at = now() WHERE id = \(b.id)")
        }
        // A set whose percents do not sum to 100.00 cannot be committed.
        let raa = try NetworkStore(db).trust(network: network, code: "RAA")
        #expect(throws: PostgresError.self) {
            try db.transaction { c in
                let id: Int64 = try c.scalar("""
                    INSERT INTO share_set (network_id, version, method, valued_as_of, contributions_file, contributions_sha256, report)
                    VALUES (\(network.id), 99, 'pay', '2025-04-01', 'x', repeat('a', 64), '{}') RETURNING id
                    """)
                try c.execute("INSERT INTO share_set_trust (share_set_id, trust_id, share, percent) VALUES (\(id), \(raa.id), 0.5, 50.00)")
            }
        }
    }

    @Test func membersMustBeKnownTrusts() throws {
        let (db, network) = try setUp()
        let yaml = Self.yaml.replacingOccurrences(of: "RCC:", with: "RZZ:")
        let report = try SharesReport.compute(contributions: try ContributionsFile.parse(yaml: yaml, fileName: "c.yaml"))
        #expect(throws: StoreRequirement.member(trust: "RZZ", network: network.name)) {
            try ShareSetStore(db).save(report, method: .pay, network: network, contributionsFile: "c.yaml", contributionsText: yaml)
        }
        #expect(try ShareSetStore(db).list(network: network).isEmpty)
    }

    /// A set that leaves out a member trust is refused unless asked for (issue 19: a file covering 3 of 6 trusts was
    /// saved without a word, and calls would then charge the others nothing).
    @Test func aSetLeavingOutAMemberIsRefusedUnlessPartial() throws {
        let (db, network) = try setUp()
        try NetworkStore(db).addTrust(network: network, odsCode: "RDD", name: "Trust RDD", kind: .nhsTrust)
        let report = try SharesReport.compute(contributions: try ContributionsFile.parse(yaml: Self.yaml, fileName: "c.yaml"))
        #expect(throws: StoreRequirement.allMembersShared(missing: ["RDD"], members: 4)) {
            try ShareSetStore(db).save(report, method: .pay, network: network, contributionsFile: "c.yaml", contributionsText: Self.yaml)
        }
        #expect(try ShareSetStore(db).list(network: network).isEmpty)
        let saved = try ShareSetStore(db).save(report, method: .pay, network: network, contributionsFile: "c.yaml",
                                               contributionsText: Self.yaml, allowPartial: true)
        #expect(saved.entries.map(\.trust) == ["RAA", "RBB", "RCC"])
    }
}
