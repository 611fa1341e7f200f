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
        case auto
        /// `"auto"` means automatic; anything else is a profile name.
        public init(_ text: String) { self = text == "auto" ? .auto : .named(text) }
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

    /// Chooses and binds a profile for a file with these headers.
    public func select(_ choice: Choice, headers: [String]) throws -> BoundProfile {
        switch choice {
        case .named(let n):
            let bound = try profile(named: n).bind(headers: headers)
            guard bound.column(.assetTag) != nil else {
                throw UserError("profile \(n) finds no asset-tag column among the headers (\(headers.joined(separator: ", "))); expected one of its asset_tag aliases")
            }
            return bound
        case .auto:
            let candidates = profiles.map { $0.bind(headers: headers) }
                .sorted { a, b in a.report.mapped.count != b.report.mapped.count ? a.report.mapped.count > b.report.mapped.count : a.profile.name < b.profile.name }
            let scores = candidates.map { ($0.profile.name, $0.report.mapped.count) }
            guard var best = candidates.first(where: { $0.column(.assetTag) != nil }) else {
                throw UserError("no mapping profile recognises these headers as a register with an asset tag: \(headers.joined(separator: ", "))")
            }
            best.report.chosenAutomatically = true
            best.report.scores = scores
            return best
        }
    }

    /// Convenience: load the directory and select in one call.
    public static func load(_ choice: Choice, headers: [String], directory: URL) throws -> (BoundProfile, MappingReport) {
        let bound = try ProfileLibrary(directory: directory).select(choice, headers: headers)
        return (bound, bound.report)
    }
}
