import Foundation
import Testing
@testable import Register
import CapitalCore
import Spreadsheets
@testable import Samples

/// `capital profile init`'s inference (issue 15): value sniffing, the proposal for real-shaped files, and that the
/// YAML it writes loads as written and reads a file exactly as the built-in profiles do.
@Suite struct ProfileInferenceTests {
    static let vocabulary = try! Vocabulary.load(url: Fixtures.importers.appendingPathComponent("vocabulary.yaml"))
    static let inventory = Fixtures.packageRoot.appendingPathComponent("Tests/Fixtures/inventory/hospital-inventory.csv")

    /// The proposal for `url`, its YAML written to a temporary file, and that file's path.
    static func initProfile(_ url: URL, sheet: String? = nil) throws -> (ProfileProposal, URL) {
        let sample = try FileSample(url: url, sheet: sheet, profiles: Fixtures.library.profiles)
        let p = ProfileInference.propose(fileName: url.lastPathComponent, headers: sample.headers, rows: sample.rows, headerRow: sample.headerRow,
                                         vocabulary: vocabulary, profiles: Fixtures.library.profiles)
        let out = Fixtures.tempDir().appendingPathComponent("\(p.name).yaml")
        try Data(p.yaml.utf8).write(to: out)
        return (p, out)
    }

    static func read(_ url: URL, _ profile: ProfileLibrary.Choice) throws -> (RegisterImport.Result, [CanonicalAsset]) {
        var assets: [CanonicalAsset] = []
        let r = try RegisterImport.run(url: url, trust: "R1A", profile: profile, importers: Fixtures.library, asOf: Fixtures.asOf, prefetch: false) { assets.append($0) }
        return (r, assets)
    }

    // MARK: sniffing

    @Test func dateReadingsTellTheOrderOnlyWhenAPartIsAbove12() {
        #expect(ValueSniffer.dateReading("14/03/2012") == .dayFirst)
        #expect(ValueSniffer.dateReading("03/14/2012") == .monthFirst)
        #expect(ValueSniffer.dateReading("03/04/2012") == .either)
        #expect(ValueSniffer.dateReading("2012-03-14") == .iso)
        #expect(ValueSniffer.dateReading("14-Mar-2012") == .either) // a month name reads the same either way
        #expect(ValueSniffer.dateReading("30/02/2022") == nil) // no such day in either order
        #expect(ValueSniffer.dateReading("2011") == nil && ValueSniffer.dateReading("CT Scanner") == nil)
        let e = ColumnEvidence(values: ["14/03/2012", "02/11/2019", "2011", "03/2011", "N/A", ""], vocabulary: Self.vocabulary)
        #expect(e.nonEmpty == 4 && e.dayFirstDates == 1 && e.ambiguousDates == 1 && e.yearOnly == 1 && e.monthYear == 1)
        #expect(FieldEvidence.order(e)?.0 == .dmy)
        let us = ColumnEvidence(values: ["03/14/2012", "12/31/2019", "01/02/2020"], vocabulary: Self.vocabulary)
        #expect(FieldEvidence.order(us)?.0 == .mdy)
        let iso = ColumnEvidence(values: ["2012-03-14", "2019-11-02"], vocabulary: Self.vocabulary)
        #expect(FieldEvidence.order(iso)?.0 == .ymd)
        #expect(FieldEvidence.order(ColumnEvidence(values: ["03/04/2012"], vocabulary: Self.vocabulary)) == nil)
    }

    @Test func moneySerialsAndSiteCodes() {
        #expect(ValueSniffer.isMoney("£1,234.50") && ValueSniffer.isMoney("1234.50") && ValueSniffer.isMoney("1,234") && ValueSniffer.isMoney("£350"))
        #expect(!ValueSniffer.isMoney("1234") && !ValueSniffer.isMoney("12.5") && !ValueSniffer.isMoney("-£5.00") && !ValueSniffer.isMoney("abc"))
        #expect(ValueSniffer.isSerialLike("REV4432211") && ValueSniffer.isSerialLike("AGF-600-7731") && ValueSniffer.isSerialLike("60123"))
        #expect(!ValueSniffer.isSerialLike("CT Scanner") && !ValueSniffer.isSerialLike("14/03/2012") && !ValueSniffer.isSerialLike("ABCD")
                && !ValueSniffer.isSerialLike("12.50") && !ValueSniffer.isSerialLike(String(repeating: "A1", count: 20)))
        #expect(ValueSniffer.isSiteCode("RXX01") && ValueSniffer.isSiteCode("R1A") && ValueSniffer.isSiteCode("RXX") && ValueSniffer.isSiteCode("RI01"))
        #expect(!ValueSniffer.isSiteCode("rxx01") && !ValueSniffer.isSiteCode("R11") && !ValueSniffer.isSiteCode("Ward 7") && !ValueSniffer.isSiteCode("RXX0"))
    }

    @Test func modalityManufacturerAndStatusWords() {
        let e = ColumnEvidence(values: ["CT Scanner", "Infusion Pump", "Hospital Bed", "MRI 1.5T", "Ultrasound"], vocabulary: Self.vocabulary)
        #expect(e.imagingWords == 3 && e.nonImagingWords == 1)
        let m = ColumnEvidence(values: ["GE Medical Systems", "Phillips", "Acme Beds", "SIEMENS CT SOMATOM S/N 60123"], vocabulary: Self.vocabulary)
        #expect(m.manufacturers == 2 && m.startsWithManufacturer == 3 && m.serialMarkers == 1)
        let s = ColumnEvidence(values: ["In Use", "Condemned", "Spare", "Lost"], vocabulary: Self.vocabulary)
        #expect(s.statusWords == 3)
    }

    @Test func valuesDecideBetweenSiteAndDepartmentAndFindColumnsNoHeaderNames() {
        let headers = ["Location", "Tag", "Kit", "Maker", "Where"]
        let rows = (0..<20).map { i in ["Ward \(i)", "T\(1000 + i)", i % 2 == 0 ? "CT Scanner" : "Infusion pump", i % 2 == 0 ? "Siemens" : "GE", "RXX0\(i % 10)"] }
        let p = ProfileInference.propose(fileName: "odd.csv", headers: headers, rows: rows, vocabulary: Self.vocabulary, profiles: Fixtures.library.profiles)
        #expect(p.guess(.department).header == "Location")
        #expect(p.guess(.assetTag).header == "Tag")
        #expect(p.guess(.description).header == "Kit") // modality words alone
        #expect(p.guess(.manufacturer).header == "Maker")
        #expect(p.guess(.site).header == "Where") // ODS-like codes alone
        #expect(p.guess(.site).evidence.contains("ODS"))
    }

    @Test func dateOrderIsGuessedPerFileAndPerColumn() throws {
        let headers = ["Asset No", "Description", "Install Date", "Contract End"]
        let rows = [["A1", "CT", "14/03/2012", "03/31/2026"], ["A2", "MRI", "25/12/2019", "12/31/2027"], ["A3", "CT", "01/02/2015", "01/02/2026"]]
        let p = ProfileInference.propose(fileName: "dates.csv", headers: headers, rows: rows, vocabulary: Self.vocabulary, profiles: Fixtures.library.profiles)
        #expect(p.dateOrder == .dmy || p.dateOrder == .mdy)
        let other: DateOrder = p.dateOrder == .dmy ? .mdy : .dmy
        #expect(p.columnDateOrders.count == 1 && p.columnDateOrders.first?.order == other)
        // The profile written loads and reads both columns in their own order.
        let dir = Fixtures.tempDir()
        let yaml = dir.appendingPathComponent("dates.yaml"), csv = dir.appendingPathComponent("dates.csv")
        try Data(p.yaml.utf8).write(to: yaml)
        try Data(([headers] + rows).map { $0.joined(separator: ",") }.joined(separator: "\n").utf8).write(to: csv)
        let (_, assets) = try Self.read(csv, .file(yaml))
        #expect(assets.map { $0.installDate?.iso } == ["2012-03-14", "2019-12-25", "2015-02-01"])
        #expect(assets.map { $0.contractEnd?.iso } == ["2026-03-31", "2027-12-31", "2026-01-02"])
        // Every date reads either way: the UK order is assumed, and the YAML says so.
        let vague = ProfileInference.propose(fileName: "v.csv", headers: headers, rows: [["A1", "CT", "03/04/2012", ""]], vocabulary: Self.vocabulary,
                                             profiles: Fixtures.library.profiles)
        #expect(vague.dateOrder == .dmy && vague.yaml.contains("reads either way"))
    }

    // MARK: the files of the done-when

    @Test func theInventoryLoadsExactlyItsImagingRowsThroughTheProfileAsWritten() throws {
        let (p, yaml) = try Self.initProfile(Self.inventory)
        #expect(p.guess(.assetTag).header == "Code" && p.guess(.serial).header == "Serial Number" && p.guess(.description).header == "Equipment Type")
        #expect(p.guess(.department).header == "Location" && p.guess(.site).column == nil)
        // Monitors, pumps and suction units stand in the CT Suite and the X-Ray Department: the department must not decide.
        #expect(!p.modalityFrom.contains(.department))
        let (r, assets) = try Self.read(Self.inventory, .file(yaml))
        #expect(r.report.summary.errors == 0 && r.report.summary.rejected == 0)
        #expect(Set(assets.map(\.assetTag)) == ["MEB100087", "MEB100091", "MEB100095", "MEB100099",
                                                "serial:GE-AMX-44102", "serial:PH-EPQ-88120", "serial:SIE-CIOS-3341"])
        #expect(assets.map(\.modality.rawValue).sorted() == ["CT", "MOBILE-XR", "MOBILE-XR", "MRI", "US", "US", "XR"])
        #expect(r.report.summary.rowsRead == 359 && r.report.summary.valid == 7)
        // Rows with neither a code nor a serial are beds and pumps: skipped as such, not errors.
        #expect(r.report.summary.skippedNonImaging + r.report.summary.skippedUnrecognised == 352)
        // Deterministic: the same file gives the same text.
        #expect(try Self.initProfile(Self.inventory).0.yaml == p.yaml)
    }

    @Test(arguments: [("cmms-export-example.csv", "cmms-equip"), ("finance-far-example.csv", "finance-far")])
    func aProfileWrittenFromEachSampleReadsItAsTheBuiltInProfileDoes(sample: String, builtIn: String) throws {
        let url = Fixtures.samples.appendingPathComponent(sample)
        let (_, yaml) = try Self.initProfile(url)
        let (mine, mineAssets) = try Self.read(url, .file(yaml))
        let (theirs, theirAssets) = try Self.read(url, .named(builtIn))
        #expect(!theirAssets.isEmpty)
        #expect(mineAssets == theirAssets)
        #expect(mine.report.summary == theirs.report.summary)
        #expect(mine.report.issues == theirs.report.issues)
        #expect(mine.report.skips.map(\.row) == theirs.report.skips.map(\.row))
        #expect(mine.report.skips.map(\.reason) == theirs.report.skips.map(\.reason))
        #expect(Set(mine.mapping.mapped.map { "\($0.index) \($0.field!.rawValue)" }) == Set(theirs.mapping.mapped.map { "\($0.index) \($0.field!.rawValue)" }))
    }

    /// Every layout the sample generator writes (both CMMS shapes and the finance register, CSV with `,` or `;` and
    /// XLSX, with their injected mess): the written profile reads each file as the built-in profile does.
    @Test func aProfileWrittenFromEachGeneratedLayoutReadsItAsItsBuiltInProfileDoes() throws {
        let dir = Fixtures.tempDir()
        let trusts = try SampleNetwork.generate(trusts: 6, assetsPerTrust: 150, seed: 15, into: dir)
        #expect(Set(trusts.map(\.layout)) == Set(SampleNetwork.Layout.allCases))
        for name in try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() where name.hasSuffix(".csv") || name.hasSuffix(".xlsx") {
            let url = dir.appendingPathComponent(name)
            let (p, yaml) = try Self.initProfile(url)
            let (mine, mineAssets) = try Self.read(url, .file(yaml))
            let (theirs, theirAssets) = try Self.read(url, .auto)
            #expect(mineAssets.count > 100, "\(name)")
            #expect(mineAssets == theirAssets, "\(name): \(theirs.mapping.profile)")
            #expect(mine.report.issues == theirs.report.issues, "\(name): \(mine.report.summary) vs \(theirs.report.summary)")
            if theirs.mapping.profile == "cmms-mems" { #expect((p.dateOrder == .mdy || name.hasSuffix(".xlsx")) && p.statusWords.contains { $0.word == "Deployed" && $0.status == .inUse }, "\(name)") }
        }
    }

    /// A national equipment census: a preamble, a trust code of repeated values, site codes, years for install dates.
    @Test func aCensusExtractWithAPreambleAndYearsLoads() throws {
        let url = Fixtures.tempDir().appendingPathComponent("census.csv")
        try Data("""
            Equipment Census 2025 - extract for network
            Generated 01/10/2025

            Trust Code,Site Code,Modality,Manufacturer,Model,Year Installed,Serial No,Equipment ID,Notes
            RXK,RXK01,CT,Siemens,SOMATOM go.Top,2019,SG-10234,CEN-0001,
            RXK,RXK02,MRI,GE,SIGNA Artist,2011,GA-7781,CEN-0002,due replacement
            RXK,RXK01,General X-ray,Philips,DigitalDiagnost C90,2008,DDC-1102,CEN-0003,
            RXK,RXK01,Ultrasound,Canon,Aplio i800,03/2015,AP8-4451,CEN-0005,

            """.utf8).write(to: url)
        let (p, yaml) = try Self.initProfile(url)
        #expect(p.headerRow == 4)
        #expect(p.guess(.assetTag).header == "Equipment ID" && p.guess(.site).header == "Site Code" && p.guess(.modality).header == "Modality")
        #expect(p.guess(.installDate).header == "Year Installed" && p.unmapped.map(\.header).contains("Trust Code"))
        let (r, assets) = try Self.read(url, .file(yaml))
        #expect(assets.map(\.installDate?.iso) == ["2019-07-01", "2011-07-01", "2008-07-01", "2015-03-01"])
        #expect(assets.map(\.modality.rawValue) == ["CT", "MRI", "XR", "US"] && r.report.summary.errors == 0)
    }

    @Test func anXLSXFileGetsAProfileToo() throws {
        let dir = Fixtures.tempDir()
        let xlsx = dir.appendingPathComponent("inventory.xlsx")
        let w = try XLSXWriter(url: xlsx)
        try w.beginSheet("Equipment")
        for r in [["Exported from the equipment database"], [], ["Location", "Code", "Serial Number", "Equipment Type", "Model", "Status", "Manufacturer"],
                  ["Radiology", "C1", "SN-1", "CT Scanner", "Revolution EVO", "In Service", "GE"],
                  ["Ward 7", "C2", "SN-2", "Infusion Pump", "Alaris GP", "In Service", "BD"]] { try w.appendRow(r.map { .text($0) }) }
        try w.close()
        let (p, yaml) = try Self.initProfile(xlsx)
        #expect(p.headerRow == 3 && p.guess(.assetTag).header == "Code")
        let (r, assets) = try Self.read(xlsx, .file(yaml))
        #expect(assets.map(\.assetTag) == ["C1"] && r.report.summary.skippedNonImaging == 1)
    }

    // MARK: hostile input

    @Test func hostileHeadersAreQuotedAndMapBackToTheirColumns() throws {
        let headers = ["Asset \"No\"\\", "Serial\u{1}No", "Desc\nription: #x", "", "Asset \"No\"\\"]
        let rows = [["A\"1", "S1", "CT Scanner", "x", "y"]]
        let p = ProfileInference.propose(fileName: "a\nb.csv", headers: headers, rows: rows, vocabulary: Self.vocabulary, profiles: Fixtures.library.profiles)
        let url = Fixtures.tempDir().appendingPathComponent("hostile.yaml")
        try Data(p.yaml.utf8).write(to: url)
        let loaded = try MappingProfile.load(url: url, vocabularyDirectory: Fixtures.importers)
        let bound = loaded.bind(headers: headers)
        for g in p.fields where g.column != nil { #expect(bound.column(g.field) == g.column, "\(g.field)") }
        #expect(p.unmapped.contains { $0.column == 4 && $0.evidence.contains("same header as column 1") })
    }

    @Test func garbageNeverTrapsAndWhatIsWrittenLoads() throws {
        var rng = SplitMix64(seed: 15)
        let alphabet: [String] = ["a", "Z", "0", "9", "/", "-", ".", ",", "\"", "\n", "\r", " ", "£", "\u{0}", "\u{7}", "é", "#", ":", "'", "{", "[",
                                  "CT", "MRI", "Serial", "Code", "Date", "14/03/2012", "03/14/2012", "2012-03-14", "RXX01", "£1,000.00", "Siemens"]
        let dir = Fixtures.tempDir()
        for round in 0..<60 {
            var text = ""
            for _ in 0..<rng.below(2_000) { text += rng.pick(alphabet) }
            let url = dir.appendingPathComponent("g\(round).csv")
            try Data(text.utf8).write(to: url)
            guard let sample = try? FileSample(url: url, profiles: Fixtures.library.profiles, limit: 50) else { continue }
            #expect(sample.rows.count <= 50)
            let p = ProfileInference.propose(fileName: url.lastPathComponent, headers: sample.headers, rows: sample.rows, headerRow: sample.headerRow,
                                             vocabulary: Self.vocabulary, profiles: Fixtures.library.profiles)
            #expect(p.fields.count == CanonicalField.allCases.count)
            let yaml = dir.appendingPathComponent("g\(round).yaml")
            try Data(p.yaml.utf8).write(to: yaml)
            if p.canKeyRows {
                let loaded = try MappingProfile.load(url: yaml, vocabularyDirectory: Fixtures.importers)
                let bound = loaded.bind(headers: sample.headers)
                for g in p.fields where g.column != nil { #expect(bound.column(g.field) == g.column, "round \(round) \(g.field)") }
            }
        }
    }
}
