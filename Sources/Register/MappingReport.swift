import CapitalCore
/// What a mapping did with a file's columns: the profile used (and, when chosen automatically, every
/// profile's score), each column read and the field it fills, each column ignored and why, and the
/// profile fields the file does not have. Printed before an import so nothing is dropped silently.
public struct MappingReport: Sendable, CustomStringConvertible {
    /// One file column and what became of it.
    public struct Column: Sendable, Equatable {
        public var index: Int
        public var header: String
        public var field: CanonicalField?
        public var note: String?
    }

    public var profile: String
    public var chosenAutomatically: Bool
    /// (profile name, number of headers it recognises), best first, when chosen automatically.
    public var scores: [(profile: String, matched: Int)]
    public var mapped: [Column]
    public var ignored: [Column]
    public var missing: [CanonicalField]

    public var description: String {
        var lines: [String] = []
        lines.append("profile: \(profile)\(chosenAutomatically ? " (chosen automatically)" : "")")
        if !scores.isEmpty { lines.append("scores: " + scores.map { "\($0.profile) \($0.matched)" }.joined(separator: ", ")) }
        for c in mapped { lines.append("  column \(c.index + 1) \"\(c.header)\" -> \(c.field!.rawValue)") }
        for c in ignored { lines.append("  column \(c.index + 1) \"\(c.header)\" ignored (\(c.note ?? ""))") }
        if !missing.isEmpty { lines.append("  not in file: " + missing.map(\.rawValue).joined(separator: ", ")) }
        return lines.joined(separator: "\n")
    }
}
