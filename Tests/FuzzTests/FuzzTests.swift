import CapitalCore
import Foundation
import Funding
import Optimizer
import Planning
@testable import Register
@testable import Spreadsheets
import Testing
import Valuation

/// Seeded, in-process mutation fuzzing of every file capital reads (issue 14): the register readers (CSV, and
/// XLSX at both the ZIP and the XML level) through the normaliser, the YAML files (planning policy,
/// contributions, mapping profiles) through what consumes them, the demand and shares files, and the
/// optimiser's model JSON through the solver. A finding is a trap (the process dies: rerun with
/// `CAPITAL_FUZZ_SAVE=DIR` to keep the input), a hang, or a reader error that is not a `UserError`.
/// `bench/fuzz` runs the same campaigns longer.
@Suite struct FuzzTests {
    static let root = FuzzConfig.packageRoot
    static let library = try! ProfileLibrary(directory: root.appendingPathComponent("importers"))
    static let asOf = CalendarDate(year: 2025, month: 4, day: 1)!

    static func text(_ path: String) -> [UInt8] { Array(try! Data(contentsOf: root.appendingPathComponent(path))) }

    /// Reads every row of `source` and normalises it, as an import does (no database).
    static func normaliseAll(_ source: RowSource, profile: String, fullRows: Bool) throws {
        let bound = try library.select(.named(profile), headers: source.headers)
        let n = Normaliser(profile: bound, trust: "R1A", fileName: "fuzz", asOf: asOf, fullRows: fullRows)
        var rows = 0
        while let row = try source.nextRow() {
            _ = n.normalise(row)
            _ = row.jsonText
            rows += 1
        }
    }

    /// Runs `body` on `iterations` mutations of the seeds; a thrown error must be one the CLI reports plainly.
    static func campaign(_ name: String, seeds: [[UInt8]], iterations: Int, salt: UInt64,
                         allowed: (Error) -> Bool = { $0 is UserError }, _ body: ([UInt8]) throws -> Void) {
        var m = Mutator(seed: FuzzConfig.seed ^ salt)
        var failures = 0, unexpected: [String] = []
        for i in 0..<FuzzConfig.iterations(iterations) {
            var input = seeds[i % seeds.count]
            input = m.mutate(input)
            if i % 7 == 0 { input = m.mutate(input) } // now and then a second round: further from the seed
            FuzzConfig.save(input, name, i)
            do { try body(input) } catch {
                failures += 1
                if !allowed(error), unexpected.count < 5 { unexpected.append("iteration \(i): \(type(of: error)): \(error)") }
            }
        }
        print("fuzz \(name): \(FuzzConfig.iterations(iterations)) inputs (seed \(FuzzConfig.seed)), \(failures) refused with an error, none trapped")
        #expect(unexpected.isEmpty, "\(name): errors that are not user errors: \(unexpected)")
    }

    @Test func csvRegisters() throws {
        let seeds = [Self.text("Tests/Fixtures/samples/cmms-export-example.csv"), Self.text("Tests/Fixtures/samples/finance-far-example.csv")]
        Self.campaign("csv", seeds: seeds, iterations: 1500, salt: 1) { bytes in
            let source = try CSVRowSource(input: MemoryByteInput(bytes), name: "fuzz.csv")
            let profile = source.headers.contains { $0.lowercased().contains("asset number") } ? "finance-far" : "cmms-equip"
            try Self.normaliseAll(source, profile: profile, fullRows: true)
        }
    }

    /// The sample export as XLSX parts: shared and inline strings, a date-styled number, a custom format.
    static func xlsxParts() throws -> [(name: String, bytes: [UInt8])] {
        let csv = try CSVRowSource(input: MemoryByteInput(text("Tests/Fixtures/samples/cmms-export-example.csv")))
        var rows = [csv.headers]
        while let r = try csv.nextRow() { rows.append(r.values) }
        var shared: [String] = [], index: [String: Int] = [:]
        var sheet = #"<?xml version="1.0" encoding="UTF-8"?><worksheet><sheetData>"#
        for (r, row) in rows.prefix(12).enumerated() {
            sheet += "<row r=\"\(r + 1)\">"
            for (c, v) in row.enumerated() {
                let ref = XLSXWriter.columnLetters(c) + String(r + 1)
                var esc: [UInt8] = []
                XLSXWriter.appendEscaped(v, to: &esc)
                let e = String(decoding: esc, as: UTF8.self)
                if r > 0, c == 7, case .success(let date) = ValueParsers.date(v, order: .dmy) {
                    sheet += "<c r=\"\(ref)\" s=\"\(r % 2 + 1)\"><v>\(ExcelDate.serial(for: date))</v></c>"
                } else if c % 2 == 0 {
                    let i = index[v] ?? { shared.append(v); index[v] = shared.count - 1; return shared.count - 1 }()
                    sheet += "<c r=\"\(ref)\" t=\"s\"><v>\(i)</v></c>"
                } else {
                    sheet += "<c r=\"\(ref)\" t=\"inlineStr\"><is><t>\(e)</t></is></c>"
                }
            }
            sheet += "</row>"
        }
        sheet += "</sheetData></worksheet>"
        var sst = #"<?xml version="1.0" encoding="UTF-8"?><sst>"#
        for s in shared {
            var esc: [UInt8] = []
            XLSXWriter.appendEscaped(s, to: &esc)
            sst += "<si><t>\(String(decoding: esc, as: UTF8.self))</t></si>"
        }
        sst += "<!-- a comment --></sst>"
        return [
            ("xl/workbook.xml", Array(#"<?xml version="1.0"?><workbook xmlns:r="r"><workbookPr date1904="0"/><sheets><sheet name="Assets" sheetId="1" r:id="rId1"/></sheets></workbook>"#.utf8)),
            ("xl/_rels/workbook.xml.rels", Array(#"<?xml version="1.0"?><Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>"#.utf8)),
            ("xl/styles.xml", Array(#"<styleSheet><numFmts><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/></cellXfs></styleSheet>"#.utf8)),
            ("xl/sharedStrings.xml", Array(sst.utf8)),
            ("xl/worksheets/sheet1.xml", Array(sheet.utf8)),
        ]
    }

    static func writeZip(_ parts: [(name: String, bytes: [UInt8])], to url: URL, deflate: Bool) throws {
        let z = try ZipWriter(url: url)
        for p in parts {
            try z.beginEntry(p.name, deflate: deflate)
            try z.write(p.bytes)
            try z.endEntry()
        }
        try z.close()
    }

    static func readXLSX(_ url: URL) throws {
        let source = try XLSXRowSource(url: url)
        try normaliseAll(source, profile: "cmms-equip", fullRows: false)
    }

    /// The XLSX reader on mutated archives: the ZIP structure itself (directory, headers, deflate streams).
    @Test func xlsxArchives() throws {
        let dir = FuzzConfig.tempDirectory("zip")
        defer { try? FileManager.default.removeItem(at: dir) }
        let parts = try Self.xlsxParts()
        try Self.writeZip(parts, to: dir.appendingPathComponent("deflated.xlsx"), deflate: true)
        try Self.writeZip(parts, to: dir.appendingPathComponent("stored.xlsx"), deflate: false)
        let seeds = [Array(try Data(contentsOf: dir.appendingPathComponent("deflated.xlsx"))),
                     Array(try Data(contentsOf: dir.appendingPathComponent("stored.xlsx")))]
        let url = dir.appendingPathComponent("fuzz.xlsx")
        Self.campaign("xlsx-zip", seeds: seeds, iterations: 400, salt: 2) { bytes in
            try Data(bytes).write(to: url)
            try Self.readXLSX(url)
        }
    }

    /// The XLSX reader on well-formed archives holding mutated XML: sheet, shared strings, styles, workbook, rels.
    @Test func xlsxParts() throws {
        let dir = FuzzConfig.tempDirectory("xml")
        defer { try? FileManager.default.removeItem(at: dir) }
        let parts = try Self.xlsxParts()
        let url = dir.appendingPathComponent("fuzz.xlsx")
        // The seed is one part's bytes; which part is mutated goes round with the iteration.
        var turn = 0
        Self.campaign("xlsx-xml", seeds: parts.map(\.bytes), iterations: 500, salt: 3) { bytes in
            var mutated = parts
            let k = turn % parts.count
            turn += 1
            mutated[k].bytes = bytes
            try Self.writeZip(mutated, to: url, deflate: turn % 3 == 0)
            try Self.readXLSX(url)
        }
    }

    static let policySeeds = [text("examples/policy.yaml"), text("examples/sample-policy.yaml")]
    /// Named as examples/policy.yaml names them (its must_replace rule), so the seeds reach the plan model.
    static let assets = [
        PlanAsset(trust: "R1A", site: "NC01", tag: "EQ0000092", modality: .ct, installDate: CalendarDate(year: 2015, month: 1, day: 1)!,
                  purchaseCost: .pounds(800_000), failuresLastYear: 3, downtimeHoursLastYear: 40),
        PlanAsset(trust: "R1F", site: "SC01", tag: "A-0000001", modality: .mri, installDate: CalendarDate(year: 2010, month: 6, day: 1)!,
                  purchaseCost: .pounds(1_100_000), supportEnd: CalendarDate(year: 2024, month: 1, day: 1)),
        PlanAsset(trust: "R1A", site: "NC01", tag: "XR1", modality: .generalRadiography, installDate: CalendarDate(year: 2020, month: 1, day: 1)!),
    ]

    /// Policies, through the parser and into the plan model (where a century at 30% once trapped).
    @Test func planningPolicies() {
        Self.campaign("policy", seeds: Self.policySeeds, iterations: 500, salt: 4, allowed: { _ in true }) { bytes in
            let policy = try PlanningPolicy.parse(yaml: String(decoding: bytes, as: UTF8.self), fileName: "fuzz.yaml")
            let demand = [DemandEntry(trust: "R1A", modality: .ct, scansPerYear: 30_000)]
            let model = try PlanModel(assets: Self.assets, policy: policy, demand: demand)
            _ = model.entries.map { e in e.patterns.map { e.penalty($0) } }
        }
    }

    /// Contributions files, through the parser and the share calculation.
    @Test func contributionsFiles() {
        Self.campaign("contributions", seeds: [Self.text("examples/contributions.yaml")], iterations: 500, salt: 5) { bytes in
            let c = try ContributionsFile.parse(yaml: String(decoding: bytes, as: UTF8.self), fileName: "fuzz.yaml")
            let holdings = [EquipmentHolding(trust: "AAA", assetTag: "X", modality: .ct, purchaseCost: .pounds(500_000),
                                             installDate: CalendarDate(year: 2020, month: 1, day: 1), expectedLifeYears: 10, exclusiveToNetwork: true)]
            _ = try SharesReport.compute(contributions: c, equipment: holdings)
        }
    }

    /// Mapping profiles (the vocabulary they extend left whole), bound to a sample's headers and used on its rows.
    @Test func mappingProfiles() throws {
        let dir = FuzzConfig.tempDirectory("profiles")
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data(Self.text("importers/vocabulary.yaml")).write(to: dir.appendingPathComponent("vocabulary.yaml"))
        let url = dir.appendingPathComponent("fuzz.yaml")
        let sample = Self.text("Tests/Fixtures/samples/cmms-export-example.csv")
        Self.campaign("profile", seeds: [Self.text("importers/cmms-equip.yaml"), Self.text("importers/cmms-mems.yaml")],
                      iterations: 150, salt: 6) { bytes in
            try Data(bytes).write(to: url)
            let profile = try MappingProfile.load(url: url)
            let source = try CSVRowSource(input: MemoryByteInput(sample))
            let n = Normaliser(profile: profile.bind(headers: source.headers), trust: "R1A", fileName: "fuzz.csv", asOf: Self.asOf)
            while let row = try source.nextRow() { _ = n.normalise(row) }
        }
    }

    static let modelSeed = Array("""
        {"resources": [{"id": "budget:2027", "limit": 1500000}, {"id": "budget:2028", "limit": 900000}],
         "items": [{"id": "CT-001", "options": [
           {"label": "2027", "penalty": 0, "uses": {"budget:2027": 800000}},
           {"label": "2028", "penalty": 1200.5, "uses": {"budget:2028": 820000}},
           {"label": "defer", "penalty": 5000, "uses": {}}]},
          {"id": "MR-002", "options": [
           {"label": "2027", "penalty": 10, "uses": {"budget:2027": 900000}},
           {"label": "defer", "penalty": 7000}]}]}
        """.utf8)

    /// `capital solve` input: decoded, validated and, when small, solved.
    @Test func modelJSON() {
        Self.campaign("model", seeds: [Self.modelSeed], iterations: 600, salt: 7, allowed: { $0 is ModelError }) { bytes in
            let model = try OptimizationModel.decode(from: Data(bytes))
            if model.items.count <= 50 { _ = solve(model, options: SolverOptions(timeLimit: 0.05)) }
        }
    }

    /// Demand CSV and shares JSON, the two small files `capital plan` and `capital calls` read.
    @Test func demandAndSharesFiles() throws {
        let policy = try PlanningPolicy.parse(yaml: String(decoding: Self.policySeeds[0], as: UTF8.self))
        let demand = Array("trust,site,modality,scans_per_year,growth\nRAA,RAA01,CT,30000,0.03\nRBB,,MRI,9000,\n".utf8)
        Self.campaign("demand", seeds: [demand], iterations: 300, salt: 8) { bytes in
            let entries = try DemandFile.parse(csv: String(decoding: bytes, as: UTF8.self), fileName: "fuzz.csv")
            _ = try PlanModel(assets: Self.assets, policy: policy, demand: entries)
        }
        let shares = Array("""
            {"formed": "2025-04-01", "methods": [
              {"method": "contribution", "total": "300.00", "trusts": [
                {"trust": "RAA", "categories": {}, "total": "100.00", "share": "0.3333333333333333333333333333333333333", "percent": "33.34"},
                {"trust": "RBB", "categories": {}, "total": "200.00", "share": "0.6666666666666666666666666666666666667", "percent": "66.66"}]}]}
            """.utf8)
        let simple = Array(#"{"shares": {"RAA": "0.25", "RBB": "0.75"}}"#.utf8)
        Self.campaign("shares", seeds: [shares, simple], iterations: 300, salt: 9) { bytes in
            _ = try SharesFile.parse(json: String(decoding: bytes, as: UTF8.self), fileName: "fuzz.json")
        }
    }
}
