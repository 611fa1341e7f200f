import CapitalCore
import Foundation

/// A mapping profile proposed from a file's headers and a sample of its values (`capital profile init`): for every
/// canonical field, the column chosen (or none) and the evidence; the date order; the units; which fields decide the
/// modality; and the headers left unmapped. ``yaml`` writes it as a profile that loads as written.
public struct ProfileProposal: Sendable {
    /// One canonical field's guess.
    public struct FieldGuess: Sendable, Equatable {
        /// The field.
        public let field: CanonicalField
        /// The column chosen (counting from 0), or nil.
        public let column: Int?
        /// That column's header as the file writes it.
        public let header: String?
        /// Why (or why not), in words.
        public let evidence: String
    }

    /// One header no field reads, and what its values looked like.
    public struct Unmapped: Sendable, Equatable {
        /// The column (counting from 0).
        public let column: Int
        /// The header as the file writes it.
        public let header: String
        /// What was seen, in words.
        public let evidence: String
    }

    /// The profile's name (from the file's name).
    public let name: String
    /// The file's name.
    public let fileName: String
    /// The header's row number, and the data rows sampled below it.
    public let headerRow: Int, rowsSampled: Int
    /// Every canonical field, in the order of ``CanonicalField/allCases``.
    public let fields: [FieldGuess]
    /// The date order and why.
    public let dateOrder: DateOrder, dateEvidence: String
    /// Date columns written in another order than ``dateOrder`` (written as `date_formats`), with why.
    public let columnDateOrders: [(field: CanonicalField, order: DateOrder, evidence: String)]
    /// The expected-life unit and why.
    public let lifeUnit: MappingProfile.LifeUnit, lifeEvidence: String
    /// The downtime unit.
    public let downtimeUnit: MappingProfile.DowntimeUnit
    /// Whether costs include VAT, and why.
    public let vatInclusive: Bool, vatEvidence: String
    /// Whether descriptions name the manufacturer (and the serial), and why.
    public let manufacturerFromDescription: Bool, manufacturerEvidence: String
    /// The fields that decide the modality, in order, and why.
    public let modalityFrom: [CanonicalField], modalityEvidence: String
    /// The headers no field reads.
    public let unmapped: [Unmapped]
    /// Status words of the file the shared vocabulary does not know but a built-in profile does (written as `status:`),
    /// by status, each with the profile that knows it.
    public var statusWords: [(status: AssetStatus, word: String, source: String)] = []
    /// Status words of the file nothing knows (such rows load as in use, with a warning).
    public var unknownStatusWords: [String] = []

    /// The guess for `field`.
    public func guess(_ field: CanonicalField) -> FieldGuess { fields[field.ordinal] }
    /// Whether the profile can key rows: it maps an asset tag or, failing one, a serial column.
    public var canKeyRows: Bool { guess(.assetTag).column != nil || guess(.serial).column != nil }
}

/// Proposes a mapping profile from headers and sample values (pure: no file, no database; ``FileSample`` reads one).
///
/// Each (field, column) pair is scored: the header against the field's aliases in every built-in profile (exact,
/// exact once a bracketed note is removed, or most of its words), plus or minus what the values say (dates, money,
/// whole numbers, distinct codes, ODS-like site codes, modality words, manufacturer and status words). Pairs are taken
/// best first, each field and each column once, so the result is deterministic.
public enum ProfileInference {
    /// The least score that maps a column.
    static let threshold = 50

    /// Headers real registers use that no built-in profile lists (third-party inventories, equipment databases).
    static let extraAliases: [CanonicalField: [String]] = [
        .assetTag: ["code", "asset code", "asset tag", "tag", "tag no", "tag number", "equipment code", "inventory no", "inventory number",
                    "barcode", "asset id", "equipment id", "id", "ref", "reference", "asset ref", "device id"],
        .serial: ["serial number", "serial no", "serial", "sn", "s n", "serial num"],
        .manufacturer: ["manufacturer", "make", "maker", "brand", "vendor", "mfr", "manufacturer name"],
        .model: ["model", "model name", "model no", "model number"],
        .description: ["equipment type", "equipment", "type", "item", "device", "device name", "equipment name", "item description", "description"],
        .modality: ["modality", "imaging modality"],
        .site: ["site", "hospital", "site code", "site name", "facility"],
        .department: ["department", "ward", "area", "room", "location"],
        .installDate: ["install date", "installation date", "installed", "date installed", "commissioning date", "date commissioned", "in service date",
                       "year installed", "installation year", "year of installation", "purchase date", "date of purchase", "date acquired", "acquired", "delivery date", "commission date", "year of manufacture"],
        .purchaseCost: ["purchase cost", "cost", "price", "purchase price", "capital cost", "value", "purchase value", "original cost", "cost price"],
        .replacementDate: ["replacement date", "planned replacement date", "replace by", "due for replacement"],
        .endOfSupport: ["end of support", "end of life", "eol", "eol date", "support end date", "obsolescence date"],
        .criticality: ["risk", "risk rating", "criticality", "risk level", "priority"],
        .status: ["status", "condition", "state"],
    ]

    /// What an import does without the field, where it matters.
    static let without: [CanonicalField: String] = [
        .installDate: "without it every asset's age is unknown (a warning on each row)",
        .purchaseCost: "without it each row warns \"no purchase cost\" (replacements are priced from the catalogue)",
        .site: "without it assets have no site",
        .description: "without it (or a modality or model column) no row is recognised as imaging",
    ]

    /// Every field's aliases (`TextKey` form), each with where it comes from: a built-in profile's name or
    /// `capital` (the extra aliases above and the field's own name).
    public static func aliases(profiles: [MappingProfile]) -> [CanonicalField: [(alias: String, source: String)]] {
        var out: [CanonicalField: [(alias: String, source: String)]] = [:]
        for field in CanonicalField.allCases {
            var list: [(alias: String, source: String)] = []
            for p in profiles.sorted(by: { $0.name < $1.name }) {
                for a in p.aliases[field] ?? [] {
                    if let k = list.firstIndex(where: { $0.alias == a }) {
                        if !list[k].source.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }).contains(p.name) { list[k].source += ", " + p.name }
                    } else { list.append((a, p.name)) }
                }
            }
            for a in [TextKey.make(field.rawValue)] + (extraAliases[field] ?? []).map(TextKey.make) where !list.contains(where: { $0.alias == a }) {
                list.append((a, "capital"))
            }
            out[field] = list
        }
        return out
    }

    /// How many of `cells` some field's alias recognises (to find the header row below a preamble).
    public static func headerScorer(profiles: [MappingProfile]) -> @Sendable ([String]) -> Int {
        let keys = Set(aliases(profiles: profiles).values.flatMap { $0.map(\.alias) })
        return { cells in cells.filter { keys.contains(TextKey.make($0)) }.count }
    }

    /// Proposes a profile for a file called `fileName` with these headers and sample rows (cells in header order).
    public static func propose(fileName: String, headers: [String], rows: [[String]], headerRow: Int = 1,
                               vocabulary: Vocabulary, profiles: [MappingProfile]) -> ProfileProposal {
        let aliasTable = aliases(profiles: profiles)
        let evidence = headers.indices.map { i in ColumnEvidence(values: rows.lazy.map { i < $0.count ? $0[i] : "" }, vocabulary: vocabulary) }
        // A header that cannot be told apart from an earlier one (same words) cannot be named in a profile.
        var firstWithKey: [String: Int] = [:]
        var usable = [Bool](repeating: true, count: headers.count)
        for (i, h) in headers.enumerated() {
            let k = TextKey.make(h)
            if k.isEmpty || firstWithKey[k] != nil { usable[i] = false } else { firstWithKey[k] = i }
        }
        var candidates: [(field: CanonicalField, column: Int, score: Int, why: String)] = []
        var bestRejected: [CanonicalField: (column: Int, score: Int, why: String)] = [:]
        for field in CanonicalField.allCases {
            for (i, header) in headers.enumerated() where usable[i] {
                let (hs, hwhy) = headerScore(header, aliases: aliasTable[field] ?? [])
                let (vs, vwhy) = FieldEvidence.valueScore(field, evidence[i], headerMatched: hs > 0)
                let score = hs + vs
                guard hs > 0 || vs > 0 else { continue }
                let why = [hwhy, vwhy].filter { !$0.isEmpty }.joined(separator: "; ")
                if score >= threshold { candidates.append((field, i, score, why)) } else if score > (bestRejected[field]?.score ?? 0) {
                    bestRejected[field] = (i, score, why)
                }
            }
        }
        candidates.sort { a, b in a.score != b.score ? a.score > b.score : a.field.ordinal != b.field.ordinal ? a.field.ordinal < b.field.ordinal : a.column < b.column }
        var chosen: [CanonicalField: (column: Int, why: String)] = [:]
        var taken = Set<Int>()
        for c in candidates where chosen[c.field] == nil && !taken.contains(c.column) {
            chosen[c.field] = (c.column, c.why); taken.insert(c.column)
        }
        // No tag and no serial: the column whose values are distinct codes keys the rows (else nothing can load).
        if chosen[.assetTag] == nil && chosen[.serial] == nil,
           let i = headers.indices.first(where: { usable[$0] && !taken.contains($0) && evidence[$0].nonEmpty > 0
                                                && evidence[$0].distinct == evidence[$0].nonEmpty && evidence[$0].share(evidence[$0].serialLike) >= 0.8 }) {
            chosen[.assetTag] = (i, "no header names the asset tag; every value in this column is a distinct code (e.g. \(FieldEvidence.examples(evidence[i])))")
            taken.insert(i)
        }
        let fields = CanonicalField.allCases.map { f -> ProfileProposal.FieldGuess in
            if let c = chosen[f] { return .init(field: f, column: c.column, header: headers[c.column], evidence: "column \(c.column + 1): " + c.why) }
            if let r = bestRejected[f] ?? candidates.first(where: { $0.field == f }).map({ ($0.column, $0.score, $0.why) }) {
                let lost = chosen.first(where: { $0.value.column == r.column })?.key
                return .init(field: f, column: nil, header: nil, evidence: "not found; \"\(FieldEvidence.shown(headers[r.column]))\" was considered ("
                             + r.why + (lost.map { "; it reads \($0.rawValue) instead" } ?? "; too weak") + ")")
            }
            return .init(field: f, column: nil, header: nil, evidence: "not found: no column's header or values suggest it" + (Self.without[f].map { "; " + $0 } ?? ""))
        }
        var proposal = FieldEvidence.assemble(fileName: fileName, headers: headers, headerRow: headerRow, rowsSampled: rows.count, fields: fields,
                                              evidence: evidence, usable: usable, firstWithKey: firstWithKey)
        if let c = chosen[.status]?.column {
            (proposal.statusWords, proposal.unknownStatusWords) = statusWords(rows.lazy.map { c < $0.count ? $0[c] : "" }, vocabulary: vocabulary, profiles: profiles)
        }
        return proposal
    }

    /// The distinct status words among `values` that `vocabulary` does not know: those a built-in profile's own
    /// vocabulary knows (first such profile by name), and the rest (at most 20 of each, in the order met).
    static func statusWords(_ values: some Sequence<String>, vocabulary: Vocabulary, profiles: [MappingProfile])
        -> (known: [(status: AssetStatus, word: String, source: String)], unknown: [String]) {
        var known: [(status: AssetStatus, word: String, source: String)] = [], unknown: [String] = [], seen = Set<String>()
        let byName = profiles.sorted { $0.name < $1.name }
        for raw in values {
            let v = raw.trimmingASCIIWhitespace(), key = TextKey.make(v)
            guard !key.isEmpty, !vocabulary.missingValues.contains(v.lowercased()), vocabulary.status(v) == nil, seen.insert(key).inserted else { continue }
            if let p = byName.first(where: { $0.vocabulary.status(v) != nil }), let st = p.vocabulary.status(v) {
                if known.count < 20 { known.append((st, v, p.name)) }
            } else if unknown.count < 20 { unknown.append(v) }
        }
        return (known, unknown)
    }

    /// The header's score against a field's aliases: 100 for a built-in profile's alias, 95 for capital's own, 90
    /// once a bracketed note is removed, up to 70 for most of the words; with the reason.
    static func headerScore(_ header: String, aliases: [(alias: String, source: String)]) -> (Int, String) {
        let key = TextKey.make(header)
        guard !key.isEmpty else { return (0, "") }
        if let a = aliases.first(where: { $0.alias == key }) {
            return a.source == "capital" ? (95, "a usual header for it") : (100, "header as in built-in profile" + (a.source.contains(",") ? "s " : " ") + a.source)
        }
        if let paren = header.firstIndex(of: "("), let a = aliases.first(where: { $0.alias == TextKey.make(header[..<paren]) }) {
            return (90, "header, less its note in brackets, is \"\(a.alias)\"")
        }
        let words = Set(key.split(separator: " "))
        // Every word of an alias in a header a word or two longer ("Year Installed" holds "installed"): 55, so what
        // the values say decides (a "Trust Code" of repeated values is no asset tag).
        if let a = aliases.first(where: { a in let aw = a.alias.split(separator: " "); return words.count <= aw.count + 2 && aw.allSatisfy(words.contains) }) {
            return (55, "header holds \"\(a.alias)\"")
        }
        var best = (0.0, "")
        for a in aliases {
            let aw = Set(a.alias.split(separator: " "))
            let j = Double(words.intersection(aw).count) / Double(words.union(aw).count)
            if j > best.0 { best = (j, a.alias) }
        }
        guard best.0 >= 0.6 else { return (0, "") }
        return (Int(70 * best.0), "header is like \"\(best.1)\"")
    }
}
