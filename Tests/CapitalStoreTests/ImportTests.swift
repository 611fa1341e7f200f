import CapitalCore
import CapitalStore
import Foundation
import Spreadsheets
@testable import Samples
import Postgres
import Register
import Testing
import TestSupport

enum ImportFixtures {
    static let root = TestDatabase.repositoryRoot
    static let samples = root.appendingPathComponent("Tests/Fixtures/samples")
    static let library: ProfileLibrary = try! ProfileLibrary(directory: root.appendingPathComponent("importers"))
    static let asOf = CalendarDate(year: 2025, month: 4, day: 1)!

    static func tempDir(_ name: String = #function) -> URL {
        let u = FileManager.default.temporaryDirectory
            .appendingPathComponent("import-tests-\(name.filter { $0.isLetter })-\(UUID().uuidString.prefix(8))")
        try! FileManager.default.createDirectory(at: u, withIntermediateDirectories: true)
        return u
    }

    static func options(partial: Bool = false, retire: Bool = false, dryRun: Bool = false) -> ImportOptions {
        ImportOptions(dryRun: dryRun, allowPartial: partial, retireMissing: retire, asOf: asOf)
    }

    /// A network with the given trusts.
    static func network(_ db: Connection, trusts: [String]) throws -> Network {
        let store = NetworkStore(db)
        let n = try store.createNetwork(name: "Test Network", formedOn: asOf)
        for t in trusts { try store.addTrust(network: n, odsCode: t, name: "Trust \(t)", kind: .nhsTrust) }
        return n
    }

    static func counts(_ db: Connection) throws -> [String: Int] {
        var out: [String: Int] = [:]
        for table in ["asset", "import_batch", "asset_reject", "site"] {
            out[table] = try db.scalar("SELECT count(*) FROM \(identifier: table)", as: Int.self)
        }
        return out
    }

    /// Imports `file` (with --allow-partial) twice on a fresh database: as trust RAA's first import, and
    /// for RBB after a one-row file, so through staging and the merge (with --retire-missing, which
    /// retires that one row). Returns the database and both outcomes.
    static func importBothWays(_ file: URL) throws -> (Connection, first: ImportOutcome, merged: ImportOutcome) {
        let seed = file.deletingLastPathComponent().appendingPathComponent("seed-\(file.lastPathComponent).csv")
        try "\(equipHeader)\nZZ1,CT Scanner,Siemens,Force,ZS1,Main,CT,01/02/2015,700000,In Use\n".write(to: seed, atomically: true, encoding: .utf8)
        let (db, _) = try TestDatabase.fresh()
        let network = try ImportFixtures.network(db, trusts: ["RAA", "RBB"])
        let store = RegisterStore(db)
        let first = try store.importRegister(file: file, network: network, trustCode: "RAA", importers: library, options: options(partial: true))
        _ = try store.importRegister(file: seed, network: network, trustCode: "RBB", importers: library, options: options())
        let merged = try store.importRegister(file: file, network: network, trustCode: "RBB", importers: library,
                                              options: options(partial: true, retire: true))
        return (db, first, merged)
    }

    /// Every column an import writes, one line per active asset of the trust, by tag (the site by its
    /// lower-cased code, which spelling names a site may differ between imports).
    static func register(_ db: Connection, trust: String) throws -> [String] {
        try db.query("""
            SELECT concat_ws('|', a.asset_tag, lower(s.code), a.serial, a.manufacturer, a.manufacturer_given, a.model, a.modality,
                             a.description, a.department, a.install_date, a.purchase_cost, a.net_book_value, a.expected_life_years,
                             a.support_end, a.status, a.exclusive_to_network, a.criticality, a.failures_last_year,
                             a.downtime_hours_last_year, a.contract_supplier, a.contract_end, a.contract_annual_cost,
                             a.raw::text, a.source_row) AS line
            FROM asset a JOIN trust t ON t.id = a.trust_id LEFT JOIN site s ON s.id = a.site_id
            WHERE t.ods_code = \(trust) AND a.retired_at IS NULL ORDER BY a.asset_tag
            """).map { try $0.decode("line") }
    }

    static let equipHeader = "Equipment No,Description,Manufacturer,Model,Serial No,Site,Department,Acquisition Date,Purchase Price,Status"
}

@Suite struct ImportTests {
    let cmms = ImportFixtures.samples.appendingPathComponent("cmms-export-example.csv")
    let finance = ImportFixtures.samples.appendingPathComponent("finance-far-example.csv")

    @Test func aFileWithAnErrorLoadsNothingByDefault() throws {
        let (db, _) = try TestDatabase.fresh()
        let network = try ImportFixtures.network(db, trusts: ["RXA"])
        let before = try ImportFixtures.counts(db)
        let o = try RegisterStore(db).importRegister(file: cmms, network: network, trustCode: "RXA", importers: ImportFixtures.library,
                                                    options: ImportFixtures.options())
        #expect(o.status == .failed)
        #expect(o.mapping.profile == "cmms-equip" && o.mapping.chosenAutomatically)
        #expect(o.summary.rowsRead == 20 && o.summary.rejected == 1 && o.summary.errors == 2)
        #expect(o.issues.contains { $0.rule == .invalidDate && $0.row == 20 && $0.value == "30/02/2022" && $0.column == "Acquisition Date" })
        #expect(o.batchID == nil && o.loaded == 0)
        #expect(try ImportFixtures.counts(db) == before)
        #expect(!db.isInTransaction)
    }

    @Test func allowPartialLoadsTheRestAndKeepsTheRejects() throws {
        let (db, _) = try TestDatabase.fresh()
        let network = try ImportFixtures.network(db, trusts: ["RXA"])
        let store = RegisterStore(db)
        let o = try store.importRegister(file: cmms, network: network, trustCode: "RXA", importers: ImportFixtures.library,
                                         options: ImportFixtures.options(partial: true))
        #expect(o.status == .loaded)
        #expect(o.loaded == 17 && o.added == 17 && o.updated == 0 && o.unchanged == 0 && o.missing == 0)
        #expect(o.rejectsStored == 1)
        #expect(o.summary.skippedNonImaging == 1 && o.summary.skippedExactDuplicates == 1)
        #expect(o.sitesCreated.contains("Royal Infirmary"))
        let batch = try #require(o.batchID)
        let reject = try #require(try db.queryFirst("SELECT row_number, raw->>'Acquisition Date' AS d, issues FROM asset_reject WHERE batch_id = \(batch)"))
        #expect(try reject.decode("row_number", as: Int.self) == 20)
        #expect(try reject.decode("d", as: String.self) == "30/02/2022")
        #expect(try reject.decode("issues", as: String.self).contains("invalid_date"))
        // Identifiers survive as text; money is ex VAT pounds; aliases are normalised, the given spelling kept.
        let mri = try #require(try db.queryFirst("""
            SELECT serial, manufacturer, manufacturer_given, modality, purchase_cost::text AS cost, s.name AS site, a.batch_id, a.first_batch_id
            FROM asset a JOIN site s ON s.id = a.site_id WHERE asset_tag = 'EQ004602'
            """))
        #expect(try mri.decode("serial", as: String.self) == "2090E0076397")
        #expect(try mri.decode("manufacturer", as: String.self) == "Philips")
        #expect(try mri.decode("manufacturer_given", as: String.self) == "Phillips")
        #expect(try mri.decode("modality", as: String.self) == "MRI")
        #expect(try mri.decode("cost", as: String.self) == "1620000.00")
        #expect(try mri.decode("site", as: String.self) == "General Hospital")
        #expect(try mri.decode("batch_id", as: Int64.self) == batch)
        let row = try #require(try db.queryFirst("SELECT rows_read, rows_loaded, rows_rejected, rows_skipped, added, sha256, partial FROM import_batch WHERE id = \(batch)"))
        #expect(try row.decode("rows_read", as: Int.self) == 20 && row.decode("rows_loaded", as: Int.self) == 17)
        #expect(try row.decode("rows_rejected", as: Int.self) == 1 && row.decode("rows_skipped", as: Int.self) == 2)
        #expect(try row.decode("sha256", as: String.self) == SHA256.hex(fileAt: cmms))
        #expect(try row.decode("partial", as: Bool.self))
    }

    @Test func reimportingTheSameFileChangesNothing() throws {
        let (db, _) = try TestDatabase.fresh()
        let network = try ImportFixtures.network(db, trusts: ["RXA"])
        let store = RegisterStore(db)
        let first = try store.importRegister(file: finance, network: network, trustCode: "RXA", importers: ImportFixtures.library,
                                             options: ImportFixtures.options())
        #expect(first.status == .loaded && first.added > 0)
        let after = try ImportFixtures.counts(db)
        let stamp: String = try db.scalar("SELECT max(updated_at)::text FROM asset")
        let again = try store.importRegister(file: finance, network: network, trustCode: "RXA", importers: ImportFixtures.library,
                                             options: ImportFixtures.options())
        #expect(again.status == .unchanged)
        #expect(again.changes == 0 && again.unchanged == first.added && again.identicalToBatch == first.batchID)
        #expect(again.batchID == nil)
        #expect(try ImportFixtures.counts(db) == after)
        #expect(try db.scalar("SELECT max(updated_at)::text FROM asset", as: String.self) == stamp)
    }

    /// Issue 15: rows keyed by serial (no asset tag) get the same key on every import: re-importing says 0 changes.
    @Test func rowsKeyedBySerialReimportWithNoChanges() throws {
        let (db, _) = try TestDatabase.fresh()
        let network = try ImportFixtures.network(db, trusts: ["RXA"])
        let store = RegisterStore(db)
        let file = ImportFixtures.tempDir().appendingPathComponent("untagged.csv")
        try """
            \(ImportFixtures.equipHeader)
            ,CT Scanner,GE,Optima 660,S1,Main,CT,01/02/2015,700000,In Use
            ,CT Scanner,Siemens,Force,S2,Main,CT,2011,650000,In Use
            ,MRI Scanner,Philips,Ingenia,S2,Main,MRI,03/2012,900000,In Use
            """.write(to: file, atomically: true, encoding: .utf8)
        let first = try store.importRegister(file: file, network: network, trustCode: "RXA", importers: ImportFixtures.library,
                                             options: ImportFixtures.options())
        #expect(first.status == .loaded && first.added == 3, "\(first.issues)")
        #expect(try ImportFixtures.register(db, trust: "RXA").map { String($0.prefix { $0 != "|" }) }
                == ["serial:S1", "serial:S2/Philips/Ingenia", "serial:S2/Siemens/Force"])
        let again = try store.importRegister(file: file, network: network, trustCode: "RXA", importers: ImportFixtures.library,
                                             options: ImportFixtures.options())
        #expect(again.status == .unchanged && again.changes == 0 && again.unchanged == 3)
    }

    @Test func aChangedFileReportsAddedUpdatedMissingAndRetiresOnlyWhenAsked() throws {
        let dir = ImportFixtures.tempDir()
        let v1 = dir.appendingPathComponent("v1.csv"), v2 = dir.appendingPathComponent("v2.csv")
        let h = ImportFixtures.equipHeader
        try """
            \(h)
            EQ1,CT Scanner,Siemens,SOMATOM Force,S-1,Royal Infirmary,CT,01/02/2015,700000,In Use
            EQ2,MRI Scanner,GE,Signa Artist,G-2,Royal Infirmary,MRI,03/04/2016,900000,In Use
            EQ3,Ultrasound,Canon,Aplio i700,C-3,General Hospital,US,05/06/2018,55000,In Use
            """.write(to: v1, atomically: true, encoding: .utf8)
        try """
            \(h)
            EQ1,CT Scanner,Siemens,SOMATOM Force,S-1,Royal Infirmary,CT,01/02/2015,700000,In Use
            EQ2,MRI Scanner,GE,Signa Artist,G-2,Royal Infirmary,MRI,03/04/2016,950000,Standby
            EQ4,Mammography,Hologic,3Dimensions,H-4,Breast Unit,Breast,07/08/2019,350000,In Use
            """.write(to: v2, atomically: true, encoding: .utf8)
        let (db, _) = try TestDatabase.fresh()
        let network = try ImportFixtures.network(db, trusts: ["RXA"])
        let store = RegisterStore(db)
        let lib = ImportFixtures.library
        let a = try store.importRegister(file: v1, network: network, trustCode: "RXA", importers: lib, options: ImportFixtures.options())
        #expect(a.added == 3 && a.status == .loaded)

        let dry = try store.importRegister(file: v2, network: network, trustCode: "RXA", importers: lib, options: ImportFixtures.options(retire: true, dryRun: true))
        #expect(dry.status == .dryRun && dry.added == 1 && dry.updated == 1 && dry.retired == 1 && dry.batchID == nil)
        #expect(try db.scalar("SELECT count(*) FROM import_batch", as: Int.self) == 1)
        #expect(try db.scalar("SELECT count(*) FROM asset", as: Int.self) == 3)

        let b = try store.importRegister(file: v2, network: network, trustCode: "RXA", importers: lib, options: ImportFixtures.options())
        #expect(b.status == .loaded)
        #expect(b.added == 1 && b.updated == 1 && b.unchanged == 1 && b.missing == 1 && b.retired == 0)
        #expect(b.missingTags == ["EQ3"])
        #expect(b.sitesCreated == ["Breast Unit"])
        #expect(try db.scalar("SELECT count(*) FROM asset WHERE retired_at IS NULL", as: Int.self) == 4)
        #expect(try db.scalar("SELECT purchase_cost::text FROM asset WHERE asset_tag = 'EQ2'", as: String.self) == "950000.00")
        #expect(try db.scalar("SELECT status FROM asset WHERE asset_tag = 'EQ2'", as: String.self) == "standby")

        let c = try store.importRegister(file: v2, network: network, trustCode: "RXA", importers: lib, options: ImportFixtures.options(retire: true))
        #expect(c.status == .loaded && c.added == 0 && c.updated == 0 && c.missing == 1 && c.retired == 1)
        let retired = try #require(try db.queryFirst("SELECT retired_at IS NOT NULL AS r, retired_batch_id FROM asset WHERE asset_tag = 'EQ3'"))
        #expect(try retired.decode("r", as: Bool.self))
        #expect(try retired.decode("retired_batch_id", as: Int64?.self) == c.batchID)

        // Bringing it back reinstates it (an update).
        let d = try store.importRegister(file: v1, network: network, trustCode: "RXA", importers: lib, options: ImportFixtures.options())
        #expect(d.updated == 2 && d.missing == 1 && d.retired == 0) // EQ2 back to v1 values, EQ3 reinstated; EQ4 missing
        #expect(try db.scalar("SELECT count(*) FROM asset WHERE retired_at IS NULL", as: Int.self) == 4)
    }

    @Test func concurrentImportsForTwoTrustsBothSucceed() throws {
        let dir = ImportFixtures.tempDir()
        let f1 = dir.appendingPathComponent("a.csv"), f2 = dir.appendingPathComponent("b.csv")
        let t1 = try SampleNetwork.writeRegister(layout: .equipCSV1252, assets: 3_000, seed: 11, to: f1)
        let t2 = try SampleNetwork.writeRegister(layout: .memsCSVBOM, assets: 3_000, seed: 12, to: f2)
        let (db, name) = try TestDatabase.fresh()
        let network = try ImportFixtures.network(db, trusts: ["RAA", "RBB"])
        let conninfo = try TestDatabase.conninfo(database: name)
        final class Results: @unchecked Sendable { var outcomes: [String: Result<ImportOutcome, Error>] = [:]; let lock = NSLock() }
        let results = Results()
        let group = DispatchGroup()
        for (trust, file) in [("RAA", f1), ("RBB", f2)] {
            group.enter()
            let thread = Thread {
                let r = Result { () throws -> ImportOutcome in
                    let c = try Connection(conninfo)
                    return try RegisterStore(c).importRegister(file: file, network: network, trustCode: trust, importers: ImportFixtures.library,
                                                              options: ImportFixtures.options())
                }
                results.lock.lock(); results.outcomes[trust] = r; results.lock.unlock()
                group.leave()
            }
            thread.start()
        }
        group.wait()
        let a = try #require(try results.outcomes["RAA"]?.get()), b = try #require(try results.outcomes["RBB"]?.get())
        #expect(a.status == .loaded && b.status == .loaded)
        #expect(a.added == t1.assets && b.added == t2.assets)
        #expect(try db.scalar("SELECT count(*) FROM asset", as: Int.self) == t1.assets + t2.assets)
        #expect(try db.scalar("SELECT count(DISTINCT trust_id) FROM import_batch", as: Int.self) == 2)
    }

    @Test func importsForOneTrustAreSerialised() throws {
        let (db, name) = try TestDatabase.fresh()
        let network = try ImportFixtures.network(db, trusts: ["RAA"])
        let trustID: Int64 = try db.scalar("SELECT id FROM trust WHERE ods_code = 'RAA'")
        // Another session holds the trust's import lock: an import must wait for it.
        let holder = try Connection(try TestDatabase.conninfo(database: name))
        try holder.executeScript("BEGIN")
        try holder.execute("SELECT pg_advisory_xact_lock(\(Int64(0x494D_0000_0000) + trustID))")
        let importer = try Connection(try TestDatabase.conninfo(database: name))
        try importer.executeScript("SET lock_timeout = '300ms'")
        #expect(throws: PostgresError.self) {
            try RegisterStore(importer).importRegister(file: finance, network: network, trustCode: "RAA", importers: ImportFixtures.library,
                                                      options: ImportFixtures.options())
        }
        try holder.executeScript("ROLLBACK")
        let o = try RegisterStore(importer).importRegister(file: finance, network: network, trustCode: "RAA", importers: ImportFixtures.library,
                                                           options: ImportFixtures.options())
        #expect(o.status == .loaded)
    }

    @Test func duplicateDevicesAcrossTrustsAreReportedNotMerged() throws {
        let dir = ImportFixtures.tempDir()
        let f = dir.appendingPathComponent("d.csv"), g = dir.appendingPathComponent("e.csv")
        let h = ImportFixtures.equipHeader
        try "\(h)\nEQ1,CT Scanner,GE Medical Systems,Revolution EVO,REV1,Main,CT,01/02/2015,700000,In Use\nEQ2,MRI,Siemens,Vida,V2,Main,MRI,01/02/2016,900000,In Use\n"
            .write(to: f, atomically: true, encoding: .utf8)
        try "\(h)\nX9,CT Scanner,General Electric,Revolution EVO,REV1,Other,CT,01/02/2015,700000,In Use\n"
            .write(to: g, atomically: true, encoding: .utf8)
        let (db, _) = try TestDatabase.fresh()
        let network = try ImportFixtures.network(db, trusts: ["RAA", "RBB"])
        let store = RegisterStore(db)
        let a = try store.importRegister(file: f, network: network, trustCode: "RAA", importers: ImportFixtures.library, options: ImportFixtures.options())
        #expect(a.duplicates == 0)
        let b = try store.importRegister(file: g, network: network, trustCode: "RBB", importers: ImportFixtures.library, options: ImportFixtures.options())
        #expect(b.status == .loaded && b.duplicates == 1)
        let issue = try #require(b.issues.first { $0.rule == .duplicateDevice })
        #expect(issue.severity == .warning && issue.row == 2 && issue.value == "REV1")
        #expect(issue.message.contains("X9") && issue.message.contains("EQ1") && issue.message.contains("RAA"))
        #expect(try db.scalar("SELECT count(*) FROM asset WHERE serial = 'REV1'", as: Int.self) == 2)
        #expect(try db.scalar("SELECT duplicates FROM import_batch WHERE id = \(b.batchID!)", as: Int.self) == 1)
    }

    /// A file imported for the wrong trust duplicates every row of another trust's register: all are counted, only
    /// the first few are listed, and one more warning says how many were left out.
    @Test func duplicateWarningsAreCountedButListedUpToALimit() throws {
        let dir = ImportFixtures.tempDir()
        let f = dir.appendingPathComponent("d.csv")
        let h = ImportFixtures.equipHeader
        let rows = (1...6).map { "EQ\($0),CT Scanner,GE Medical Systems,Revolution EVO,REV\($0),Main,CT,01/02/2015,700000,In Use" }
        try ([h] + rows).joined(separator: "\n").appending("\n").write(to: f, atomically: true, encoding: .utf8)
        let (db, _) = try TestDatabase.fresh()
        let network = try ImportFixtures.network(db, trusts: ["RAA", "RBB"])
        let store = RegisterStore(db)
        _ = try store.importRegister(file: f, network: network, trustCode: "RAA", importers: ImportFixtures.library, options: ImportFixtures.options())
        var options = ImportFixtures.options()
        options.duplicatesListed = 2
        let b = try store.importRegister(file: f, network: network, trustCode: "RBB", importers: ImportFixtures.library, options: options)
        #expect(b.status == .loaded && b.duplicates == 6)
        let listed = b.issues.filter { $0.rule == .duplicateDevice }
        #expect(listed.count == 3)
        #expect(listed.prefix(2).map(\.row) == [2, 3])
        #expect(listed.last!.message.contains("4 more duplicate devices") && listed.last!.message.contains("6 in all"))
        #expect(b.summary.warnings >= 6)
        #expect(try db.scalar("SELECT duplicates FROM import_batch WHERE id = \(b.batchID!)", as: Int.self) == 6)
    }

    /// A trust's first import COPYs straight into the register, resolving sites as rows meet them and
    /// staging rejects a few thousand at a time; later imports stage everything and merge. Both must
    /// leave the same register: one file, 12,000 rows (more than either path holds back at once), sites
    /// spelt in two cases and new ones appearing late, 5,000 rejected rows kept with --allow-partial.
    @Test func aFirstImportLeavesTheSameRegisterAsAMerge() throws {
        let dir = ImportFixtures.tempDir()
        let f = dir.appendingPathComponent("big.csv")
        let h = ImportFixtures.equipHeader
        var lines = [h]
        for i in 1...12_000 {
            let site = i % 3 == 0 ? "Main" : i % 3 == 1 ? "MAIN" : "Annex \(i / 1000)"
            let date = i > 2000 && i % 2 == 0 ? "30/02/2022" : "01/0\(1 + i % 9)/20\(10 + i % 12)"
            lines.append("EQ\(i),CT Scanner,GE Medical Systems,Revolution EVO,S\(i),\(site),CT,\(date),\(100_000 + i).50,In Use")
        }
        try (lines.joined(separator: "\n") + "\n").write(to: f, atomically: true, encoding: .utf8)
        let (db, first, merged) = try ImportFixtures.importBothWays(f)
        #expect(first.status == .loaded && merged.status == .loaded)
        #expect(first.added == 7000 && merged.added == 7000 && merged.retired == 1)
        #expect(first.rejectsStored == 5000 && merged.rejectsStored == 5000)
        #expect(first.sitesCreated == ["Annex 0", "Annex 1", "Annex 10", "Annex 11", "Annex 2", "Annex 3", "Annex 4", "Annex 5", "Annex 6", "Annex 7", "Annex 8", "Annex 9", "MAIN"])

        func register(_ trust: String) throws -> [String] { try ImportFixtures.register(db, trust: trust) }
        let a = try register("RAA"), b = try register("RBB")
        #expect(a.count == 7000)
        #expect(a == b)
        #expect(a.first { $0.hasPrefix("EQ7|") }?.hasPrefix("EQ7|main|S7|GE HealthCare|GE Medical Systems|Revolution EVO|CT|CT Scanner|CT|2017-08-01|100007.50|") == true)
        #expect(a.first { $0.hasPrefix("EQ8|") }?.hasPrefix("EQ8|annex 0|S8|") == true)
        #expect(a.first { $0.hasPrefix("EQ11999|") }?.hasPrefix("EQ11999|annex 11|") == true)
        #expect(try db.scalar("SELECT count(*) FROM asset WHERE source_row IS NULL OR source_row <> substr(asset_tag, 3)::int + 1", as: Int.self) == 0)
        func rejects(_ batch: Int64?) throws -> [String] {
            try db.query("SELECT concat_ws('|', row_number, raw::text, issues::text) AS line FROM asset_reject WHERE batch_id = \(batch) ORDER BY row_number")
                .map { try $0.decode("line") }
        }
        #expect(try rejects(first.batchID).count == 5000)
        #expect(try rejects(first.batchID) == rejects(merged.batchID))
        #expect(try db.scalar("SELECT count(*) FROM site s JOIN trust t ON t.id = s.trust_id WHERE t.ods_code = 'RAA'", as: Int.self) == 13)
    }

    /// The same comparison over a generated MEMS register, whose columns include failures, downtime, the
    /// exclusive flag and the maintenance contract: every value the binary COPY writes, both ways.
    @Test func everyColumnArrivesTheSameEitherWay() throws {
        let dir = ImportFixtures.tempDir()
        let f = dir.appendingPathComponent("mems.csv")
        let written = try SampleNetwork.writeRegister(layout: .memsCSVBOM, assets: 3000, seed: 11, to: f)
        let (db, first, merged) = try ImportFixtures.importBothWays(f)
        #expect(first.added == written.assets && merged.added == written.assets)
        let a = try ImportFixtures.register(db, trust: "RAA")
        #expect(a.count == written.assets)
        #expect(a == (try ImportFixtures.register(db, trust: "RBB")))
        // The file really carries the columns compared (not NULL everywhere on both sides).
        let filled = try #require(try db.queryFirst("""
            SELECT count(failures_last_year) AS f, count(downtime_hours_last_year) AS d, count(contract_annual_cost) AS c,
                   count(contract_end) AS e, count(*) FILTER (WHERE exclusive_to_network) AS x, count(DISTINCT criticality) AS k
            FROM asset a JOIN trust t ON t.id = a.trust_id WHERE t.ods_code = 'RAA'
            """))
        for column in ["f", "d", "c", "e", "x"] { #expect(try filled.decode(column, as: Int.self) > 0, "\(column)") }
        #expect(try filled.decode("k", as: Int.self) > 1)
    }

    /// Site values are matched byte for byte, as the database compares them: "Café" written with one code
    /// point and with "e" plus a combining accent are two spellings (Swift's `==` says they are one) and
    /// make two sites; re-importing the file leaves every asset on its site.
    @Test func siteSpellingsAreComparedByTheirBytes() throws {
        let dir = ImportFixtures.tempDir()
        let f = dir.appendingPathComponent("cafe.csv")
        let composed = "Caf\u{E9}", decomposed = "Cafe\u{301}"
        #expect(composed == decomposed) // the trap
        let h = ImportFixtures.equipHeader
        try "\(h)\nEQ1,CT Scanner,Siemens,Force,S1,\(composed),CT,01/02/2015,700000,In Use\nEQ2,CT Scanner,Siemens,Force,S2,\(decomposed),CT,01/02/2015,700000,In Use\n"
            .write(to: f, atomically: true, encoding: .utf8)
        let (db, _) = try TestDatabase.fresh()
        let network = try ImportFixtures.network(db, trusts: ["RAA"])
        let store = RegisterStore(db)
        let first = try store.importRegister(file: f, network: network, trustCode: "RAA", importers: ImportFixtures.library, options: ImportFixtures.options())
        #expect(first.status == .loaded && first.sitesCreated.count == 2)
        let again = try store.importRegister(file: f, network: network, trustCode: "RAA", importers: ImportFixtures.library, options: ImportFixtures.options())
        #expect(again.status == .unchanged && again.updated == 0)
        let sites = try db.query("SELECT a.asset_tag, encode(convert_to(s.code, 'UTF8'), 'hex') AS code FROM asset a JOIN site s ON s.id = a.site_id ORDER BY 1")
        #expect(try sites.map { try $0.decode("code", as: String.self) } == ["436166c3a9", "43616665cc81"])
    }

    /// A count too big for the register's integer column is a warning and left empty, not a crash or a
    /// failed import (the binary COPY cannot carry it).
    @Test func anImplausibleFailureCountIsLeftEmpty() throws {
        let dir = ImportFixtures.tempDir()
        let f = dir.appendingPathComponent("f.csv")
        try "\(ImportFixtures.equipHeader),Failures (12 Months)\nEQ1,CT Scanner,Siemens,Force,S1,Main,CT,01/02/2015,700000,In Use,3000000000\nEQ2,CT Scanner,Siemens,Force,S2,Main,CT,01/02/2015,700000,In Use,4\n"
            .write(to: f, atomically: true, encoding: .utf8)
        let (db, _) = try TestDatabase.fresh()
        let network = try ImportFixtures.network(db, trusts: ["RAA"])
        let o = try RegisterStore(db).importRegister(file: f, network: network, trustCode: "RAA", importers: ImportFixtures.library,
                                                    options: ImportFixtures.options())
        #expect(o.status == .loaded && o.added == 2)
        #expect(o.issues.contains { $0.row == 2 && $0.value == "3000000000" && $0.severity == .warning })
        #expect(try db.query("SELECT failures_last_year FROM asset ORDER BY asset_tag").map { try $0.decode(0, as: Int?.self) } == [nil, 4])
    }

    @Test func xlsxRegistersImport() throws {
        let dir = ImportFixtures.tempDir()
        let x = dir.appendingPathComponent("far.xlsx")
        let tf = try SampleNetwork.writeRegister(layout: .financeXLSX, assets: 500, seed: 5, to: x)
        let (db, _) = try TestDatabase.fresh()
        let network = try ImportFixtures.network(db, trusts: ["R1A"])
        let o = try RegisterStore(db).importRegister(file: x, network: network, trustCode: "R1A", importers: ImportFixtures.library,
                                                    options: ImportFixtures.options())
        #expect(o.format == .xlsx && o.sheet != nil)
        #expect(o.status == .loaded && o.mapping.profile == "finance-far")
        #expect(o.summary.rowsRead == tf.rows)
        #expect(o.added == tf.assets)
        #expect(o.sha256 == (try SHA256.hex(fileAt: x)))
    }

    @Test func aGeneratedFifteenTrustNetworkImportsCleanly() throws {
        let dir = ImportFixtures.tempDir()
        let written = try SampleNetwork.generate(trusts: 15, assetsPerTrust: 40, seed: 7, into: dir)
        let (db, _) = try TestDatabase.fresh()
        var options = ImportFixtures.options(partial: true)
        options.prefetch = false
        let outcomes = try SampleNetworkLoader.load(directory: dir, connection: db, importers: ImportFixtures.library, options: options)
        #expect(outcomes.count == 15)
        for (o, tf) in zip(outcomes, written) {
            #expect(o.status == .loaded, "\(o.file)")
            #expect(o.trust == tf.code && o.mapping.profile == tf.profile, "\(o.file)")
            #expect(o.summary.rowsRead == tf.rows, "\(o.file)")
            #expect(o.summary.rejected == tf.invalidRows, "\(o.file): \(o.issues.filter { $0.severity == .error })")
            #expect(o.added == tf.assets, "\(o.file)")
            #expect(o.sitesCreated.isEmpty, "\(o.file): sites \(o.sitesCreated)")
            #expect(o.format == (tf.file.hasSuffix(".xlsx") ? .xlsx : .csv))
        }
        #expect(written.dropFirst().allSatisfy { $0.invalidRows == 0 })
        let total: Int = try db.scalar("SELECT count(*) FROM asset")
        #expect(total == written.map(\.assets).reduce(0, +))
        // The first trust's file has invalid rows: by default it loads nothing.
        let network = try NetworkStore(db).network(named: nil)
        let strict = try RegisterStore(db).importRegister(file: dir.appendingPathComponent(written[0].file), network: network,
                                                          trustCode: written[0].code, importers: ImportFixtures.library,
                                                          options: ImportFixtures.options())
        #expect(strict.status == .failed)
    }
}
