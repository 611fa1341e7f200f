import CapitalCore
import Foundation

/// Every mapping profile in an importers directory, and the choice of one for a file: by name, or
/// automatically by which profile recognises the most headers (it must recognise the asset tag).
///
/// `vocabulary.yaml` is shared vocabulary, not a profile. Ties are broken by profile name and reported in
/// the mapping report's scores, so the choice is deterministic and visible.
public struct ProfileLibrary: Sendable {
    /// How to pick a profile for a file.
    public enum Choice: Sendable, Equatable {
        case named(String)
        /// A profile YAML file anywhere (`--profile PATH`).
        case file(URL)
        case auto
        /// `"auto"` means automatic; a text ending in `.yaml`/`.yml` or holding a `/` is a path; anything else is a
        /// profile name.
        public init(_ text: String) {
            if text == "auto" { self = .auto } else if text.hasSuffix(".yaml") || text.hasSuffix(".yml") || text.contains("/") {
                self = .file(URL(fileURLWithPath: text))
            } else { self = .named(text) }
        }
    }

    /// The importers directory the profiles came from.
    public let directory: URL
    /// The profiles, in file-name order.
    public let profiles: [MappingProfile]

    /// Loads every `*.yaml` profile in `directory` (except `vocabulary.yaml`).
    public init(directory: URL) throws {
        self.directory = directory
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: directory.path) } catch {
            throw UserError("cannot read the importers directory \(directory.path)")
        }
        profiles = try names.filter { ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) && !$0.hasPrefix("vocabulary.") }
            .sorted()
            .map { try MappingProfile.load(url: directory.appendingPathComponent($0)) }
        if profiles.isEmpty { throw UserError("no mapping profiles (*.yaml) in \(directory.path)") }
    }

    /// The profile called `name`.
    public func profile(named name: String) throws -> MappingProfile {
        guard let p = profiles.first(where: { $0.name == name }) else {
            throw UserError("no mapping profile \"\(name)\" in \(directory.path); profiles: \(profiles.map(\.name).joined(separator: ", ")), or auto")
        }
        return p
    }

    /// Chooses and binds a profile for a file with these headers, each of `mapping` (`--map`) applied to it.
    public func select(_ choice: Choice, headers: [String], mapping: [FieldMapping] = []) throws -> BoundProfile {
        let keys = Set(headers.map(TextKey.make))
        for m in mapping where !keys.contains(TextKey.make(m.header)) {
            throw UserError("--map \(m.field.rawValue)=\(m.header): the file has no column \"\(m.header)\"; its headers: "
                            + headers.map { "\"\($0)\"" }.joined(separator: ", "))
        }
        func named(_ p: MappingProfile) throws -> BoundProfile {
            let profile = p.overriding(mapping)
            let bound = profile.bind(headers: headers)
            // A file with no tag column at all can still be keyed by its serials (see the normaliser).
            guard bound.column(.assetTag) != nil || bound.column(.serial) != nil else {
                throw UserError("profile \(profile.name) finds no asset-tag column: no header matches an asset_tag alias, nor a serial one (its serial aliases: "
                                + "\((profile.aliasesAsWritten[.serial] ?? []).joined(separator: ", ").nonEmpty ?? "none"); \(profile.aliasHint(.assetTag, headers: headers))); "
                                + "name the column with --map asset_tag=HEADER")
            }
            return bound
        }
        switch choice {
        case .named(let n):
            return try named(profile(named: n))
        case .file(let url):
            return try named(MappingProfile.load(url: url, vocabularyDirectory: directory))
        case .auto:
            let candidates = profiles.map { $0.overriding(mapping).bind(headers: headers) }
                .sorted { a, b in a.report.mapped.count != b.report.mapped.count ? a.report.mapped.count > b.report.mapped.count : a.profile.name < b.profile.name }
            let scores = candidates.map { ($0.profile.name, $0.report.mapped.count) }
            guard var best = candidates.first(where: { $0.column(.assetTag) != nil }) else {
                throw UserError("no mapping profile recognises these headers as a register with an asset tag: "
                                + headers.map { "\"\($0)\"" }.joined(separator: ", ")
                                + "; asset_tag aliases: " + profiles.map { "\($0.name): \(($0.aliases[.assetTag] ?? []).joined(separator: ", "))" }.joined(separator: "; ")
                                + ". Name the columns with --map asset_tag=HEADER (and others), or give --profile NAME|PATH")
            }
            best.report.chosenAutomatically = true
            best.report.scores = scores
            return best
        }
    }

    /// Convenience: load the directory and select in one call.
    public static func load(_ choice: Choice, headers: [String], directory: URL, mapping: [FieldMapping] = []) throws -> (BoundProfile, MappingReport) {
        let bound = try ProfileLibrary(directory: directory).select(choice, headers: headers, mapping: mapping)
        return (bound, bound.report)
    }
}

private extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
