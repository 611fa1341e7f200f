import CapitalCore
import Foundation
import Register

/// Text and JSON forms of an import's outcome (`capital import`), so the CLI stays thin.
///
/// The text is for a person (the mapping, issues errors first, counts, the result); the JSON holds everything,
/// every issue included, for a script.
package enum ImportRendering {
    /// `n` with thousands separated by commas (`1,234,567`).
    package static func grouped(_ n: Int) -> String {
        let s = String(n)
        var out = ""
        for (i, ch) in s.enumerated() {
            if i > 0 && (s.count - i) % 3 == 0 && ch != "-" { out.append(",") }
            out.append(ch)
        }
        return out
    }

    /// The outcome as text: the mapping, the file, the first `showIssues` issues (errors first; the rest are in
    /// `errorsFile` when given), the summary counts, what changed in the register and the result line.
    package static func table(_ o: ImportOutcome, showIssues: Int, errorsFile: String?) -> String {
        var out = o.mapping.description + "\n"
        var fileLine = "file: \(o.file) (\(o.format.rawValue)"
        if let e = o.encoding { fileLine += ", \(e.rawValue)" }
        if let s = o.sheet { fileLine += ", sheet \"\(s)\"" }
        fileLine += ", \(grouped(Int(o.fileBytes))) bytes, sha256 \(o.sha256.prefix(16))…) for trust \(o.trust)"
        out += fileLine + "\n"
        if !o.issues.isEmpty {
            let ordered = o.issues.sorted { ($0.severity == .error ? 0 : 1, $0.row) < ($1.severity == .error ? 0 : 1, $1.row) }
            out += "issues (\(o.summary.errors) errors, \(o.summary.warnings) warnings):\n"
            for i in ordered.prefix(showIssues) { out += "  \(i)\n" }
            if ordered.count > showIssues {
                out += "  … and \(ordered.count - showIssues) more" + (errorsFile.map { " (all in \($0))" } ?? " (--errors FILE writes them all)") + "\n"
            }
            let counted = o.summary.errors + o.summary.warnings
            if o.issues.count >= ImportReport.keptIssues && counted > o.issues.count {
                out += "  (\(counted - o.issues.count) issues beyond the first \(ImportReport.keptIssues) are counted but not listed)\n"
            }
        }
        let s = o.summary
        out += "summary: \(s.rowsRead) read, \(o.loaded) loaded, \(s.rejected) rejected, "
            + "\(s.skippedNonImaging + s.skippedUnrecognised + s.skippedExactDuplicates) skipped "
            + "(\(s.skippedNonImaging) not imaging, \(s.skippedUnrecognised) no modality, \(s.skippedExactDuplicates) exact duplicates), "
            + "\(s.warnings) warnings\n"
        switch o.status {
        case .failed:
            out += "result: FAILED, nothing written (\(s.errors) errors)\n"
            return out
        default: break
        }
        if let f = o.finance { out += f.line }
        if o.finance?.asAssets != false { out += "register: \(o.added) added, \(o.updated) updated, \(o.unchanged) unchanged, \(o.missing) missing"
            + (o.missing > 0 ? (o.retired > 0 ? " (\(o.retired) retired)" : " (kept; --retire-missing retires them)") : "") + "\n" }
        if !o.missingTags.isEmpty {
            out += "missing: \(o.missingTags.joined(separator: ", "))\(o.missing > o.missingTags.count ? ", …" : "")\n"
        }
        if !o.sitesCreated.isEmpty { out += "sites created: \(o.sitesCreated.joined(separator: ", "))\n" }
        if o.duplicates > 0 { out += "duplicate devices: \(o.duplicates) (listed above as duplicate_device)\n" }
        if o.rejectsStored > 0 { out += "rejected rows kept in asset_reject: \(o.rejectsStored)\n" }
        let rate = String(format: "%.1f s, %@ rows/s", o.seconds, grouped(Int(o.rowsPerSecond)))
        switch o.status {
        case .loaded: out += "result: \(o.changes) changes, batch \(o.batchID.map(String.init) ?? "?") recorded (\(rate))\n"
        case .unchanged:
            out += "result: 0 changes" + (o.identicalToBatch.map { " (identical to batch \($0))" } ?? "") + "; nothing recorded (\(rate))\n"
        case .dryRun: out += "result: dry run, nothing written: would make \(o.changes) changes (\(rate))\n"
        case .failed: break
        }
        return out
    }

    private struct JSONIssue: Encodable {
        var file: String, row: Int, column: String, value: String, rule: String, message: String, severity: String
    }
    private struct JSONColumn: Encodable { var index: Int; var header: String; var field: String?; var note: String? }
    private struct JSONMapping: Encodable {
        var profile: String; var chosenAutomatically: Bool; var scores: [String: Int]
        var mapped: [JSONColumn]; var ignored: [JSONColumn]; var missing: [String]
        var headerRow: Int; var rowsAboveHeader: Int
    }
    private struct JSONSummary: Encodable {
        var rowsRead, loaded, rejected, skipped, skippedNonImaging, skippedUnrecognised, skippedExactDuplicates, errors, warnings: Int
    }
    private struct JSONOutcome: Encodable {
        var status: String, file: String, trust: String, sha256: String, fileBytes: Int64, format: String, encoding: String?, sheet: String?
        var mapping: JSONMapping
        var summary: JSONSummary
        var added, updated, unchanged, missing, retired, changes, rejectsStored, duplicates: Int
        var missingTags: [String]
        var sitesCreated: [String]
        var source: String = "cmms"
        var finance: FinanceCounts?
        var batch: Int64?
        var identicalToBatch: Int64?
        var seconds: Double
        var rowsPerSecond: Int
        var issues: [JSONIssue]
    }

    /// The outcome as one JSON document, keys in snake case and sorted: status, file, mapping, summary, the
    /// register's counts and every issue (no newline at the end).
    package static func json(_ o: ImportOutcome) throws -> String {
        let m = o.mapping, s = o.summary
        let doc = JSONOutcome(
            status: o.status.rawValue, file: o.file, trust: o.trust, sha256: o.sha256, fileBytes: o.fileBytes, format: o.format.rawValue,
            encoding: o.encoding?.rawValue, sheet: o.sheet,
            mapping: JSONMapping(profile: m.profile, chosenAutomatically: m.chosenAutomatically,
                                 scores: Dictionary(m.scores.map { ($0.profile, $0.matched) }, uniquingKeysWith: { a, _ in a }),
                                 mapped: m.mapped.map { JSONColumn(index: $0.index + 1, header: $0.header, field: $0.field?.rawValue, note: $0.note) },
                                 ignored: m.ignored.map { JSONColumn(index: $0.index + 1, header: $0.header, field: nil, note: $0.note) },
                                 missing: m.missing.map(\.rawValue), headerRow: m.headerRow, rowsAboveHeader: m.rowsAboveHeader),
            summary: JSONSummary(rowsRead: s.rowsRead, loaded: o.loaded, rejected: s.rejected,
                                 skipped: s.skippedNonImaging + s.skippedUnrecognised + s.skippedExactDuplicates,
                                 skippedNonImaging: s.skippedNonImaging, skippedUnrecognised: s.skippedUnrecognised,
                                 skippedExactDuplicates: s.skippedExactDuplicates, errors: s.errors, warnings: s.warnings),
            added: o.added, updated: o.updated, unchanged: o.unchanged, missing: o.missing, retired: o.retired, changes: o.changes,
            rejectsStored: o.rejectsStored, duplicates: o.duplicates, missingTags: o.missingTags, sitesCreated: o.sitesCreated,
            batch: o.batchID, identicalToBatch: o.identicalToBatch, seconds: (o.seconds * 1000).rounded() / 1000,
            rowsPerSecond: Int(o.rowsPerSecond),
            issues: o.issues.map { JSONIssue(file: $0.file, row: $0.row, column: $0.column, value: $0.value, rule: $0.rule.rawValue,
                                             message: $0.message, severity: $0.severity.rawValue) })
        var withSource = doc
        withSource.source = o.sourceKind.rawValue
        withSource.finance = o.finance
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: try encoder.encode(withSource), as: UTF8.self)
    }
}
