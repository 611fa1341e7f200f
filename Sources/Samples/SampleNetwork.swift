import Foundation
import CapitalCore
import Spreadsheets

/// A deterministic, realistic sample imaging network for demos, tests and benchmarks: one register file
/// per trust in the shipped export shapes (CMMS e-Quip and MEMS styles, finance fixed-asset register; CSV
/// and XLSX; Windows-1252, UTF-8 with BOM, one `;`-delimited file), plus a `network.yaml` manifest.
///
/// Same seed, same bytes: it uses its own SplitMix64 generator and a fixed "as of" date, never the clock
/// or the system random source. Files are streamed, so a million-row register is written in constant memory.
/// Mess is injected on purpose: manufacturer aliases, missing-value words, an exact duplicate row and
/// non-imaging rows in every file, and a handful of invalid rows in the first trust's file only.
public enum SampleNetwork {
    /// One export shape the generator can write.
    public enum Layout: String, Sendable, CaseIterable, Codable {
        case equipCSV1252 = "cmms-equip CSV Windows-1252"
        case memsCSVBOM = "cmms-mems CSV UTF-8 BOM"
        case financeXLSX = "finance-far XLSX"
        case equipCSVSemicolon = "cmms-equip CSV semicolon"
        case memsXLSX = "cmms-mems XLSX"
        case financeCSV = "finance-far CSV"

        var profile: String {
            switch self {
            case .equipCSV1252, .equipCSVSemicolon: return "cmms-equip"
            case .memsCSVBOM, .memsXLSX: return "cmms-mems"
            case .financeXLSX, .financeCSV: return "finance-far"
            }
        }
        var isXLSX: Bool { self == .financeXLSX || self == .memsXLSX }
    }

    /// What was written for one trust: an entry of `network.yaml` (``SampleManifest``), its register under
    /// `register:` there.
    public struct TrustFile: Sendable, Equatable, Codable {
        /// The trust's ODS-like code (e.g. `R1A`).
        public let code: String
        /// The trust's name.
        public let name: String
        /// Whether it is a foundation trust.
        public let foundationTrust: Bool
        /// Its sites' names, in order.
        public let sites: [String]
        /// The register file's name, in the output directory.
        public let file: String
        /// The mapping profile that reads the file (`cmms-equip`, `cmms-mems` or `finance-far`).
        public let profile: String
        /// The export shape written.
        public let layout: Layout
        /// Data rows written (assets + duplicate + non-imaging + invalid rows).
        public var rows: Int
        /// Imaging assets written: the assets an import should load.
        public let assets: Int
        /// Rows describing equipment that is not imaging (an import skips them).
        public var nonImagingRows: Int
        /// Rows repeating an earlier row exactly (an import skips them with a warning).
        public var exactDuplicates: Int
        /// Rows written invalid on purpose (an import rejects them).
        public var invalidRows: Int

        enum CodingKeys: String, CodingKey {
            case code, name
            case foundationTrust = "foundation_trust"
            case sites, register
        }
        enum RegisterKeys: String, CodingKey {
            case file, profile, layout, rows
            case assets = "expected_assets"
            case nonImagingRows = "non_imaging_rows"
            case exactDuplicates = "exact_duplicates"
            case invalidRows = "invalid_rows"
        }

        init(code: String, name: String, foundationTrust: Bool, sites: [String], file: String, profile: String,
             layout: Layout, rows: Int, assets: Int, nonImagingRows: Int, exactDuplicates: Int, invalidRows: Int) {
            self.code = code; self.name = name; self.foundationTrust = foundationTrust; self.sites = sites
            self.file = file; self.profile = profile; self.layout = layout; self.rows = rows; self.assets = assets
            self.nonImagingRows = nonImagingRows; self.exactDuplicates = exactDuplicates; self.invalidRows = invalidRows
        }

        /// Reads a `network.yaml` trust entry.
        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            let r = try c.nestedContainer(keyedBy: RegisterKeys.self, forKey: .register)
            self.init(code: try c.decode(String.self, forKey: .code), name: try c.decode(String.self, forKey: .name),
                      foundationTrust: try c.decode(Bool.self, forKey: .foundationTrust),
                      sites: try c.decode([String].self, forKey: .sites),
                      file: try r.decode(String.self, forKey: .file), profile: try r.decode(String.self, forKey: .profile),
                      layout: try r.decode(Layout.self, forKey: .layout), rows: try r.decode(Int.self, forKey: .rows),
                      assets: try r.decode(Int.self, forKey: .assets),
                      nonImagingRows: try r.decode(Int.self, forKey: .nonImagingRows),
                      exactDuplicates: try r.decode(Int.self, forKey: .exactDuplicates),
                      invalidRows: try r.decode(Int.self, forKey: .invalidRows))
        }

        /// Writes the `network.yaml` trust entry.
        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(code, forKey: .code)
            try c.encode(name, forKey: .name)
            try c.encode(foundationTrust, forKey: .foundationTrust)
            try c.encode(sites, forKey: .sites)
            var r = c.nestedContainer(keyedBy: RegisterKeys.self, forKey: .register)
            try r.encode(file, forKey: .file)
            try r.encode(profile, forKey: .profile)
            try r.encode(layout, forKey: .layout)
            try r.encode(rows, forKey: .rows)
            try r.encode(assets, forKey: .assets)
            try r.encode(nonImagingRows, forKey: .nonImagingRows)
            try r.encode(exactDuplicates, forKey: .exactDuplicates)
            try r.encode(invalidRows, forKey: .invalidRows)
        }
    }

    /// The layout for the trust at `index`: the first six trusts cover every layout once (only trust 4
    /// is `;`-delimited); later trusts cycle through the others.
    public static func layout(forTrust index: Int) -> Layout {
        let first: [Layout] = [.equipCSV1252, .memsCSVBOM, .financeXLSX, .equipCSVSemicolon, .memsXLSX, .financeCSV]
        if index < first.count { return first[index] }
        let rest: [Layout] = [.equipCSV1252, .memsCSVBOM, .financeXLSX, .memsXLSX, .financeCSV]
        return rest[(index - first.count) % rest.count]
    }

    /// The finance register and ground-truth file names `generate(…, finance: true)` writes for a trust.
    public static func financeFiles(code: String) -> (register: String, truth: String) { SampleFinance.files(code: code) }

    /// Writes registers for `trusts` trusts of `assetsPerTrust` imaging assets each into `directory`, plus
    /// `network.yaml`. Returns what was written per trust.
    @discardableResult
    /// With `finance`, each trust whose register is a CMMS export also gets its finance register and the pairs' ground
    /// truth (``SampleFinance``).
    public static func generate(trusts: Int, assetsPerTrust: Int, seed: UInt64, into directory: URL,
                                asOf: CalendarDate = CalendarDate(year: 2025, month: 4, day: 1)!, finance: Bool = false) throws -> [TrustFile] {
        precondition(trusts >= 1 && trusts <= SampleCatalogue.trustCodes.count, "1 to \(SampleCatalogue.trustCodes.count) trusts")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var rng = SplitMix64(seed: seed)
        var out: [TrustFile] = []
        var usedPlaces = Set<String>()
        for t in 0..<trusts {
            var place = rng.pick(SampleCatalogue.placeWords)
            while usedPlaces.contains(place) { place = rng.pick(SampleCatalogue.placeWords) }
            usedPlaces.insert(place)
            let foundation = rng.chance(60)
            let name = "\(place) \(rng.chance(50) ? "Hospitals" : "Teaching Hospitals") NHS \(foundation ? "Foundation " : "")Trust"
            let siteCount = 2 + rng.below(3)
            var sites: [String] = []
            var kinds = SampleCatalogue.siteKinds
            for s in 0..<siteCount {
                let k = kinds.remove(at: rng.below(kinds.count))
                sites.append(s == 0 ? "\(place) \(k)" : "\(rng.pick(SampleCatalogue.placeWords)) \(k)")
            }
            let code = SampleCatalogue.trustCodes[t]
            let layout = layout(forTrust: t)
            let file = "\(code)-\(layout.profile)\(layout.isXLSX ? ".xlsx" : ".csv")"
            var trustRNG = SplitMix64(seed: seed &+ UInt64(t + 1) &* 0x9E37_79B9)
            var tf = TrustFile(code: code, name: name, foundationTrust: foundation, sites: sites, file: file, profile: layout.profile,
                               layout: layout, rows: 0, assets: assetsPerTrust, nonImagingRows: 0, exactDuplicates: 0, invalidRows: 0)
            let far = finance && layout.profile.hasPrefix("cmms")
                ? try SampleFinance(directory: directory, code: code, sites: sites, mems: layout.profile == "cmms-mems", seed: seed &+ UInt64(t), asOf: asOf)
                : nil
            try SampleRows.write(&tf, to: directory.appendingPathComponent(file), injectInvalid: t == 0,
                                 rng: &trustRNG, asOf: asOf, finance: far)
            try far?.close()
            out.append(tf)
        }
        try writeManifest(out, seed: seed, asOf: asOf, to: directory.appendingPathComponent("network.yaml"))
        return out
    }

    /// Writes one register file in `layout` (no manifest): the benchmark's way to get a big single file.
    @discardableResult
    public static func writeRegister(layout: Layout, assets: Int, seed: UInt64, to url: URL, injectInvalid: Bool = false,
                                     asOf: CalendarDate = CalendarDate(year: 2025, month: 4, day: 1)!) throws -> TrustFile {
        var rng = SplitMix64(seed: seed)
        var tf = TrustFile(code: "R1A", name: "Benchmark NHS Trust", foundationTrust: true, sites: ["Northfield General Hospital", "Eastbrook Royal Infirmary"],
                           file: url.lastPathComponent, profile: layout.profile, layout: layout, rows: 0, assets: assets,
                           nonImagingRows: 0, exactDuplicates: 0, invalidRows: 0)
        try SampleRows.write(&tf, to: url, injectInvalid: injectInvalid, rng: &rng, asOf: asOf)
        return tf
    }

    static func writeManifest(_ trusts: [TrustFile], seed: UInt64, asOf: CalendarDate, to url: URL) throws {
        try SampleManifest(network: .init(name: "Sample Imaging Network", form: "hosted", seed: seed, asOf: asOf), trusts: trusts)
            .write(to: url)
    }
}
