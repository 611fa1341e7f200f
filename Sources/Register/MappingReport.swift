import CapitalCore
/// What a mapping did with a file's columns: the profile used (and, when chosen automatically, every
/// profile's score), each column read and the field it fills, each column ignored and why, and the
/// profile fields the file does not have. Printed before an import so nothing is dropped silently.
public struct MappingReport: Sendable, CustomStringConvertible {
    /// One file column and what became of it.
    public struct Column: Sendable, Equatable {
        /// The column's position, counting from 0 (printed counting from 1).
        public let index: Int
        /// The column's header as the file wrote it.
        public let header: String
        /// The field the column fills; nil for an ignored column.
        public let field: CanonicalField?
        /// Why the column is ignored; nil for a mapped column.
        public let note: String?
    }

    /// The name of the profile used.
    public let profile: String
    /// Whether the profile was chosen by the file's headers rather than by name.
    public var chosenAutomatically: Bool
    /// (profile name, number of headers it recognises), best first, when chosen automatically.
    public var scores: [(profile: String, matched: Int)]
    /// The columns read, in file order.
    public let mapped: [Column]
    /// The columns not read, in file order, each with its note.
    public let ignored: [Column]
    /// The fields the profile has aliases for that no header matched.
    public let missing: [CanonicalField]
    /// The header's physical row number (1 unless a preamble or `--header-row` put it lower).
    public var headerRow = 1
    /// Non-blank rows above the header, skipped as a preamble.
    public var rowsAboveHeader = 0

    /// The report as printed before an import: the profile, any scores, then one line per column and the
    /// fields not in the file.
    public var description: String {
        var lines: [String] = []
        lines.append("profile: \(profile)\(chosenAutomatically ? " (chosen automatically)" : "")")
        if !scores.isEmpty { lines.append("scores: " + scores.map { "\($0.profile) \($0.matched)" }.joined(separator: ", ")) }
        if rowsAboveHeader > 0 || headerRow > 1 {
            lines.append("header: row \(headerRow)" + (rowsAboveHeader > 0 ? " (\(rowsAboveHeader) row(s) above it skipped as a preamble)" : ""))
        }
        for c in mapped { lines.append("  column \(c.index + 1) \"\(c.header)\" -> \(c.field!.rawValue)") }
        for c in ignored { lines.append("  column \(c.index + 1) \"\(c.header)\" ignored (\(c.note ?? ""))") }
        if !missing.isEmpty { lines.append("  not in file: " + missing.map(\.rawValue).joined(separator: ", ")) }
        return lines.joined(separator: "\n")
    }
}
