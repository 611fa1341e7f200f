import Foundation
import CapitalCore
import Yams

/// How one kind of export maps onto the canonical asset: header aliases per field, the file's date order,
/// money and unit conventions, and the vocabulary (shared words plus the profile's own additions).
///
/// Profiles are YAML files in an importers directory (`cmms-equip.yaml`, …) or anywhere (`--profile PATH`; `capital
/// profile init` writes one from a file). The date order is declared here, per file shape (and per column where a
/// column differs), and never guessed per row. docs/import.md lists every key.
public struct MappingProfile: Sendable {
    /// The unit of the file's expected-life column (finance registers count months).
    public enum LifeUnit: String, Sendable { case years, months }
    /// The unit of the file's downtime column; canonical downtime is hours.
    public enum DowntimeUnit: String, Sendable { case hours, days }

    /// The profile's name (`name:`, else the file name without `.yaml`), by which a file's profile is chosen.
    public let name: String
    /// A human-readable title (`title:`); empty when the file has none.
    public let title: String
    /// The order the file writes dates in (`date_order`: dmy, mdy or ymd).
    public let dateOrder: DateOrder
    /// Date orders for columns that differ from ``dateOrder`` (`date_formats: {contract_end: mdy}`).
    public let columnDateOrders: [CanonicalField: DateOrder]
    /// The month and day a year-only install date ("2011") is read as (`year_only_day: "07-01"`, MM-DD; 1 July,
    /// mid-year, when not given, so the age is off by at most half a year).
    public let yearOnlyMonth: Int, yearOnlyDay: Int
    /// Whether amounts include VAT (then they are divided by 1 + rate to store ex VAT).
    public let vatInclusive: Bool
    /// The VAT rate in whole percent (`money.vat_rate_percent`; 20 when not given).
    public let vatRatePercent: Int
    /// The unit of the expected-life column (`life_unit`; years when not given).
    public let lifeUnit: LifeUnit
    /// The unit of the downtime column (`downtime_unit`; hours when not given).
    public let downtimeUnit: DowntimeUnit
    /// Header aliases per field, in `TextKey` form.
    public private(set) var aliases: [CanonicalField: [String]]
    /// Header aliases per field as the profile writes them (`capital profile list`).
    public private(set) var aliasesAsWritten: [CanonicalField: [String]] = [:]
    /// Fields whose text decides the modality, tried in order.
    public let modalityFrom: [CanonicalField]
    /// Whether the description embeds the manufacturer (finance registers).
    public let manufacturerFromDescription: Bool
    /// Markers before a serial inside the description ("S/N"), in `TextKey` form.
    public let serialMarkers: [String]
    /// The words the profile understands: the vocabulary it extends plus its own additions.
    public let vocabulary: Vocabulary
    /// Which list the file is (`source: cmms|finance`; cmms when not given).
    public var sourceKind: SourceKind = .cmms

    /// Loads a profile file; `extends: vocabulary` merges `vocabulary.yaml` from the same directory first, or,
    /// when that directory has none (a profile written outside `importers/`), from `vocabularyDirectory`.
    public static func load(url: URL, vocabularyDirectory: URL? = nil) throws -> MappingProfile {
        let file = url.lastPathComponent
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { throw UserError("cannot read profile \(url.path)") }
        let map: [String: Any]
        do { map = (try Yams.load(yaml: text) as? [String: Any]) ?? [:] } catch { throw UserError("\(file) is not valid YAML: \(error)") }
        var vocab = Vocabulary()
        for base in YAMLValue.strings(map["extends"]) {
            let baseName = base.hasSuffix(".yaml") ? base : base + ".yaml"
            var baseURL = url.deletingLastPathComponent().appendingPathComponent(baseName)
            if let v = vocabularyDirectory, !FileManager.default.fileExists(atPath: baseURL.path) { baseURL = v.appendingPathComponent(baseName) }
            guard let baseText = try? String(contentsOf: baseURL, encoding: .utf8) else { throw UserError("\(file) extends \(base), but \(baseURL.path) cannot be read") }
            let baseMap: [String: Any]
            do { baseMap = (try Yams.load(yaml: baseText) as? [String: Any]) ?? [:] } catch { throw UserError("\(baseURL.lastPathComponent) is not valid YAML: \(error)") }
            try vocab.merge(yaml: baseMap, source: baseURL.lastPathComponent)
        }
        try vocab.merge(yaml: map, source: file)
        vocab.finishLoading()
        let orderText = YAMLValue.string(map["date_order"]) ?? ""
        guard let order = Self.dateOrder(named: orderText) else { throw UserError("\(file): date_order must be dmy, mdy or ymd (got \"\(orderText)\")") }
        var aliases: [CanonicalField: [String]] = [:], written: [CanonicalField: [String]] = [:]
        guard let cols = map["columns"] as? [String: Any] else { throw UserError("\(file): no columns section") }
        for (fieldName, list) in cols {
            guard let field = CanonicalField(rawValue: fieldName) else {
                throw UserError("\(file): unknown field \"\(fieldName)\"; fields are \(CanonicalField.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            written[field] = YAMLValue.strings(list)
            aliases[field] = YAMLValue.strings(list).map(TextKey.make)
        }
        // A register with no tag column can still be keyed by its serials (see the normaliser).
        guard aliases[.assetTag]?.isEmpty == false || aliases[.serial]?.isEmpty == false else {
            throw UserError("\(file): the asset_tag field (or, failing it, serial) needs at least one header alias")
        }
        var columnOrders: [CanonicalField: DateOrder] = [:]
        if let formats = map["date_formats"] {
            guard let formats = formats as? [String: Any] else { throw UserError("\(file): date_formats must map fields to dmy, mdy or ymd") }
            for (fieldName, v) in formats {
                guard let field = CanonicalField(rawValue: fieldName), Self.dateFields.contains(field) else {
                    throw UserError("\(file): date_formats names \"\(fieldName)\", which is not a date field; date fields are "
                                    + Self.dateFields.map(\.rawValue).joined(separator: ", "))
                }
                let text = YAMLValue.string(v) ?? ""
                guard let o = Self.dateOrder(named: text) else {
                    throw UserError("\(file): date_formats.\(fieldName) must be dmy, mdy or ymd, or DD/MM/YYYY, MM/DD/YYYY or YYYY-MM-DD (got \"\(text)\")")
                }
                columnOrders[field] = o
            }
        }
        var yearOnly = (7, 1)
        if let v = map["year_only_day"] {
            let text = YAMLValue.string(v) ?? ""
            let parts = text.split(separator: "-").compactMap { Int($0) }
            guard parts.count == 2, CalendarDate(year: 2001, month: parts[0], day: parts[1]) != nil else {
                throw UserError("\(file): year_only_day must be a month and day as MM-DD, such as \"07-01\" for 1 July (got \"\(text)\")")
            }
            yearOnly = (parts[0], parts[1])
        }
        let money = map["money"] as? [String: Any] ?? [:]
        let vatRate = YAMLValue.int(money["vat_rate_percent"]) ?? 20
        guard (0...100).contains(vatRate) else { throw UserError("\(file): money.vat_rate_percent must be a whole number 0–100 (got \(vatRate))") }
        let modalityFrom = try YAMLValue.strings(map["modality_from"]).map { n -> CanonicalField in
            guard let f = CanonicalField(rawValue: n) else { throw UserError("\(file): modality_from names unknown field \"\(n)\"") }
            return f
        }
        let sourceText = YAMLValue.string(map["source"]) ?? "cmms"
        guard let sourceKind = SourceKind(rawValue: sourceText) else { throw UserError("\(file): source must be cmms or finance (got \"\(sourceText)\")") }
        var profile = MappingProfile(
            name: YAMLValue.string(map["name"]) ?? url.deletingPathExtension().lastPathComponent,
            title: YAMLValue.string(map["title"]) ?? "",
            dateOrder: order,
            columnDateOrders: columnOrders,
            yearOnlyMonth: yearOnly.0, yearOnlyDay: yearOnly.1,
            vatInclusive: YAMLValue.bool(money["vat_inclusive"]) ?? false,
            vatRatePercent: vatRate,
            lifeUnit: LifeUnit(rawValue: YAMLValue.string(map["life_unit"]) ?? "years") ?? .years,
            downtimeUnit: DowntimeUnit(rawValue: YAMLValue.string(map["downtime_unit"]) ?? "hours") ?? .hours,
            aliases: aliases,
            modalityFrom: modalityFrom.isEmpty ? [.modality, .description, .model] : modalityFrom,
            manufacturerFromDescription: YAMLValue.bool(map["manufacturer_from_description"]) ?? false,
            serialMarkers: YAMLValue.strings(map["serial_markers"]).map(TextKey.make),
            vocabulary: vocab)
        profile.aliasesAsWritten = written
        profile.sourceKind = sourceKind
        return profile
    }

    /// The fields that hold dates (those `date_formats` may name).
    public static let dateFields: [CanonicalField] = [.installDate, .replacementDate, .endOfSupport, .contractEnd, .disposalDate]

    /// The order `field`'s dates are written in: its own (`date_formats`), else the file's.
    public func dateOrder(for field: CanonicalField) -> DateOrder { columnDateOrders.isEmpty ? dateOrder : columnDateOrders[field] ?? dateOrder }

    /// A date order by its name (`dmy`) or its pattern (`DD/MM/YYYY`, `MM/DD/YYYY`, `YYYY-MM-DD`, any separator).
    static func dateOrder(named text: String) -> DateOrder? {
        if let o = DateOrder(rawValue: text.lowercased()) { return o }
        switch TextKey.make(text) {
        case "dd mm yyyy", "d m yyyy", "dd mm yy": return .dmy
        case "mm dd yyyy", "m d yyyy", "mm dd yy": return .mdy
        case "yyyy mm dd": return .ymd
        default: return nil
        }
    }

    /// This profile with each `mapping` applied (`--map FIELD=HEADER`): the field reads that header and no other
    /// (its aliases are replaced), and no other field reads it.
    public func overriding(_ mapping: [FieldMapping]) -> MappingProfile {
        var p = self
        for m in mapping {
            let key = TextKey.make(m.header)
            for f in p.aliases.keys { p.aliases[f]?.removeAll { $0 == key } }
            for f in p.aliasesAsWritten.keys { p.aliasesAsWritten[f]?.removeAll { TextKey.make($0) == key } }
            p.aliases[m.field] = [key]
            p.aliasesAsWritten[m.field] = [m.header]
        }
        return p
    }

    /// The field's aliases and the file's headers, for an error about `field` (issue 15: "expected one of its
    /// asset_tag aliases" never listed them).
    public func aliasHint(_ field: CanonicalField, headers: [String]) -> String {
        let list = aliasesAsWritten[field] ?? aliases[field] ?? []
        return "profile \(name)'s \(field.rawValue) aliases: " + (list.isEmpty ? "none" : list.joined(separator: ", "))
            + "; the file's headers: " + headers.map { "\"\($0)\"" }.joined(separator: ", ")
    }

    /// Binds this profile to a file's headers: which column each field reads, which columns are ignored.
    /// A header matches an alias exactly (in `TextKey` form), or failing that once a trailing
    /// parenthesised note is removed ("Install Date (MM/DD/YYYY)" → "install date").
    public func bind(headers: [String]) -> BoundProfile {
        var columns = [Int](repeating: -1, count: CanonicalField.allCases.count)
        var mapped: [MappingReport.Column] = []
        var ignored: [MappingReport.Column] = []
        var byAlias: [String: CanonicalField] = [:]
        for field in CanonicalField.allCases { for a in aliases[field] ?? [] where byAlias[a] == nil { byAlias[a] = field } }
        // Exact matches first, then matches once a bracketed note is removed, so "Cost (inc VAT)" before "Cost" cannot
        // take the column an alias names exactly.
        var matched = headers.map { byAlias[TextKey.make($0)] }
        let exact = matched.map { $0 != nil }
        for (i, header) in headers.enumerated() where matched[i] == nil {
            if let paren = header.firstIndex(of: "(") { matched[i] = byAlias[TextKey.make(header[..<paren])] }
        }
        for pass in [true, false] {
            for i in headers.indices where exact[i] == pass { if let f = matched[i], columns[f.ordinal] < 0 { columns[f.ordinal] = i } }
        }
        for (i, header) in headers.enumerated() {
            if let f = matched[i], columns[f.ordinal] == i {
                mapped.append(.init(index: i, header: header, field: f, note: nil))
            } else if let f = matched[i] {
                ignored.append(.init(index: i, header: header, field: nil, note: "also matches \(f.rawValue), already read from \"\(headers[columns[f.ordinal]])\""))
            } else {
                ignored.append(.init(index: i, header: header, field: nil, note: "no alias in profile \(name)"))
            }
        }
        let missing = CanonicalField.allCases.filter { columns[$0.ordinal] < 0 && aliases[$0] != nil }
        let report = MappingReport(profile: name, chosenAutomatically: false, scores: [], mapped: mapped, ignored: ignored, missing: missing)
        return BoundProfile(profile: self, headers: headers, columns: columns, report: report)
    }
}

/// A profile bound to one file's headers: the column index each canonical field reads (or none).
public struct BoundProfile: Sendable {
    /// The profile that was bound.
    public let profile: MappingProfile
    /// The file's header cells, in file order.
    public let headers: [String]
    let columns: [Int]
    /// What the binding did with each column (``ProfileLibrary`` adds the scores when it chooses automatically).
    public var report: MappingReport

    /// The column index bound to `field`, or nil.
    public func column(_ field: CanonicalField) -> Int? {
        let c = columns[field.ordinal]
        return c < 0 ? nil : c
    }
}

/// One `--map FIELD=HEADER`: the canonical field and the file's header that fills it.
public struct FieldMapping: Sendable, Equatable {
    /// The canonical field.
    public let field: CanonicalField
    /// The file's header, as written on the command line.
    public let header: String

    /// Creates a mapping.
    public init(field: CanonicalField, header: String) { self.field = field; self.header = header }

    /// Parses `FIELD=HEADER`; the error names the fields when FIELD is not one.
    public init(parsing text: String) throws {
        guard let eq = text.firstIndex(of: "=") else {
            throw UserError("--map \"\(text)\" is not FIELD=HEADER; fields: \(FieldMapping.fieldList)")
        }
        let name = text[..<eq].trimmingCharacters(in: .whitespaces), header = text[text.index(after: eq)...].trimmingCharacters(in: .whitespaces)
        guard let field = CanonicalField(rawValue: name) else {
            throw UserError("--map \(text): unknown field \"\(name)\"; fields: \(FieldMapping.fieldList)")
        }
        guard !header.isEmpty else { throw UserError("--map \(text): no header after \"=\"") }
        self.init(field: field, header: header)
    }

    /// Every canonical field's name, comma-separated.
    public static var fieldList: String { CanonicalField.allCases.map(\.rawValue).joined(separator: ", ") }
}
