import Foundation
@testable import Samples
import Testing
import Yams
@testable import Register
import CapitalCore

@Suite struct GeneratorTests {
    func files(_ dir: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: dir.path) { out[name] = try Data(contentsOf: dir.appendingPathComponent(name)) }
        return out
    }

    @Test func sameSeedGivesByteIdenticalFiles() throws {
        let a = Fixtures.tempDir("a"), b = Fixtures.tempDir("b"), c = Fixtures.tempDir("c")
        try SampleNetwork.generate(trusts: 7, assetsPerTrust: 120, seed: 2024, into: a)
        try SampleNetwork.generate(trusts: 7, assetsPerTrust: 120, seed: 2024, into: b)
        try SampleNetwork.generate(trusts: 7, assetsPerTrust: 120, seed: 2025, into: c)
        let fa = try files(a), fb = try files(b), fc = try files(c)
        #expect(fa.count == 8)
        #expect(fa == fb)
        #expect(fa["R1A-cmms-equip.csv"] != fc["R1A-cmms-equip.csv"])
    }

    @Test func networkImportsWithTheInjectedMessOnly() throws {
        let dir = Fixtures.tempDir()
        let trusts = try SampleNetwork.generate(trusts: 6, assetsPerTrust: 300, seed: 7, into: dir)
        #expect(Set(trusts.map(\.layout)) == Set(SampleNetwork.Layout.allCases))
        #expect(trusts.filter { $0.layout == .equipCSVSemicolon }.count == 1)
        for t in trusts {
            #expect((2...4).contains(t.sites.count))
            let r = try RegisterImport.run(url: dir.appendingPathComponent(t.file), trust: t.code, profile: .auto,
                                           importers: Fixtures.library, asOf: Fixtures.asOf) { _ in }
            #expect(r.mapping.profile == t.profile, "\(t.file)")
            let s = r.report.summary
            #expect(s.rowsRead == t.rows, "\(t.file)")
            #expect(s.valid == t.assets, "\(t.file)")
            #expect(s.skippedExactDuplicates == 1, "\(t.file)")
            #expect(s.skippedNonImaging == t.nonImagingRows && t.nonImagingRows > 0, "\(t.file)")
            #expect(s.skippedUnrecognised == 0, "\(t.file)")
            #expect(s.rejected == t.invalidRows, "\(t.file)")
            if t.code == "R1A" {
                #expect(t.invalidRows == 5)
                #expect(Set(r.report.issues.filter { $0.severity == .error }.map(\.rule)) == [.invalidDate, .negativeMoney, .required, .excelDamaged, .duplicateTag])
            } else {
                #expect(t.invalidRows == 0 && s.errors == 0, "\(t.file)")
            }
        }
        let r1 = try RegisterReader.open(url: dir.appendingPathComponent(trusts[0].file))
        #expect(r1.encoding == .windows1252)
        let r2 = try RegisterReader.open(url: dir.appendingPathComponent(trusts[1].file))
        #expect(r2.encoding == .utf8BOM)
        let r4 = try RegisterReader.open(url: dir.appendingPathComponent(trusts[3].file))
        #expect(r4.delimiter == ";")
    }

    @Test func manifestIsYAMLListingTrusts() throws {
        let dir = Fixtures.tempDir()
        try SampleNetwork.generate(trusts: 3, assetsPerTrust: 20, seed: 1, into: dir)
        let text = try String(contentsOf: dir.appendingPathComponent("network.yaml"), encoding: .utf8)
        let y = try #require(try Yams.load(yaml: text) as? [String: Any])
        let trusts = try #require(y["trusts"] as? [[String: Any]])
        #expect(trusts.map { $0["code"] as? String } == ["R1A", "R1F", "RXK"])
        #expect(trusts.allSatisfy { $0["foundation_trust"] is Bool && ($0["sites"] as? [String])?.isEmpty == false })
        #expect((trusts[2]["register"] as? [String: Any])?["profile"] as? String == "finance-far")
    }

    @Test func manifestReadsBackWhatWasWrittenAndAnyEditorsRewrite() throws {
        let dir = Fixtures.tempDir()
        let written = try SampleNetwork.generate(trusts: 2, assetsPerTrust: 10, seed: 7, into: dir)
        let manifest = try SampleManifest.read(dir.appendingPathComponent("network.yaml"))
        #expect(manifest.network.seed == 7 && manifest.network.asOf == CalendarDate(year: 2025, month: 4, day: 1))
        #expect(manifest.trusts.map(\.code) == written.map(\.code))
        #expect(manifest.trusts == written)
        #expect(manifest.trusts.map(\.sites) == written.map(\.sites))
        // The same manifest as a person might rewrite it: flow style, other quoting, keys in another order.
        let edited = dir.appendingPathComponent("edited.yaml")
        try Data("""
            trusts:
              - {register: {file: a.csv, profile: cmms-equip, layout: "cmms-equip CSV Windows-1252", rows: 1, expected_assets: 1,
                  non_imaging_rows: 0, exact_duplicates: 0, invalid_rows: 0},
                 code: "RAA", name: 'A Trust', foundation_trust: yes, sites: [One Hospital]}
            network: {name: N, form: hosted, seed: 3, as_of: "2024-04-01"}
            """.utf8).write(to: edited)
        let read = try SampleManifest.read(edited)
        #expect(read.trusts.first?.foundationTrust == true && read.trusts.first?.sites == ["One Hospital"])
        #expect(read.network.asOf == CalendarDate(year: 2024, month: 4, day: 1))
        // Not a manifest: an error naming the file.
        try Data("trusts: 3\n".utf8).write(to: edited)
        #expect(throws: UserError.self) { try SampleManifest.read(edited) }
    }

    @Test func splitMixIsStable() {
        var r = SplitMix64(seed: 0)
        #expect(r.next() == 0xE220_A839_7B1D_CDAF) // reference value of SplitMix64 for seed 0
    }
}
