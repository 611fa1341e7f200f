import CapitalCore
import Foundation
import Spreadsheets

extension ProfileProposal {
    /// The proposal as a commented profile YAML that `MappingProfile.load` (so `capital import --profile PATH`) reads
    /// as written: every canonical field (an empty list where no column was found), the evidence as comments, the
    /// date order, and the headers left unmapped. Deterministic: the same file gives the same text.
    public var yaml: String {
        var out: [String] = []
        // Comments wrap at 100 columns, at spaces; what the file said (headers, values) is shown on one line, controls as spaces.
        func comment(_ text: String, indent: String = "") {
            var line = ""
            for word in FieldEvidence.shown(text, limit: 600).split(separator: " ", omittingEmptySubsequences: false) {
                if !line.isEmpty && indent.count + 2 + line.count + 1 + word.count > 100 { out.append(indent + "# " + line); line = "  " }
                line += (line.isEmpty || line == "  " ? "" : " ") + word
            }
            out.append(indent + "# " + line)
        }
        comment("Mapping profile for \(fileName), written by `capital profile init` from its header (row \(headerRow)) and its first \(rowsSampled) data row(s).")
        comment("Every field capital reads is listed under `columns:`. A field reads the column whose header is in its brackets; [] means no "
                + "column was found (put the file's header there to read one). The comment above each field says why.")
        comment("Check it without a database:  capital profile check FILE --profile THIS-FILE")
        comment("Load it:  capital import FILE --trust CODE --profile THIS-FILE")
        comment("docs/import.md explains every key.")
        out.append("name: \(Self.quoted(name))")
        out.append("title: \(Self.quoted("Written by capital profile init from " + FieldEvidence.shown(fileName)))")
        comment("The shared words (manufacturers, modality keywords, status words) from importers/vocabulary.yaml.")
        out.append("extends: vocabulary")
        out.append("")
        comment("Dates: \(dateEvidence).")
        out.append("date_order: \(dateOrder.rawValue)")
        if columnDateOrders.isEmpty {
            comment("A column written in another order would be named here, e.g. date_formats: {contract_end: mdy}")
        } else {
            out.append("date_formats:")
            for c in columnDateOrders {
                comment(c.evidence, indent: "  ")
                out.append("  \(c.field.rawValue): \(c.order.rawValue)")
            }
        }
        comment("An install date given as a year only (\"2011\") is read as this month and day of it (MM-DD), with a warning.")
        out.append("year_only_day: \"07-01\"")
        out.append("money:")
        comment(vatEvidence, indent: "  ")
        out.append("  vat_inclusive: \(vatInclusive)")
        comment("Expected life: \(lifeEvidence).")
        out.append("life_unit: \(lifeUnit.rawValue)")
        out.append("downtime_unit: \(downtimeUnit.rawValue)")
        comment("The fields whose words decide the modality (CT, MRI, …), in order: \(modalityEvidence).")
        comment("A row none of them names as imaging equipment is skipped, with its reason.")
        out.append("modality_from: [\(modalityFrom.map(\.rawValue).joined(separator: ", "))]")
        if manufacturerFromDescription {
            comment("The manufacturer, model and serial are read from the description: \(manufacturerEvidence).")
            out.append("manufacturer_from_description: true")
            out.append("serial_markers: [\"S/N\", \"SN\", \"SER NO\", \"SERIAL\", \"SERIAL NO\"]")
        } else {
            comment("Manufacturer from the description: no (\(manufacturerEvidence)).")
        }
        if !statusWords.isEmpty {
            let sources = Set(statusWords.map(\.source)).sorted().joined(separator: ", ")
            comment("Status words of this file the shared vocabulary does not know, read as built-in profile \(sources) reads them:")
            out.append("status:")
            for st in AssetStatus.allCases {
                let words = statusWords.filter { $0.status == st }.map(\.word)
                if !words.isEmpty { out.append("  \(st.rawValue): [\(words.map(Self.quoted).joined(separator: ", "))]") }
            }
        }
        if !unknownStatusWords.isEmpty {
            comment("Status words nothing recognises (such rows load as in use, with a warning): "
                    + unknownStatusWords.map { "\"\($0)\"" }.joined(separator: ", ")
                    + ". To read them, add a status: section, e.g. status: {out_of_service: [\"\(FieldEvidence.shown(unknownStatusWords[0], limit: 30))\"]}"
                    + " (in_use, standby, out_of_service, disposed).")
        }
        out.append("")
        out.append("columns:")
        for g in fields {
            out.append("")
            comment("\(g.field.rawValue): \(Self.meaning[g.field] ?? "")", indent: "  ")
            comment((g.column == nil ? "" : "found in ") + g.evidence, indent: "  ")
            out.append("  \(g.field.rawValue): [\(g.header.map(Self.quoted) ?? "")]")
        }
        if !unmapped.isEmpty {
            out.append("")
            comment("Headers no field reads (ignored on import):")
            for u in unmapped { comment("  column \(u.column + 1) \"\(FieldEvidence.shown(u.header))\": \(u.evidence)") }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// What each field means, for the comment above it.
    static let meaning: [CanonicalField: String] = [
        .assetTag: "the trust's asset number (rows without one are keyed by their serial)", .serial: "the manufacturer's serial number",
        .manufacturer: "who made it", .model: "the model", .description: "what the equipment is (its words decide the modality)",
        .modality: "the imaging modality or device type", .category: "the asset category or class", .site: "the hospital or site",
        .department: "the department, ward or location", .installDate: "when it went into service (its age)",
        .purchaseCost: "what it cost (its replacement is priced from the catalogue)", .netBookValue: "its net book value",
        .expectedLife: "its expected life", .replacementDate: "the planned replacement date", .endOfSupport: "when the manufacturer's support ends",
        .status: "in use, standby, out of service or disposed", .exclusive: "whether the network alone uses it (yes/no)",
        .criticality: "risk or criticality (High/Medium/Low or 1-5)", .failures: "breakdowns in the last 12 months",
        .downtime: "downtime in the last 12 months", .contractSupplier: "the maintenance contract's supplier",
        .contractEnd: "when the maintenance contract ends", .contractAnnualCost: "the contract's annual cost", .disposalDate: "when it was disposed of",
    ]

    /// `text` as a YAML double-quoted scalar: quotes and backslashes escaped, control characters as `\uXXXX`.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for u in text.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default:
                let v = u.value
                if v < 0x20 || (0x7F...0x9F).contains(v) || v == 0x2028 || v == 0x2029 || v == 0xFEFF {
                    let hex = String(v, radix: 16, uppercase: true)
                    out += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
                } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }
}

/// The header and the first rows of a register file, for ``ProfileInference`` (bounded: at most `limit` rows, each
/// value cut to ``ColumnEvidence/maxValueBytes``, cells beyond the header's dropped).
public struct FileSample: Sendable {
    /// The header cells.
    public let headers: [String]
    /// The header's row number, and the non-blank rows above it skipped as a preamble.
    public let headerRow: Int, rowsAboveHeader: Int
    /// The sampled rows' cells.
    public let rows: [[String]]
    /// The file's format.
    public let format: RegisterReader.Format
    /// For XLSX, the worksheet read.
    public let sheet: String?

    /// The most cells sampled (rows × columns), beyond 50 rows.
    public static let maxCells = 200_000
    /// The most bytes of values sampled.
    public static let maxBytes = 16 << 20
    /// Rows sampled when no limit is given.
    public static let defaultLimit = 500

    /// Reads `url`'s header (the row given, else the row the profiles' aliases recognise best) and first rows.
    public init(url: URL, sheet: String? = nil, headerRow: Int? = nil, profiles: [MappingProfile], limit: Int = FileSample.defaultLimit) throws {
        let reader = try RegisterReader.open(url: url, sheet: sheet, header: headerRow.map { .row($0) } ?? .best(score: ProfileInference.headerScorer(profiles: profiles)))
        headers = reader.headers
        self.headerRow = reader.headerRowNumber
        rowsAboveHeader = reader.rowsAboveHeader
        format = reader.format
        self.sheet = reader.sheetName
        var rows: [[String]] = []
        var bytes = 0
        // However wide the file, the sample holds at most about ``maxBytes`` of text.
        // A wide file is sampled over fewer rows (at least 50), so the values looked at stay about ``maxCells``.
        let rowLimit = min(limit, max(50, Self.maxCells / max(1, headers.count)))
        while rows.count < rowLimit, bytes < Self.maxBytes, let r = try reader.nextRow() {
            let cells = r.values.prefix(headers.count).map(ValueSniffer.clip)
            bytes += cells.reduce(16) { $0 + $1.utf8.count + 16 }
            rows.append(cells)
        }
        self.rows = rows
    }
}
