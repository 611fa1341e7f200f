import CapitalCore
import Foundation
import Yams

/// `network.yaml`: what ``SampleNetwork/generate(trusts:assetsPerTrust:seed:into:asOf:)`` wrote, read back by the
/// loader that creates the network, its trusts and sites and imports each register. Read and written with Yams
/// through `Codable`, so any YAML editor's rewrite of the file still loads.
public struct SampleManifest: Codable, Sendable, Equatable {
    /// The network as a whole.
    public struct Network: Codable, Sendable, Equatable {
        /// The network's name.
        public let name: String
        /// Its structure (`hosted`, `collaboration`, …), as `NetworkStructure` spells it.
        public let form: String
        /// The generator's seed: the same seed writes the same files.
        public let seed: UInt64
        /// The "as of" date the registers were written for (install dates and ages are relative to it).
        public let asOf: CalendarDate

        enum CodingKeys: String, CodingKey {
            case name, form, seed
            case asOf = "as_of"
        }
    }

    /// One trust's register file and what it holds.
    public struct RegisterFile: Codable, Sendable, Equatable {
        /// The file's name, relative to the manifest's folder.
        public let file: String
        /// The mapping profile (in `importers/`) that reads it.
        public let profile: String
        /// The export shape, as ``SampleNetwork/Layout``'s raw value.
        public let layout: String
        /// Data rows written (assets, the duplicate, non-imaging and invalid rows).
        public let rows: Int
        /// Imaging assets an import should load.
        public let expectedAssets: Int
        /// Rows that are not imaging equipment (an import skips them).
        public let nonImagingRows: Int
        /// Rows that repeat an earlier row exactly.
        public let exactDuplicates: Int
        /// Rows written invalid on purpose (an import reports them).
        public let invalidRows: Int

        enum CodingKeys: String, CodingKey {
            case file, profile, layout, rows
            case expectedAssets = "expected_assets"
            case nonImagingRows = "non_imaging_rows"
            case exactDuplicates = "exact_duplicates"
            case invalidRows = "invalid_rows"
        }
    }

    /// One member trust.
    public struct Trust: Codable, Sendable, Equatable {
        /// The trust's ODS code (e.g. `RXA`).
        public let code: String
        /// The trust's name.
        public let name: String
        /// Whether it is a foundation trust.
        public let foundationTrust: Bool
        /// Its sites' names, in order (finance files use the codes ``SampleManifest/siteCodes(_:)`` gives them).
        public let sites: [String]
        /// Its register file.
        public let register: RegisterFile

        enum CodingKeys: String, CodingKey {
            case code, name
            case foundationTrust = "foundation_trust"
            case sites, register
        }
    }

    /// The network.
    public let network: Network
    /// The member trusts, in the order they were generated.
    public let trusts: [Trust]

    /// Creates a manifest from its parts.
    public init(network: Network, trusts: [Trust]) {
        self.network = network
        self.trusts = trusts
    }

    /// Reads a manifest; a file that is not one gives a ``UserError`` naming it.
    public static func read(_ url: URL) throws -> SampleManifest {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { throw UserError("cannot read \(url.path)") }
        let manifest: SampleManifest
        do {
            manifest = try YAMLDecoder().decode(SampleManifest.self, from: text)
        } catch {
            throw UserError("\(url.lastPathComponent) is not a network.yaml written by `capital sample`: \(error)")
        }
        guard !manifest.trusts.isEmpty else { throw UserError("\(url.lastPathComponent) lists no trusts") }
        return manifest
    }

    /// Writes the manifest as YAML, after a comment line saying what wrote it.
    public func write(to url: URL) throws {
        let yaml = try YAMLEncoder().encode(self)
        let text = "# Sample imaging network written by SampleNetwork.generate (deterministic for the seed).\n" + yaml
        try Data(text.utf8).write(to: url)
    }

    /// The site codes the generator writes in finance registers for a trust's sites, in order: two capitals of
    /// the name and its number (e.g. `NG01`), so CMMS files (site names) and finance files (codes) meet.
    public static func siteCodes(_ sites: [String]) -> [String] {
        sites.enumerated().map { i, s in String(s.filter(\.isUppercase).prefix(2)) + (i < 9 ? "0" : "") + String(i + 1) }
    }
}
