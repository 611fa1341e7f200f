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

    /// The network.
    public let network: Network
    /// The member trusts and their register files, in the order they were generated.
    public let trusts: [SampleNetwork.TrustFile]

    /// Creates a manifest from its parts.
    public init(network: Network, trusts: [SampleNetwork.TrustFile]) {
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
