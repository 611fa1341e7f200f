/// Where a document the network keeps in versions (a replacement plan, an ownership share set) stands: saved as a
/// draft, approved (in force: at most one per network), or superseded by a later approval. History is never deleted.
public enum ApprovalStatus: String, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// Saved, not yet in force; only a draft can be approved.
    case draft
    /// In force: the one the network's calls and reports use.
    case approved
    /// Was in force until a later version was approved.
    case superseded

    /// The status as stored and printed (`draft`, `approved`, `superseded`).
    public var description: String { rawValue }
}
