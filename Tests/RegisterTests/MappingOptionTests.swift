import Foundation
import Testing
@testable import Register
import CapitalCore
import Spreadsheets

/// `--map FIELD=HEADER`, `--profile PATH` and the hints errors give about a field (issue 15), for CSV and XLSX.
@Suite struct MappingOptionTests {
    /// The hospital inventory's shape from issue 15: no built-in profile finds its asset tag ("Code").
    static let inventoryHeaders = ["Location", "Code", "Serial Number", "Equipment Type", "Model", "Status", "Manufacturer"]
    static let inventoryRows = [
        ["Main", "C1", "SN-1", "CT Scanner", "Optima 660", "In Use", "GE"],
        ["Main", "C2", "SN-2", "Infusion pump", "GP", "In Use", "Alaris"],
    ]

    static func writeCSV(_ rows: [[String]], to url: URL) throws {
        try Data((rows.map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n").utf8).write(to: url)
    }

    static func writeXLSX(_ rows: [[String]], to url: URL) throws {
        let w = try XLSXWriter(url: url)
        try w.beginSheet("Inventory")
        for r in rows { try w.appendRow(r.map { .text($0) }) }
        try w.close()
    }

    static func run(_ url: URL, profile: ProfileLibrary.Choice = .auto, mapping: [FieldMapping]) throws -> (RegisterImport.Result, [CanonicalAsset]) {
        var assets: [CanonicalAsset] = []
        let r = try RegisterImport.run(url: url, trust: "R1A", profile: profile, importers: Fixtures.library, asOf: Fixtures.asOf,
                                       mapping: mapping) { assets.append($0) }
        return (r, assets)
    }

    @Test func mapParsesAndRefusesUnknownFieldsListingThem() throws {
        #expect(try FieldMapping(parsing: "asset_tag=Code") == FieldMapping(field: .assetTag, header: "Code"))
        #expect(try FieldMapping(parsing: "modality = Equipment Type=2") == FieldMapping(field: .modality, header: "Equipment Type=2"))
        #expect { try FieldMapping(parsing: "tag=Code") } throws: { e in
            (e as? UserError)?.message.contains("unknown field \"tag\"; fields: asset_tag, serial, manufacturer") == true
        }
        #expect(throws: UserError.self) { try FieldMapping(parsing: "asset_tag") }
        #expect(throws: UserError.self) { try FieldMapping(parsing: "asset_tag=") }
    }

    @Test func mapMakesAStrangeFileLoadInCSVAndXLSX() throws {
        let dir = Fixtures.tempDir()
        let rows = [Self.inventoryHeaders] + Self.inventoryRows
        let csv = dir.appendingPathComponent("inventory.csv"), xlsx = dir.appendingPathComponent("inventory.xlsx")
        try Self.writeCSV(rows, to: csv)
        try Self.writeXLSX(rows, to: xlsx)
        for url in [csv, xlsx] {
            // Without --map: no profile finds the tag, and the error lists the headers and the aliases.
            #expect { try Self.run(url, mapping: []) } throws: { e in
                let m = (e as? UserError)?.message ?? ""
                return m.contains("\"Code\"") && m.contains("cmms-equip: equipment no") && m.contains("--map asset_tag=HEADER")
            }
            let (r, assets) = try Self.run(url, mapping: [FieldMapping(field: .assetTag, header: "Code"), FieldMapping(field: .site, header: "location")])
            #expect(r.mapping.profile == "cmms-equip", "\(url.lastPathComponent)")
            #expect(assets.map(\.assetTag) == ["C1"], "\(url.lastPathComponent)")
            #expect(assets.first?.site == "Main" && assets.first?.department == nil, "--map site=location overrides department's alias")
            #expect(r.report.summary.skippedNonImaging == 1)
            // A header the file does not have is an error naming the file's headers.
            #expect { try Self.run(url, mapping: [FieldMapping(field: .assetTag, header: "Tag")]) } throws: { e in
                (e as? UserError)?.message.contains("the file has no column \"Tag\"; its headers: \"Location\", \"Code\"") == true
            }
        }
    }

    @Test func profileAcceptsAPathAndItsErrorsListTheAliases() throws {
        let dir = Fixtures.tempDir()
        let profile = dir.appendingPathComponent("inventory.yaml")
        try """
            name: inventory
            extends: vocabulary
            date_order: dmy
            columns:
              asset_tag: [Code]
              serial: [Serial Number]
              description: [Equipment Type]
              model: [Model]
              manufacturer: [Manufacturer]
              site: [Location]
            """.write(to: profile, atomically: true, encoding: .utf8)
        #expect(ProfileLibrary.Choice(profile.path) == .file(profile))
        #expect(ProfileLibrary.Choice("cmms-equip") == .named("cmms-equip"))
        let rows = [Self.inventoryHeaders] + Self.inventoryRows
        let xlsx = dir.appendingPathComponent("inventory.xlsx")
        try Self.writeXLSX(rows, to: xlsx)
        // vocabulary.yaml is not next to this profile: it comes from the importers directory.
        let (r, assets) = try Self.run(xlsx, profile: .file(profile), mapping: [])
        #expect(r.mapping.profile == "inventory")
        #expect(assets.map(\.assetTag) == ["C1"] && assets.first?.manufacturer == "GE HealthCare")
        // A named profile that finds no tag lists its asset_tag aliases and the headers.
        #expect { try Fixtures.library.select(.named("cmms-equip"), headers: ["Location", "Code", "Model"]) } throws: { e in
            let m = (e as? UserError)?.message ?? ""
            return m.contains("asset_tag aliases: Equipment No, Equipment Number") && m.contains("serial aliases: Serial No") && m.contains("the file's headers: \"Location\", \"Code\", \"Model\"")
        }
    }

    @Test func aHeaderBelowAPreambleIsFoundOrNamedInCSVAndXLSX() throws {
        let dir = Fixtures.tempDir()
        let rows = [["Hospital inventory export"], ["Printed 01/03/2025", "page 1"], [],
                    ["Equipment No", "Description", "Manufacturer", "Model", "Serial No"],
                    ["E1", "CT Scanner", "GE", "Optima 660", "S1"], ["E2", "MRI Scanner", "Philips", "Ingenia", "S2"]]
        let csv = dir.appendingPathComponent("preamble.csv"), xlsx = dir.appendingPathComponent("preamble.xlsx")
        try Self.writeCSV(rows, to: csv)
        try Self.writeXLSX(rows, to: xlsx)
        for url in [csv, xlsx] {
            var assets: [CanonicalAsset] = []
            let found = try RegisterImport.run(url: url, trust: "R1A", profile: .auto, importers: Fixtures.library, asOf: Fixtures.asOf) { assets.append($0) }
            #expect(found.mapping.headerRow == 4 && found.mapping.rowsAboveHeader == 2, "\(url.lastPathComponent)")
            #expect(found.mapping.description.contains("header: row 4 (2 row(s) above it skipped as a preamble)"))
            #expect(assets.map(\.assetTag) == ["E1", "E2"] && assets.map(\.sourceRow) == [5, 6], "\(url.lastPathComponent)")
            #expect(found.report.summary.rowsRead == 2)
            // --header-row names it.
            var named: [CanonicalAsset] = []
            let given = try RegisterImport.run(url: url, trust: "R1A", profile: .named("cmms-equip"), importers: Fixtures.library,
                                               asOf: Fixtures.asOf, headerRow: 4) { named.append($0) }
            #expect(given.mapping.headerRow == 4 && named.map(\.assetTag) == ["E1", "E2"])
            // A header row that is blank, or past the end, says so.
            #expect { try RegisterImport.run(url: url, trust: "R1A", profile: .auto, importers: Fixtures.library, headerRow: 3) { _ in } } throws: { e in
                (e as? UserError)?.message.contains("--header-row 3: row 3 is blank") == true
            }
            #expect { try RegisterImport.run(url: url, trust: "R1A", profile: .auto, importers: Fixtures.library, headerRow: 40) { _ in } } throws: { e in
                (e as? UserError)?.message.contains("no row 40") == true
            }
        }
        // A file whose first row is its header reads as before, with no header line in the report.
        let plain = dir.appendingPathComponent("plain.csv")
        try Self.writeCSV(Array(rows[3...]), to: plain)
        let r = try RegisterImport.run(url: plain, trust: "R1A", profile: .auto, importers: Fixtures.library, asOf: Fixtures.asOf) { _ in }
        #expect(r.mapping.headerRow == 1 && r.mapping.rowsAboveHeader == 0 && !r.mapping.description.contains("header: row"))
    }

    /// Issue 15: a row with no asset tag is keyed by its serial, plus manufacturer and model when another untagged
    /// row has the same serial; a file with no tag column at all loads through a named profile the same way.
    @Test func aMissingTagFallsBackToAStableSerialKey() throws {
        let dir = Fixtures.tempDir()
        let url = dir.appendingPathComponent("untagged.csv")
        try Self.writeCSV([["Equipment No", "Description", "Manufacturer", "Model", "Serial No"],
                           ["E1", "CT Scanner", "GE", "Optima 660", "S9"],
                           ["", "MRI Scanner", "Philips", "Ingenia", "S1"],
                           ["", "CT Scanner", "Siemens", "Force", "S2"],
                           ["", "CT Scanner", "GE", "Revolution", "S2"],
                           ["", "MRI Scanner", "GE", "Signa", ""]], to: url)
        var assets: [CanonicalAsset] = []
        let r = try RegisterImport.run(url: url, trust: "R1A", profile: .auto, importers: Fixtures.library, asOf: Fixtures.asOf) { assets.append($0) }
        #expect(assets.map(\.assetTag) == ["E1", "serial:S1", "serial:S2/Siemens/Force", "serial:S2/GE/Revolution"])
        let derived = r.report.issues.filter { $0.rule == .derivedTag }
        #expect(derived.map(\.row) == [3, 4, 5] && derived.allSatisfy { $0.severity == .warning && $0.column == "Equipment No" })
        #expect(derived.first?.message.contains("keyed by its serial number as serial:S1") == true)
        // No tag and no serial: still an error.
        let e = r.report.issues.first { $0.severity == .error }
        #expect(e?.row == 6 && e?.rule == .required, "\(r.report.issues)")
        // The same file gives the same keys every time (prefetching or not).
        var again: [String] = []
        _ = try RegisterImport.run(url: url, trust: "R1A", profile: .auto, importers: Fixtures.library, asOf: Fixtures.asOf, prefetch: false) {
            again.append($0.assetTag)
        }
        #expect(again == assets.map(\.assetTag))
        // No tag column at all: a named profile keys every row by serial.
        let noTags = dir.appendingPathComponent("no-tags.csv")
        try Self.writeCSV([["Description", "Manufacturer", "Model", "Serial No"], ["CT Scanner", "GE", "Optima 660", "S9"]], to: noTags)
        var keyed: [String] = []
        _ = try RegisterImport.run(url: noTags, trust: "R1A", profile: .named("cmms-equip"), importers: Fixtures.library, asOf: Fixtures.asOf) {
            keyed.append($0.assetTag)
        }
        #expect(keyed == ["serial:S9"])
    }
}
