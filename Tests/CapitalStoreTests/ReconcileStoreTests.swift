import CapitalCore
import CapitalStore
import Foundation
import Postgres
import Register
import Samples
import Testing
import TestSupport
import Valuation

/// Issue 18 on the two sample files of one trust: the CMMS export and the finance fixed-asset register.
@Suite struct ReconcileStoreTests {
    let cmms = ImportFixtures.samples.appendingPathComponent("cmms-export-example.csv")
    let far = ImportFixtures.samples.appendingPathComponent("finance-far-example.csv")

    func load(_ db: Connection, _ network: Network, _ file: URL, trust: String = "RNA", source: SourceKind? = nil,
              retire: Bool = false) throws -> ImportOutcome {
        var o = ImportFixtures.options(partial: true, retire: retire)
        o.source = source
        return try RegisterStore(db).importRegister(file: file, network: network, trustCode: trust, importers: ImportFixtures.library, options: o)
    }

    func count(_ db: Connection, _ sql: String) throws -> Int { try db.scalar(SQL(stringLiteral: sql), as: Int.self) }

    @Test func financeRowsAreFinanceRecordsNotAssets() throws {
        let (db, _) = try TestDatabase.fresh()
        let network = try ImportFixtures.network(db, trusts: ["RNA"])
        _ = try load(db, network, cmms)
        let assets = try count(db, "SELECT count(*) FROM asset")
        let o = try load(db, network, far)
        #expect(o.sourceKind == .finance)
        #expect(o.finance?.added == 8 && o.finance?.updated == 0 && o.finance?.missing == 0 && o.finance?.asAssets == false)
        #expect(try count(db, "SELECT count(*) FROM asset") == assets)
        #expect(try count(db, "SELECT count(*) FROM finance_record") == 8)
        #expect(try count(db, "SELECT count(*) FROM import_batch WHERE source_kind = 'finance'") == 1)
        #expect(try db.scalar("SELECT serial FROM finance_record WHERE asset_number = 'FA-210334'", as: String.self) == "60123")
        // The same file again changes nothing; --source cmms on the CMMS file is what the profile says anyway.
        #expect(try load(db, network, far).status == .unchanged)
        #expect(try load(db, network, cmms, source: .cmms).status == .unchanged)
        // --source overrides the profile: the CMMS export read as a finance register, for a trust with no CMMS import,
        // is kept as finance records and (no engineering list yet) as its assets.
        let n2 = try NetworkStore(db).addTrust(network: network, odsCode: "RNB", name: "Trust RNB", kind: .nhsTrust)
        let asFinance = try load(db, network, cmms, trust: n2.odsCode, source: .finance)
        #expect(asFinance.sourceKind == .finance && asFinance.finance?.added == 17 && asFinance.finance?.asAssets == true && asFinance.added == 17)
    }

    @Test func sampleFilesGiveOneAssetPerDeviceAndSitesAliasOnce() throws {
        let (db, _) = try TestDatabase.fresh()
        let network = try ImportFixtures.network(db, trusts: ["RNA"])
        _ = try load(db, network, cmms)
        _ = try load(db, network, far)
        let store = ReconcileStore(db)
        let first = try #require(try store.reconcile(network: network, trustCode: "RNA").first)
        let ct = try #require(first.lines.first { $0.assetNumber == "FA-210334" })
        #expect(ct.category == .matched && ct.assetTag == "EQ004512" && ct.rule == "serial")
        #expect(ct.costDifference == .zero && ct.cmmsCost == .pounds(845_000) && ct.financeCost == .pounds(845_000))
        #expect(ct.cmmsSite == "Royal Infirmary" && ct.financeSite == "RI01")
        #expect(first.count(.matched) == 8 && first.count(.financeOnly) == 0 && first.count(.cmmsOnly) == 9)
        #expect(first.aliasProposals.contains(.init(financeSite: "RI01", assetSite: "Royal Infirmary", pairs: 4)))
        #expect(try count(db, "SELECT count(*) FROM finance_record WHERE asset_id IS NOT NULL") == 8)

        let o = try SiteAliasStore(db).alias(network: network, trustCode: nil, code: "RI01", alias: "Royal Infirmary")
        #expect(o.merged == ["Royal Infirmary"] && o.site.name == "Royal Infirmary" && o.assetsMoved == 7)
        let second = try #require(try store.reconcile(network: network, trustCode: "RNA").first)
        let ct2 = try #require(second.lines.first { $0.assetNumber == "FA-210334" })
        #expect(ct2.cmmsSite == "RI01" && ct2.financeSite == "RI01")
        #expect(!second.aliasProposals.contains { $0.financeSite == "RI01" })
        // A later CMMS import naming "Royal Infirmary" lands on RI01: no site is created again.
        let edited = ImportFixtures.tempDir().appendingPathComponent("cmms.csv")
        try String(contentsOf: cmms, encoding: .windowsCP1252).replacingOccurrences(of: "Standby", with: "In Use")
            .write(to: edited, atomically: true, encoding: .windowsCP1252)
        let again = try load(db, network, edited)
        #expect(again.updated == 1 && again.sitesCreated.isEmpty)
        #expect(try count(db, "SELECT count(*) FROM site WHERE lower(name) = 'royal infirmary'") == 1)
    }

    @Test func decisionsSurviveReimportsOfEitherSource() throws {
        let (db, _) = try TestDatabase.fresh()
        let network = try ImportFixtures.network(db, trusts: ["RNA"])
        _ = try load(db, network, cmms)
        _ = try load(db, network, far)
        let store = ReconcileStore(db)
        try store.decide(network: network, trustCode: "RNA", assetTag: "EQ004512", assetNumber: "FA-210334", accept: false, note: "checked")
        try store.decide(network: network, trustCode: "RNA", assetTag: "EQ004601", assetNumber: "FA-231877", accept: true, note: nil)
        // Both lists re-imported with changes (a cost in finance, a status in the CMMS list).
        let dir = ImportFixtures.tempDir()
        let far2 = dir.appendingPathComponent("far.csv"), cmms2 = dir.appendingPathComponent("cmms.csv")
        try String(decoding: try Data(contentsOf: far), as: UTF8.self).replacingOccurrences(of: "845000.00,845000.00", with: "845100.00,845100.00")
            .write(to: far2, atomically: true, encoding: .utf8)
        try String(contentsOf: cmms, encoding: .windowsCP1252).replacingOccurrences(of: "Standby", with: "In Use")
            .write(to: cmms2, atomically: true, encoding: .windowsCP1252)
        #expect(try load(db, network, far2).finance?.updated == 1)
        #expect(try load(db, network, cmms2).updated == 1)
        let r = try #require(try store.reconcile(network: network, trustCode: "RNA").first)
        #expect(!r.lines.contains { $0.category == .matched && $0.assetTag == "EQ004512" && $0.assetNumber == "FA-210334" })
        let mri = try #require(r.lines.first { $0.assetNumber == "FA-231877" })
        #expect(mri.category == .matched && mri.assetTag == "EQ004601" && mri.rule == "decision")
        #expect(r.lines.contains { $0.category == .cmmsOnly && $0.assetTag == "EQ004602" })
        #expect(r.lines.contains { $0.category == .financeOnly && $0.assetNumber == "FA-210334" })
        #expect(throws: UserError.self) {
            try store.decide(network: network, trustCode: "RNA", assetTag: "EQ-NONE", assetNumber: "FA-210334", accept: true, note: nil)
        }
    }

    @Test func aTrustWithOnlyAFinanceRegisterGetsAssetsUntilItsFirstCMMSImport() throws {
        let (db, _) = try TestDatabase.fresh()
        let network = try ImportFixtures.network(db, trusts: ["RNA"])
        let o = try load(db, network, far)
        #expect(o.finance?.asAssets == true && o.added == 8)
        #expect(try count(db, "SELECT count(*) FROM asset WHERE retired_at IS NULL") == 8)
        #expect(try count(db, "SELECT count(*) FROM finance_record") == 8)
        let c = try load(db, network, cmms)
        #expect(c.retired == 8)
        #expect(try count(db, "SELECT count(*) FROM asset WHERE retired_at IS NULL AND asset_tag LIKE 'FA-%'") == 0)
        #expect(try count(db, "SELECT count(*) FROM asset WHERE retired_at IS NULL") == 17)
    }

    /// Hand-worked: FA-230011 (edited to £790,000 over 84 months) in service 2019-11-02, valued at 2025-04-01: 1,977 days,
    /// £790,000 × (7 × 365.25 − 1,977) / (7 × 365.25) = £790,000 × 57,975 / 255,675 = £179,134.64. EQ004601 (no finance
    /// record) keeps its CMMS cost, date and life: 2010-06-21 + 10 years is past, so £0.
    @Test func matchedAssetsAreValuedFromFinanceAndTheRestFromTheCMMS() throws {
        let (db, _) = try TestDatabase.fresh()
        let network = try ImportFixtures.network(db, trusts: ["RNA"])
        let far2 = ImportFixtures.tempDir().appendingPathComponent("far.csv")
        try String(decoding: try Data(contentsOf: far), as: UTF8.self)
            .replacingOccurrences(of: "780000.00,396500.00,383500.00,120", with: "790000.00,396500.00,393500.00,84")
            .write(to: far2, atomically: true, encoding: .utf8)
        _ = try load(db, network, cmms)
        _ = try load(db, network, far2)
        let before = try ShareSetStore(db).equipmentHoldings(network: network).first { $0.assetTag == "EQ004513" }
        #expect(before?.purchaseCost == .pounds(780_000))
        _ = try ReconcileStore(db).reconcile(network: network, trustCode: "RNA")
        let holdings = try ShareSetStore(db).equipmentHoldings(network: network)
        let ct = try #require(holdings.first { $0.assetTag == "EQ004513" })
        #expect(ct.purchaseCost == .pounds(790_000) && ct.expectedLifeYears == 7 && ct.netBookValue == nil)
        #expect(EquipmentValuer.value(ct, asOf: ImportFixtures.asOf).value == Pence(17_913_464))
        let mri = try #require(holdings.first { $0.assetTag == "EQ004601" })
        #expect(mri.purchaseCost == .pounds(1_150_000) && mri.installDate == CalendarDate(iso: "2010-06-21"))
        #expect(EquipmentValuer.value(mri, asOf: ImportFixtures.asOf).value == .zero)
        #expect(try db.scalar("SELECT cost_source FROM asset_register_value v JOIN asset a ON a.id = v.asset_id WHERE a.asset_tag = 'EQ004601'",
                              as: String.self) == "cmms")
        // The plan reads the same values.
        let plan = try PlanAssetQuery(db).assets(network: network).assets.first { $0.tag == "EQ004513" }
        #expect(plan?.purchaseCost == .pounds(790_000) && plan?.expectedLifeYears == 7)
    }

    /// `capital sample --finance` on a small network: the same seed writes the same finance register, and reconciling
    /// it against the CMMS export it drifted from finds the true pairs (the benchmark's check, at 400 assets).
    @Test func generatedFinanceRegistersReconcileAgainstTheirGroundTruth() throws {
        let dir = ImportFixtures.tempDir(), again = ImportFixtures.tempDir()
        let files = try SampleNetwork.generate(trusts: 2, assetsPerTrust: 400, seed: 5, into: dir, finance: true)
        try SampleNetwork.generate(trusts: 2, assetsPerTrust: 400, seed: 5, into: again, finance: true)
        let names = SampleNetwork.financeFiles(code: files[0].code)
        #expect(try Data(contentsOf: dir.appendingPathComponent(names.register)) == Data(contentsOf: again.appendingPathComponent(names.register)))
        let (db, _) = try TestDatabase.fresh()
        var options = ImportFixtures.options(partial: true)
        options.asOf = CalendarDate(year: 2025, month: 4, day: 1)!
        _ = try SampleNetworkLoader.load(directory: dir, connection: db, importers: ImportFixtures.library, options: options)
        let network = try NetworkStore(db).network(named: nil)
        var truth: [String: String] = [:], ghosts = 0
        for f in files {
            let n = SampleNetwork.financeFiles(code: f.code)
            _ = try RegisterStore(db).importRegister(file: dir.appendingPathComponent(n.register), network: network, trustCode: f.code,
                                                     importers: ImportFixtures.library, options: options)
            for line in try String(contentsOf: dir.appendingPathComponent(n.truth), encoding: .utf8).split(separator: "\n").dropFirst() {
                let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                if cells[1].isEmpty { ghosts += 1 } else { truth[f.code + "/" + cells[0]] = cells[1] }
            }
        }
        #expect(truth.count > 700 && truth.count < 780 && ghosts > 10)
        let lines = try ReconcileStore(db).reconcile(network: network, trustCode: nil).flatMap { t in t.lines.map { (t.trust, $0) } }
        let matched = lines.filter { $0.1.category == .matched }
        let correct = matched.filter { truth[$0.0 + "/" + $0.1.assetNumber!] == $0.1.assetTag }.count
        #expect(Double(correct) >= 0.97 * Double(truth.count), "recall \(correct) of \(truth.count)")
        #expect(Double(matched.count - correct) <= 0.01 * Double(matched.count), "\(matched.count - correct) wrong of \(matched.count)")
    }

    @Test func newTablesHaveRowLevelSecurityAndAudit() throws {
        let (db, _) = try TestDatabase.fresh()
        for table in ["finance_record", "reconcile_decision", "site_alias"] {
            #expect(try db.scalar(SQL(stringLiteral: "SELECT relrowsecurity AND relforcerowsecurity FROM pg_class WHERE relname = '\(table)'"),
                                  as: Bool.self), "\(table)")
            #expect(try count(db, "SELECT count(*) FROM pg_trigger WHERE tgrelid = '\(table)'::regclass AND tgname LIKE 'audit_%'") == 4)
        }
    }
}
