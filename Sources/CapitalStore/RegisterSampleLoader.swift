import CapitalCore
import Foundation
import Postgres
import Register

/// Loads a sample network written by `SampleNetwork.generate` (`capital sample`): creates the network,
/// its trusts and their sites from `network.yaml`, then imports every trust's register file.
///
/// For the demo and tests. Sites are created with the codes the generator uses in finance files
/// (two capitals of the name + its number, e.g. `NG01`) and their names, so CMMS files (site names)
/// and finance files (location codes) land on the same sites.
public enum RegisterSampleLoader {
    /// One trust of the manifest.
    public struct ManifestTrust: Sendable, Equatable {
        public var code: String
        public var name: String
        public var foundationTrust: Bool
        public var sites: [String]
        public var file: String
        public var profile: String
        public var expectedAssets: Int
    }

    public struct Manifest: Sendable, Equatable {
        public var networkName: String
        public var structure: String
        public var asOf: CalendarDate
        public var trusts: [ManifestTrust]
    }

    /// Reads the `network.yaml` the generator writes (its fixed layout, not arbitrary YAML).
    public static func readManifest(_ url: URL) throws -> Manifest {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { throw UserError("cannot read \(url.path)") }
        var manifest = Manifest(networkName: "Sample Imaging Network", structure: "hosted",
                                asOf: CalendarDate(year: 2025, month: 4, day: 1)!, trusts: [])
        var current: ManifestTrust?
        func unquote(_ s: Substring) -> String {
            let t = s.trimmingCharacters(in: .whitespaces)
            guard t.hasPrefix("\""), t.hasSuffix("\""), t.count >= 2 else { return t }
            return String(t.dropFirst().dropLast()).replacingOccurrences(of: "\\\"", with: "\"").replacingOccurrences(of: "\\\\", with: "\\")
        }
        func quotedList(_ s: Substring) -> [String] {
            var out: [String] = [], cur = "", inQuote = false, escaped = false
            for ch in s {
                if escaped { cur.append(ch); escaped = false; continue }
                if ch == "\\" && inQuote { escaped = true; continue }
                if ch == "\"" { if inQuote { out.append(cur); cur = "" }; inQuote.toggle(); continue }
                if inQuote { cur.append(ch) }
            }
            return out
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("#") { continue }
            guard let colon = trimmed.firstIndex(of: ":") else { continue }
            var key = trimmed[..<colon]
            let value = trimmed[trimmed.index(after: colon)...]
            if key.hasPrefix("- ") {
                if let c = current { manifest.trusts.append(c) }
                current = ManifestTrust(code: "", name: "", foundationTrust: false, sites: [], file: "", profile: "", expectedAssets: 0)
                key = key.dropFirst(2)
            }
            switch key {
            case "name" where current == nil: manifest.networkName = unquote(value)
            case "form": manifest.structure = unquote(value)
            case "as_of": if let d = CalendarDate(iso: unquote(value)) { manifest.asOf = d }
            case "code": current?.code = unquote(value)
            case "name": current?.name = unquote(value)
            case "foundation_trust": current?.foundationTrust = unquote(value) == "true"
            case "sites": current?.sites = quotedList(value)
            case "file": current?.file = unquote(value)
            case "profile": current?.profile = unquote(value)
            case "expected_assets": current?.expectedAssets = Int(unquote(value)) ?? 0
            default: break
            }
        }
        if let c = current { manifest.trusts.append(c) }
        guard !manifest.trusts.isEmpty else { throw UserError("\(url.lastPathComponent) lists no trusts: is it a network.yaml written by `capital sample`?") }
        return manifest
    }

    /// The site codes the generator writes in finance registers for a trust's sites, in order.
    public static func siteCodes(_ sites: [String]) -> [String] {
        sites.enumerated().map { i, s in String(s.filter(\.isUppercase).prefix(2)) + (i < 9 ? "0" : "") + String(i + 1) }
    }

    /// Creates the network (named `networkName`, or the manifest's name), trusts and sites, then imports
    /// every register with `options` (its profile choice is replaced by the manifest's profile).
    /// Returns one outcome per trust, in manifest order.
    public static func load(directory: URL, connection: Connection, importers: ProfileLibrary, networkName: String? = nil,
                            options: ImportOptions = ImportOptions(),
                            each: ((ManifestTrust, ImportOutcome) -> Void)? = nil) throws -> [ImportOutcome] {
        let manifest = try readManifest(directory.appendingPathComponent("network.yaml"))
        let store = NetworkStore(connection)
        let network = try store.createNetwork(name: networkName ?? manifest.networkName, formedOn: manifest.asOf,
                                              structure: NetworkStructure(rawValue: manifest.structure) ?? .collaboration)
        for t in manifest.trusts {
            try store.addTrust(network: network, odsCode: t.code, name: t.name, kind: t.foundationTrust ? .foundationTrust : .nhsTrust)
            for (code, name) in zip(siteCodes(t.sites), t.sites) where !(try store.sites(network: network, trustCode: t.code).contains { $0.code == code }) {
                try store.addSite(network: network, trustCode: t.code, code: code, name: name)
            }
        }
        var outcomes: [ImportOutcome] = []
        for t in manifest.trusts {
            var o = options
            o.profile = t.profile.isEmpty ? .auto : .named(t.profile)
            let outcome = try RegisterStore(connection).importRegister(file: directory.appendingPathComponent(t.file), network: network,
                                                                       trustCode: t.code, importers: importers, options: o)
            each?(t, outcome)
            outcomes.append(outcome)
        }
        return outcomes
    }
}
