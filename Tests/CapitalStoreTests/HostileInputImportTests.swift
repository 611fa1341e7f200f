import CapitalCore
import CapitalStore
import Foundation
import Postgres
import Register
import Testing
import TestSupport

/// Issue 14 through the database: bad bytes are row issues, so `--allow-partial` loads the rest both ways
/// (a trust's first import, COPYed straight into `asset`, and a later one, staged and merged).
@Suite struct HostileInputImportTests {
    @Test func aNulByteIsARowIssueAndAllowPartialLoadsTheOtherRows() throws {
        let dir = ImportFixtures.tempDir()
        let file = dir.appendingPathComponent("nul.csv")
        let text = ImportFixtures.equipHeader + "\n"
            + "EQ1,CT Scanner,Siemens,Force,S1,Main,CT,01/02/2015,700000,In Use\n"
            + "EQ2,CT\u{0}Scanner,Siemens,Force,S2,Main,CT,01/02/2015,700000,In Use\n"
            + "EQ\u{0}3,CT Scanner,Siemens,Force,S3,Main,CT,01/02/2015,700000,In Use\n"
            + "EQ4,MRI Scanner,Siemens,Aera,S4,Main,MRI,01/02/2016,900000,In Use\n"
        try text.write(to: file, atomically: true, encoding: .utf8)
        let (db, first, merged) = try ImportFixtures.importBothWays(file)
        for o in [first, merged] {
            #expect(o.status == .loaded)
            #expect(o.loaded == 2)
            #expect(o.rejectsStored == 2)
            let nul = o.issues.filter { $0.rule == .invalidText }
            #expect(nul.map(\.row) == [3, 4])
            #expect(nul.map(\.column) == ["Description", "Equipment No"])
            #expect(nul.allSatisfy { $0.file == "nul.csv" && $0.value.contains("\\0") })
        }
        #expect(try ImportFixtures.register(db, trust: "RAA").count == 2)
        #expect(try db.scalar("SELECT count(*) FROM asset_reject", as: Int.self) == 4)
    }

    @Test func aShortRowIsAColumnCountErrorAndNothingLoads() throws {
        let dir = ImportFixtures.tempDir()
        let file = dir.appendingPathComponent("short.csv")
        try (ImportFixtures.equipHeader + "\nEQ1,CT Scanner,Siemens,Force,S1,Main,CT,01/02/2015,700000,In Use\nEQ2,CT Scanner,Siemens\n")
            .write(to: file, atomically: true, encoding: .utf8)
        let (db, _) = try TestDatabase.fresh()
        let network = try ImportFixtures.network(db, trusts: ["RAA"])
        let o = try RegisterStore(db).importRegister(file: file, network: network, trustCode: "RAA", importers: ImportFixtures.library,
                                                     options: ImportFixtures.options())
        #expect(o.status != .loaded)
        #expect(o.issues.contains { $0.rule == .columnCount && $0.row == 3 })
        #expect(try db.scalar("SELECT count(*) FROM asset", as: Int.self) == 0)
    }
}
