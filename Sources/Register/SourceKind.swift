/// Which of a trust's two lists a register file is (issue 18): the clinical-engineering CMMS export, whose rows are
/// the trust's assets, or the finance fixed-asset register, whose rows are kept as finance records and linked to
/// those assets by reconciliation. A profile says which (`source: finance`); `capital import --source` overrides it.
public enum SourceKind: String, Sendable, Codable, CaseIterable {
    case cmms
    case finance
}
