import Foundation
import Testing
@testable import Register
import CapitalCore
import Spreadsheets

@Suite struct ProfileTests {
    @Test func shippedProfilesLoad() throws {
        #expect(Fixtures.library.profiles.map(\.name) == ["cmms-equip", "cmms-mems", "finance-far"])
        let mems = try Fixtures.library.profile(named: "cmms-mems")
        #expect(mems.dateOrder == .mdy && mems.vatInclusive)
        #expect(mems.vocabulary.manufacturerAliases["phillips"] == "Philips") // inherited from vocabulary.yaml
        #expect(mems.vocabulary.status("Deployed") == .inUse) // the profile's own addition
    }

    @Test func autoChoosesTheBestProfileAndReportsColumns() throws {
        let headers = ["Asset ID", "Device Type", "Make", "Model Number", "Serial Number", "Location", "Install Date (MM/DD/YYYY)", "Colour"]
        let bound = try Fixtures.library.select(.auto, headers: headers)
        #expect(bound.profile.name == "cmms-mems")
        #expect(bound.report.chosenAutomatically)
        #expect(bound.report.scores.first?.profile == "cmms-mems")
        #expect(bound.column(.installDate) == 6) // matched after dropping the parenthesised note
        #expect(bound.report.ignored.map(\.header) == ["Colour"])
        #expect(bound.report.description.contains("\"Colour\" ignored"))
    }

    @Test func unknownHeadersFailLoudly() {
        #expect(throws: UserError.self) { try Fixtures.library.select(.auto, headers: ["Foo", "Bar"]) }
        #expect(throws: UserError.self) { try Fixtures.library.select(.named("nope"), headers: ["Equipment No"]) }
        #expect(throws: UserError.self) { try Fixtures.library.select(.named("finance-far"), headers: ["Equipment No"]) }
    }

    @Test func badProfileFilesAreUserErrors() throws {
        let dir = Fixtures.tempDir()
        try "name: x\ndate_order: dym\ncolumns:\n  asset_tag: [Tag]\n".write(to: dir.appendingPathComponent("x.yaml"), atomically: true, encoding: .utf8)
        #expect(throws: UserError.self) { try ProfileLibrary(directory: dir) }
    }

    /// Loads `yaml` as a profile file named `name`.yaml outside importers/.
    static func profile(_ yaml: String, name: String = #function) throws -> MappingProfile {
        let url = Fixtures.tempDir(name).appendingPathComponent("p.yaml")
        try yaml.write(to: url, atomically: true, encoding: .utf8)
        return try MappingProfile.load(url: url, vocabularyDirectory: Fixtures.importers)
    }

    static func normalise(_ csv: String, _ profile: MappingProfile) throws -> [RowOutcome] {
        let src = try CSVRowSource(input: MemoryByteInput(csv))
        let n = Normaliser(profile: profile.bind(headers: src.headers), trust: "R1A", fileName: "t.csv", asOf: Fixtures.asOf)
        var out: [RowOutcome] = []
        while let row = try src.nextRow() { out.append(n.normalise(row)) }
        return out
    }

    @Test func dateFormatsSetAColumnsOwnOrderAndYearOnlyDaySetsTheDay() throws {
        let p = try Self.profile("""
            extends: vocabulary
            date_order: dmy
            date_formats: {contract_end: MM/DD/YYYY, end_of_support: mdy}
            year_only_day: "04-01"
            columns:
              asset_tag: [Tag]
              description: [What]
              install_date: [Installed]
              contract_end: [Contract End]
            """)
        #expect(p.dateOrder(for: .installDate) == .dmy && p.dateOrder(for: .contractEnd) == .mdy && p.dateOrder(for: .endOfSupport) == .mdy)
        let rows = try Self.normalise("Tag,What,Installed,Contract End\nT1,CT Scanner,05/04/2012,05/04/2026\nT2,MRI,2011,12/31/2027\n", p)
        #expect(rows[0].asset?.installDate?.iso == "2012-04-05" && rows[0].asset?.contractEnd?.iso == "2026-05-04")
        #expect(rows[1].asset?.installDate?.iso == "2011-04-01" && rows[1].asset?.contractEnd?.iso == "2027-12-31")
        #expect(rows[1].warnings.contains { $0.rule == .approximateDate && $0.message.contains("2011-04-01") })
        // Mistakes name the key and what is allowed.
        for (bad, says) in [("date_formats: {status: dmy}", "not a date field"), ("date_formats: {install_date: dym}", "must be dmy, mdy or ymd"),
                            ("year_only_day: \"02-29\"", "MM-DD"), ("year_only_day: July", "MM-DD")] {
            do {
                _ = try Self.profile("date_order: dmy\n\(bad)\ncolumns:\n  asset_tag: [Tag]\n", name: says)
                Issue.record("\(bad) was accepted")
            } catch let e as UserError { #expect(e.message.contains(says), "\(e.message)") }
        }
    }

    @Test func aProfileMayKeyRowsBySerialAloneAndExactHeadersBindFirst() throws {
        let p = try Self.profile("""
            extends: vocabulary
            date_order: dmy
            columns:
              serial: [Serial]
              description: [What]
              purchase_cost: [Cost]
            """)
        // "Cost (inc VAT)" comes first and would match "Cost" less its note; the exact "Cost" column wins.
        let bound = p.bind(headers: ["Cost (inc VAT)", "Serial", "What", "Cost"])
        #expect(bound.column(.purchaseCost) == 3)
        // --map replaces a field's aliases as hints show them too.
        #expect(p.overriding([FieldMapping(field: .serial, header: "Serial Number")]).aliasHint(.serial, headers: ["X"]).contains("serial aliases: Serial Number;"))
        let rows = try Self.normalise("Serial,What\nS1,CT Scanner\n,Hospital Bed\n,CT Scanner\n", p)
        #expect(rows[0].asset?.assetTag == "serial:S1")
        // A row with neither tag nor serial that is not imaging is skipped as such; an imaging one is an error.
        #expect(rows[1].skip?.kind == .unrecognisedModality || rows[1].skip?.kind == .nonImaging)
        #expect(rows[2].errors.contains { $0.rule == .required })
        #expect(throws: UserError.self) { try Self.profile("date_order: dmy\ncolumns:\n  description: [What]\n") }
    }
}
