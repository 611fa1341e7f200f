/// Why a row was left out without being an error: not imaging equipment, no recognisable modality,
/// or an exact repeat of an earlier row. Skips are counted and listed, never silent.
public struct SkipReason: Sendable, Equatable {
    /// The kind of skip, for counting.
    public enum Kind: String, Sendable { case nonImaging = "non_imaging", unrecognisedModality = "unrecognised_modality", exactDuplicate = "exact_duplicate" }
    /// What kind of skip it is.
    public let kind: Kind
    /// The reason in plain English (e.g. `exact duplicate of row 5`).
    public let message: String
    /// The issue to list in the row report (a warning), if any.
    public let issue: ValidationIssue?
    /// The header of the column that decided the skip (empty when none did), for the `--errors` file.
    public var column = ""
    /// That column's value as written (clipped), for the `--errors` file.
    public var value = ""
}

/// What became of one raw row: a canonical asset (with any warnings), a rejection (with at least one
/// error), or a skip with its reason.
public enum RowOutcome: Sendable {
    case asset(CanonicalAsset, warnings: [ValidationIssue])
    case rejected([ValidationIssue])
    case skipped(SkipReason)
}
