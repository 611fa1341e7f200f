import Foundation
import Testing
@testable import Register
import CapitalCore

/// The hand-made samples in Tests/Fixtures/samples (copies of shared/samples) parse with the expected issues.
@Suite struct SampleFileTests {
    func run(_ name: String) throws -> (RegisterImport.Result, [CanonicalAsset]) {
        var assets: [CanonicalAsset] = []
        let r = try RegisterImport.run(url: Fixtures.samples.appendingPathComponent(name), trust: "R1A", profile: .auto,
                                       importers: Fixtures.library, asOf: Fixtures.asOf) { assets.append($0) }
        return (r, assets)
    }

    @Test func cmmsExport() throws {
        let (r, assets) = try run("cmms-export-example.csv")
        #expect(r.encoding == .windows1252)
        #expect(r.mapping.profile == "cmms-equip" && r.mapping.chosenAutomatically)
        let s = r.report.summary
        #expect(s.rowsRead == 20)
        #expect(s.valid == 17)
        #expect(s.rejected == 1)
        #expect(s.skippedNonImaging == 1)
        #expect(s.skippedExactDuplicates == 1)
        // 30/02/2022 is an error naming the value, on the PET-CT row (physical row 21 of the file = data row 20).
        let bad = try #require(r.report.issues.first { $0.rule == .invalidDate && $0.value == "30/02/2022" })
        #expect(bad.severity == .error && bad.row == 20 && bad.column == "Acquisition Date")
        // The repeated EQ004512 is reported (as an exact duplicate of row 2), and loaded once.
        let dup = try #require(r.report.issues.first { $0.rule == .exactDuplicate })
        #expect(dup.value == "EQ004512" && dup.row == 19 && dup.message.contains("row 2"))
        #expect(assets.filter { $0.assetTag == "EQ004512" }.count == 1)
        // The film viewer is not imaging.
        #expect(r.report.skips.contains { $0.row == 12 && $0.reason.kind == .nonImaging })
        #expect(!assets.contains { $0.assetTag == "EQ005302" })
        // Identifiers intact.
        let byTag = Dictionary(uniqueKeysWithValues: assets.map { ($0.assetTag, $0) })
        #expect(byTag["EQ006002"]?.serial == "AQLB,7741")
        #expect(byTag["EQ006002"]?.modality == .ct) // CT Sim
        #expect(byTag["EQ004601"]?.serial == "0189F27741")
        #expect(byTag["EQ004602"]?.serial == "2090E0076397")
        // Money with £ from Windows-1252, aliases, modalities, status.
        #expect(byTag["EQ004512"]?.purchaseCost == Pence.pounds(845_000))
        #expect(byTag["EQ004601"]?.purchaseCost == Pence.pounds(1_150_000))
        #expect(byTag["EQ004602"]?.manufacturer == "Philips")
        #expect(byTag["EQ005600"]?.manufacturer == "Philips")
        #expect(byTag["EQ004513"]?.manufacturer == "GE HealthCare")
        #expect(byTag["EQ005700"]?.manufacturer == "GE HealthCare")
        #expect(byTag["EQ005700"]?.modality == .gammaCamera)
        #expect(byTag["EQ005121"]?.modality == .mobileXRay)
        #expect(byTag["EQ005900"]?.modality == .dental)
        #expect(byTag["EQ005900"]?.installDate == nil) // "?" is missing, with a warning
        #expect(r.report.issues.contains { $0.rule == .missingDate && $0.row == 18 })
        #expect(byTag["EQ005010"]?.endOfManufacturerSupport == nil) // N/A
        #expect(byTag["EQ005120"]?.status == .standby)
        #expect(byTag["EQ005500"]?.status == .outOfService)
        #expect(byTag["EQ004602"]?.status == .inUse)
        #expect(byTag["EQ004512"]?.criticality == 5)
        #expect(byTag["EQ004512"]?.expectedLifeYears == 10 && byTag["EQ004512"]?.expectedLifeSource == .replacementDate)
        #expect(byTag["EQ004512"]?.raw.pairs.first?.header == "Equipment No")
        #expect(byTag["EQ004512"]?.sourceRow == 2)
    }

    @Test func financeRegister() throws {
        let (r, assets) = try run("finance-far-example.csv")
        #expect(r.mapping.profile == "finance-far")
        #expect(r.mapping.ignored.map(\.header) == ["Accumulated Depreciation", "Remaining Life (Months)"])
        #expect(r.report.summary.valid == 8)
        #expect(r.report.summary.skippedNonImaging == 1) // the endoscopy stack
        let byTag = Dictionary(uniqueKeysWithValues: assets.map { ($0.assetTag, $0) })
        let ct = try #require(byTag["FA-210334"])
        #expect(ct.serial == "60123" && ct.manufacturer == "Siemens Healthineers" && ct.modality == .ct)
        #expect(byTag["FA-250330"]?.modality == .mobileXRay)
        #expect(byTag["FA-250330"]?.manufacturer == "Fujifilm")
        #expect(byTag["FA-250330"]?.expectedLifeYears == 8)
        #expect(byTag["FA-230011"]?.netBookValue == Pence.pounds(383_500))
        // Disposal dated 2025-10-31: after the as-of date it is a planned disposal (still in use), after it, disposed.
        #expect(byTag["FA-177312"]?.disposalDate?.iso == "2025-10-31")
        #expect(byTag["FA-177312"]?.status == .inUse)
        var later: [CanonicalAsset] = []
        _ = try RegisterImport.run(url: Fixtures.samples.appendingPathComponent("finance-far-example.csv"), trust: "R1A", profile: .named("finance-far"),
                                   importers: Fixtures.library, asOf: CalendarDate(year: 2026, month: 1, day: 1)!) { later.append($0) }
        #expect(later.first { $0.assetTag == "FA-177312" }?.status == .disposed)
        #expect(byTag["FA-177312"]?.modality == .fluoroscopy)
        #expect(byTag["FA-188740"]?.modality == .gammaCamera)
    }

    @Test func errorReportOfTheSample() throws {
        let (r, _) = try run("cmms-export-example.csv")
        let csv = String(decoding: ErrorReportWriter.csv(r.report.issues).dropFirst(3), as: UTF8.self)
        #expect(csv.hasPrefix("file,row,column,value,rule,message,severity\r\n"))
        #expect(csv.contains("cmms-export-example.csv,20,Acquisition Date,30/02/2022,invalid_date,"))
    }
}
