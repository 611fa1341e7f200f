import CapitalCore
import Foundation

/// `capital profile init`, `check` and `list` as text tables (at most 100 columns wide) and JSON (snake_case keys,
/// money as strings of pounds; docs/json.md).
public enum ProfileRendering {
    static func json(_ object: Any) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]), as: UTF8.self)
    }

    static func cut(_ s: String, _ n: Int) -> String { s.count <= n ? s : String(s.prefix(n - 1)) + "…" }

    // MARK: init

    /// What `profile init` says after writing the profile to `out` (nil: the YAML went to standard output).
    /// `file` is the register file as the user named it (for the next commands shown).
    public static func initSummary(_ p: ProfileProposal, out: String?, file: String? = nil) -> String {
        var lines = ["profile \(p.name) for \(FieldEvidence.shown(p.fileName))" + (out.map { " written to \($0)" } ?? "")
                     + " (header on row \(p.headerRow), \(p.rowsSampled) row(s) sampled)"]
        var t = TextTable(header: ["field", "column", "evidence"], alignments: [.left, .left, .left])
        for g in p.fields where g.column != nil { t.append([g.field.rawValue, cut(FieldEvidence.shown(g.header ?? ""), 24), cut(g.evidence, 56)]) }
        lines.append(t.render())
        lines.append("dates: \(p.dateOrder.rawValue)" + p.columnDateOrders.map { ", \($0.field.rawValue) \($0.order.rawValue)" }.joined()
                     + "; expected life in \(p.lifeUnit.rawValue); modality from \(p.modalityFrom.isEmpty ? "no column" : p.modalityFrom.map(\.rawValue).joined(separator: ", "))")
        let missing = p.fields.filter { $0.column == nil }.map(\.field.rawValue)
        if !missing.isEmpty { lines.append(cut("not found: " + missing.joined(separator: ", "), 100)) }
        if !p.unmapped.isEmpty { lines.append(cut("columns not read: " + p.unmapped.map { "\"\(FieldEvidence.shown($0.header, limit: 30))\"" }.joined(separator: ", "), 100)) }
        if let out {
            lines.append("next: capital profile check \(file ?? p.fileName) --profile \(out)")
            lines.append("      capital import \(file ?? p.fileName) --trust CODE --profile \(out)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `profile init --format json`.
    public static func initJSON(_ p: ProfileProposal, out: String?) throws -> String {
        try json([
            "profile": p.name, "file": p.fileName, "out": out as Any? ?? NSNull(), "header_row": p.headerRow, "rows_sampled": p.rowsSampled,
            "date_order": p.dateOrder.rawValue, "date_evidence": p.dateEvidence,
            "date_formats": p.columnDateOrders.map { ["field": $0.field.rawValue, "date_order": $0.order.rawValue, "evidence": $0.evidence] },
            "life_unit": p.lifeUnit.rawValue, "modality_from": p.modalityFrom.map(\.rawValue),
            "manufacturer_from_description": p.manufacturerFromDescription, "vat_inclusive": p.vatInclusive,
            "fields": p.fields.map { ["field": $0.field.rawValue, "header": $0.header as Any? ?? NSNull(), "column": $0.column.map { $0 + 1 } as Any? ?? NSNull(),
                                      "evidence": $0.evidence] },
            "unmapped": p.unmapped.map { ["column": $0.column + 1, "header": $0.header, "evidence": $0.evidence] },
            "yaml": p.yaml,
        ]) + "\n"
    }

    // MARK: check

    /// `profile check` as a table: the mapping, the first normalised rows, the counts and the issues by rule.
    public static func checkTable(_ c: ProfileCheck) -> String {
        var out = c.mapping.description + "\n\n"
        out += "first \(c.rows.count) row(s) as they would load:\n"
        // At most 100 columns: row 5, tag 14, modality 9, manufacturer 13, model 12, site 9, installed 10, cost 14, and gaps.
        var t = TextTable(header: ["row", "tag", "modality", "manufacturer", "model", "site", "installed", "cost"],
                          alignments: [.right, .left, .left, .left, .left, .left, .left, .right])
        for a in c.rows {
            t.append([String(a.sourceRow), cut(a.assetTag, 14), a.modality.rawValue, cut(a.manufacturer ?? "", 13), cut(a.model ?? "", 12),
                      cut(a.site ?? "", 9), a.installDate?.iso ?? "", cut(a.purchaseCost?.formatted ?? "", 14)])
        }
        out += c.rows.isEmpty ? "(none)\n" : t.render()
        out += "\n" + c.summary.description + "\n"
        if !c.issueCounts.isEmpty {
            var i = TextTable(header: ["issues", "severity", "rule", "first"], alignments: [.right, .left, .left, .left])
            for n in c.issueCounts { i.append([String(n.count), n.severity.rawValue, n.rule, cut(FieldEvidence.shown(n.example, limit: 200), 58)]) }
            out += "\n" + i.render()
        }
        for e in c.firstErrors { out += cut("row \(e.row) \(e.column) \"\(FieldEvidence.shown(e.value))\": \(FieldEvidence.shown(e.message, limit: 200))", 100) + "\n" }
        out += c.wouldFail ? "an import of this file would fail: " + (c.summary.errors > 0 ? "fix the errors, or use --allow-partial\n" : "no row loads\n")
            : "an import of this file would load \(c.summary.valid) asset(s)\n"
        return out
    }

    /// `profile check --format json`.
    public static func checkJSON(_ c: ProfileCheck) throws -> String {
        let m = c.mapping
        func opt(_ v: Any?) -> Any { v ?? NSNull() }
        let s = c.summary
        return try json([
            "file": c.file,
            "mapping": ["profile": m.profile, "chosen_automatically": m.chosenAutomatically, "header_row": m.headerRow, "rows_above_header": m.rowsAboveHeader,
                        "mapped": m.mapped.map { ["column": $0.index + 1, "header": $0.header, "field": $0.field?.rawValue ?? ""] },
                        "ignored": m.ignored.map { ["column": $0.index + 1, "header": $0.header, "note": $0.note ?? ""] },
                        "missing": m.missing.map(\.rawValue)],
            "rows": c.rows.map { a -> [String: Any] in
                ["row": a.sourceRow, "asset_tag": a.assetTag, "serial": opt(a.serial), "manufacturer": opt(a.manufacturer), "model": opt(a.model),
                 "modality": a.modality.rawValue, "site": opt(a.site), "department": opt(a.department), "install_date": opt(a.installDate?.iso),
                 "purchase_cost": opt(a.purchaseCost?.plain), "net_book_value": opt(a.netBookValue?.plain), "expected_life_years": a.expectedLifeYears,
                 "status": a.status.rawValue, "criticality": a.criticality, "description": opt(a.description)]
            },
            "summary": ["rows_read": s.rowsRead, "loaded": s.valid, "rejected": s.rejected, "skipped_non_imaging": s.skippedNonImaging,
                        "skipped_unrecognised": s.skippedUnrecognised, "skipped_exact_duplicates": s.skippedExactDuplicates,
                        "warnings": s.warnings, "errors": s.errors],
            "issue_counts": c.issueCounts.map { ["rule": $0.rule, "severity": $0.severity.rawValue, "count": $0.count, "example": $0.example] },
            "issues": c.firstErrors.map { ["row": $0.row, "column": $0.column, "value": $0.value, "rule": $0.rule.rawValue, "message": $0.message, "severity": $0.severity.rawValue] },
            "would_fail": c.wouldFail,
        ]) + "\n"
    }

    // MARK: list

    /// `profile list`: each built-in profile, and per field the headers it recognises (wrapped to fit 100 columns).
    public static func listTable(_ library: ProfileLibrary) -> String {
        var t = TextTable(header: ["profile", "field", "headers recognised"], alignments: [.left, .left, .left])
        for p in library.profiles {
            var first = true
            for f in CanonicalField.allCases {
                guard let list = p.aliasesAsWritten[f], !list.isEmpty else { continue }
                var line = "", lines: [String] = []
                for a in list.map({ FieldEvidence.shown($0) }) {
                    if !line.isEmpty && line.count + a.count + 2 > 60 { lines.append(line + ","); line = "" }
                    line += (line.isEmpty ? "" : ", ") + a
                }
                lines.append(line)
                for (k, l) in lines.enumerated() { t.append([first && k == 0 ? cut(p.name, 14) : "", k == 0 ? f.rawValue : "", l]) }
                first = false
            }
            t.append(["", "", ""])
        }
        for p in library.profiles { t.footer.append(cut("\(p.name): \(p.title.isEmpty ? "" : p.title + "; ")dates \(p.dateOrder.rawValue)", 100)) }
        return t.render()
    }

    /// `profile list --format json`.
    public static func listJSON(_ library: ProfileLibrary) throws -> String {
        try json(library.profiles.map { p -> [String: Any] in
            ["name": p.name, "title": p.title, "date_order": p.dateOrder.rawValue, "modality_from": p.modalityFrom.map(\.rawValue),
             "fields": CanonicalField.allCases.compactMap { f -> [String: Any]? in
                 guard let list = p.aliasesAsWritten[f], !list.isEmpty else { return nil }
                 return ["field": f.rawValue, "aliases": list]
             }]
        }) + "\n"
    }
}
