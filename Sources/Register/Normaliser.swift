import CapitalCore

/// Turns raw rows of one file into canonical assets, rejections or skips, applying one bound profile.
///
/// Rules it keeps: every identifier stays text; missing-value words become nil; dates are read in the
/// profile's declared order and an impossible date is an error naming the value (never 1970-01-01);
/// money must parse and be non-negative; an asset tag is required, and a repeated tag rejects the later
/// row unless the whole row is identical (then it is skipped once, with a warning); rows describing
/// non-imaging equipment are skipped with the reason; the same (manufacturer, model, serial) under two
/// tags is reported, never merged. It is stateful across a file (for the duplicate checks): use one
/// `Normaliser` per file, feeding rows in order.
public final class Normaliser {
    /// The profile bound to the file's headers.
    public let bound: BoundProfile
    /// The owner trust's code, given to every asset.
    public let trust: String
    /// The file's name, as issues and assets (`sourceFile`) give it.
    public let fileName: String
    /// The date "today" for future-date checks and disposal status (fixed in tests).
    public let asOf: CalendarDate

    let profile: MappingProfile
    let vocab: Vocabulary
    let col: [Int]
    private let missingExact: Set<String>
    /// Cheap pre-filter: a value can only be a missing word if its first byte and length match one.
    private let missingFirstByte: [Bool]
    private let missingLength: [Bool]
    // Stored state is touched on every row by this object alone (one normaliser per file, one thread):
    // the runtime's exclusivity checks on it cost about 7% of an import's CPU, so they are off here.
    @exclusivity(unchecked) var statusCache: [String: AssetStatus?] = [:]
    @exclusivity(unchecked) var criticalityCache: [String: Int?] = [:]
    @exclusivity(unchecked) private var seenTags: [String: (row: Int, hash: Int)] = [:]
    @exclusivity(unchecked) private var seenDevices: [Int: Int] = [:] // device fingerprint → first row
    @exclusivity(unchecked) var modalityCache: [String: Vocabulary.ModalityVerdict] = [:]
    @exclusivity(unchecked) var manufacturerCache: [String: String] = [:]
    @exclusivity(unchecked) var issues: [ValidationIssue] = []
    @exclusivity(unchecked) private var longKeyBytes = 0
    @exclusivity(unchecked) var row = RawRow(rowNumber: 0, headers: [], values: [])
    /// For rows without an asset tag: how many untagged rows of the file have each serial (by hash; 2 means "more
    /// than one"), counted over the whole file the first time an untagged row is met.
    @exclusivity(unchecked) private var untaggedSerials: [Int: UInt8]?
    /// A fresh source of this file's data rows, read once to count serials when a row has no tag (set by
    /// ``RegisterPipeline``); without it, keys are made as if every serial were unique.
    public var rescan: (() throws -> RowSource)?

    /// Whether a row must have a cell for every header (CSV, where every delimiter is written, so a short row is
    /// a truncated or broken line); false for XLSX, which leaves trailing empty cells out.
    public let fullRows: Bool
    /// The longest cell a row may hold, in UTF-8 bytes (Excel's own limit is 32,767 characters).
    public static let maxCellBytes = 65_536
    /// The longest asset tag, in UTF-8 bytes (a tag is an identifier; the register indexes it).
    public static let maxTagBytes = 255
    /// Values longer than this (bytes) count against ``longKeyBudget`` in the per-value caches.
    static let maxCachedKeyBytes = 256
    /// The most bytes of long values the caches hold before they are emptied: memory stays bounded however many
    /// distinct long values a file has, while one long value repeated on every row is still looked up once.
    static let longKeyBudget = 16 << 20

    /// Creates the normaliser for one file read with `bound`, whose assets belong to `trust`; `fullRows` as above.
    public init(profile bound: BoundProfile, trust: String, fileName: String, asOf: CalendarDate = .today(), fullRows: Bool = true) {
        seenTags.reserveCapacity(1 << 14)
        self.fullRows = fullRows
        self.bound = bound
        self.trust = trust
        self.fileName = fileName
        self.asOf = asOf
        profile = bound.profile
        vocab = bound.profile.vocabulary
        col = CanonicalField.allCases.map { bound.column($0) ?? -1 }
        var exact = Set<String>()
        for w in vocab.missingValues { exact.insert(w); exact.insert(w.uppercased()); exact.insert(w.prefix(1).uppercased() + w.dropFirst()) }
        missingExact = exact
        var first = [Bool](repeating: false, count: 256), lengths = [Bool](repeating: false, count: 65)
        for w in exact { if let f = w.utf8.first { first[Int(f)] = true; first[Int(f) ^ 0x20] = true }; if w.utf8.count <= 64 { lengths[w.utf8.count] = true } }
        missingFirstByte = first
        missingLength = lengths
    }

    /// Called before a value is added to a cache: a long one counts against the budget, which when spent empties
    /// every cache.
    @inline(__always) func admitToCache(_ key: String) {
        let n = key.utf8.count
        guard n > Self.maxCachedKeyBytes else { return }
        longKeyBytes += n
        if longKeyBytes > Self.longKeyBudget {
            modalityCache.removeAll(); manufacturerCache.removeAll(); statusCache.removeAll(); criticalityCache.removeAll()
            longKeyBytes = n
        }
    }

    // MARK: cell access

    /// The trimmed text of `field` in the current row, or nil when absent, blank or a missing-value word.
    @inline(__always) func text(_ field: CanonicalField) -> String? {
        let c = col[field.ordinal]
        guard c >= 0, c < row.values.count else { return nil }
        let v = row.values[c].trimmingASCIIWhitespace()
        let u = v.utf8
        guard let f = u.first else { return nil }
        let n = u.count
        if n > 64 || !missingLength[n] || !missingFirstByte[Int(f)] { return v }
        if missingExact.contains(v) { return nil }
        if !u.contains(where: { $0 >= 0x30 && $0 <= 0x39 }), vocab.missingValues.contains(v.lowercased()) { return nil }
        return v
    }

    func header(_ field: CanonicalField) -> String {
        let c = col[field.ordinal]
        return c >= 0 && c < row.headers.count ? row.headers[c] : field.rawValue
    }

    func issue(_ field: CanonicalField?, _ value: String, _ rule: ValidationRule, _ message: String, _ severity: Severity) {
        issues.append(ValidationIssue(file: fileName, row: row.rowNumber, column: field.map(header) ?? "", value: Self.clipped(value),
                                      rule: rule, message: Self.clipped(message, 1_024), severity: severity))
    }

    /// `text` cut to about `limit` bytes with "…" (issues and skip reasons are kept for the whole file, so one
    /// long value repeated on every row must not be copied whole into each); NUL shown as `\0`.
    static func clipped(_ text: String, _ limit: Int = 200) -> String {
        let u = text.utf8
        if u.count <= limit && !u.contains(0) { return text }
        var out = u.count <= limit ? text : String(decoding: u.prefix(limit), as: UTF8.self) + "…"
        if out.utf8.contains(0) { out = out.replacingOccurrences(of: "\u{0}", with: "\\0") }
        return out
    }

    /// Rejects a row with a NUL byte or an over-long cell, naming each such cell (slow path, bad rows only).
    private func rejectBadText(_ raw: RawRow) -> RowOutcome {
        for (i, v) in raw.values.enumerated() {
            let u = v.utf8
            let column = i < raw.headers.count ? raw.headers[i] : "column \(i + 1)"
            if u.count > Self.maxCellBytes {
                issues.append(ValidationIssue(file: fileName, row: raw.rowNumber, column: column, value: Self.clipped(v, 64), rule: .tooLong,
                                              message: "the cell holds \(u.count) bytes; a register value is at most \(Self.maxCellBytes) (an unclosed quote?)",
                                              severity: .error))
            } else if u.contains(0) {
                issues.append(ValidationIssue(file: fileName, row: raw.rowNumber, column: column, value: Self.clipped(v), rule: .invalidText,
                                              message: "the cell holds a NUL byte (\\0), which is not text; is the file binary or damaged?",
                                              severity: .error))
            }
        }
        return .rejected(issues)
    }

    // MARK: the row

    /// Normalises one row (rows must come in file order).
    public func normalise(_ raw: RawRow) -> RowOutcome {
        row = raw
        issues.removeAll(keepingCapacity: true)

        if raw.values.count > raw.headers.count, raw.values[raw.headers.count...].contains(where: { !$0.isEmpty }) {
            issue(nil, "", .columnCount, "row has \(raw.values.count) cells but the header has \(raw.headers.count); a delimiter inside an unquoted value?", .error)
        } else if fullRows && raw.values.count < raw.headers.count {
            issue(nil, "", .columnCount, "row has \(raw.values.count) cells but the header has \(raw.headers.count); a truncated line, or a line break inside an unquoted value?", .error)
        }
        // A row whose cells are out of line is rejected as it is: its values cannot be trusted to be in their columns
        // (nor to say it is not imaging equipment, which would skip it and lose the error).
        if !issues.isEmpty { return .rejected(issues) }
        // One pass over the row's bytes: its fingerprint, and whether any cell holds a NUL or is over-long.
        let (hash, nul, longest) = RowHash.scan(raw.values)
        if nul || longest > Self.maxCellBytes { return rejectBadText(raw) }
        guard let tag = text(.assetTag) ?? serialKey() else {
            // A row that is not imaging equipment is skipped for that, tag or no tag: a hospital inventory's beds and
            // pumps often have neither a tag nor a serial, and must not fail the import of its scanners.
            if case .failure(let skip) = classify() { return .skipped(skip) }
            issue(.assetTag, raw.value(at: max(col[CanonicalField.assetTag.ordinal], 0)), .required,
                  "asset tag is required (or, failing one, a serial number to key the row by)", .error)
            return .rejected(issues)
        }
        if tag.utf8.count > Self.maxTagBytes {
            issue(.assetTag, tag, .tooLong, "asset tag is \(tag.utf8.count) bytes long; a tag is at most \(Self.maxTagBytes)", .error)
            return .rejected(issues)
        }
        if ValueParsers.looksExcelDamaged(tag) {
            issue(.assetTag, tag, .excelDamaged, "asset tag looks turned into a number by Excel (scientific notation); re-export the column as text", .error)
        }
        if let first = seenTags[tag] {
            if first.hash == hash {
                let i = ValidationIssue(file: fileName, row: raw.rowNumber, column: header(.assetTag), value: tag, rule: .exactDuplicate,
                                        message: "row repeats row \(first.row) exactly; loaded once", severity: .warning)
                return .skipped(SkipReason(kind: .exactDuplicate, message: "exact duplicate of row \(first.row)", issue: i))
            }
            issue(.assetTag, tag, .duplicateTag, "asset tag \(tag) is already used on row \(first.row) with different values; tags must be unique within a trust", .error)
        } else {
            seenTags[tag] = (raw.rowNumber, hash)
        }

        // Modality decides whether the row is imaging equipment at all.
        switch classify() {
        case .success(let modality): return build(tag: tag, modality: modality)
        case .failure(let skip): return .skipped(skip)
        }
    }

    private enum Classified { case success(Modality), failure(SkipReason) }

    /// The row's modality, from the profile's `modality_from` fields in order, or why the row is skipped (not imaging
    /// equipment, or no modality recognised).
    @inline(__always) private func classify() -> Classified {
        var modality: Modality?
        var checked: [String] = []
        for f in profile.modalityFrom {
            // The department is a fallback for rows that do not name their equipment: a patient monitor in the CT
            // suite is not a CT scanner, so a row whose description or model says something unrecognised is skipped.
            if f == .department, !checked.isEmpty { break }
            guard let t = text(f) else { continue }
            checked.append(t)
            let verdict: Vocabulary.ModalityVerdict
            if let v = modalityCache[t] { verdict = v } else {
                verdict = vocab.classify(t)
                admitToCache(t)
                if modalityCache.count >= 50_000 { modalityCache.removeAll(keepingCapacity: true) } // bounded: finance descriptions are unique per row
                modalityCache[t] = verdict
            }
            switch verdict {
            case .imaging(let m): modality = m
            case .nonImaging(let k):
                return .failure(SkipReason(kind: .nonImaging, message: "not imaging equipment (\"\(Self.clipped(t))\" matches \"\(k)\")", issue: nil,
                                           column: header(f), value: Self.clipped(t)))
            case .unrecognised: continue
            }
            break
        }
        guard let modality else {
            let shown = checked.isEmpty ? "no description" : checked.map { "\"\(Self.clipped($0))\"" }.joined(separator: ", ")
            let i = ValidationIssue(file: fileName, row: row.rowNumber, column: profile.modalityFrom.first.map(header) ?? "", value: Self.clipped(checked.first ?? ""),
                                    rule: .unrecognisedModality, message: "no imaging modality recognised in \(shown); add a keyword to the profile if it is imaging equipment", severity: .warning)
            return .failure(SkipReason(kind: .unrecognisedModality, message: "no modality recognised in \(shown)", issue: i))
        }
        return .success(modality)
    }

    /// The key of a row with no asset tag but a serial (issue 15): `serial:SERIAL`, or, when another untagged row of
    /// the file has the same serial, `serial:SERIAL/MANUFACTURER/MODEL` (as written). It depends only on the file's
    /// rows, so the same row gets the same key on every re-import; a warning names the row and the key.
    private func serialKey() -> String? {
        guard let serial = text(.serial), !ValueParsers.looksExcelDamaged(serial) else { return nil }
        var h = Hasher(); h.combine(serial)
        let shared = (untaggedSerialCounts()[h.finalize()] ?? 0) > 1
        let key = "serial:" + serial + (shared ? "/\(text(.manufacturer) ?? "")/\(text(.model) ?? "")" : "")
        issue(.assetTag, "", .derivedTag, "no asset tag: the row is keyed by its serial number" + (shared ? ", manufacturer and model" : "")
              + " as \(key) (the same on every import of this row)", .warning)
        return key
    }

    /// Serial counts of the file's untagged rows (see ``untaggedSerials``), read through ``rescan`` once.
    private func untaggedSerialCounts() -> [Int: UInt8] {
        if let c = untaggedSerials { return c }
        var counts: [Int: UInt8] = [:]
        let current = row
        defer { row = current }
        if let source = try? rescan?() {
            while let r = try? source.nextRow() {
                row = r
                guard text(.assetTag) == nil, let s = text(.serial) else { continue }
                var h = Hasher(); h.combine(s)
                let k = h.finalize()
                counts[k] = min(2, (counts[k] ?? 0) + 1)
            }
        }
        untaggedSerials = counts
        return counts
    }

    private func build(tag: String, modality: Modality) -> RowOutcome {
        let description = text(.description)
        var model = text(.model)
        var serial = text(.serial)
        var manufacturerGiven = text(.manufacturer)
        if profile.manufacturerFromDescription, let d = description {
            let parts = DescriptionParts(d, vocabulary: vocab, serialMarkers: profile.serialMarkers)
            if manufacturerGiven == nil { manufacturerGiven = parts.manufacturer }
            if serial == nil { serial = parts.serial }
            if model == nil { model = parts.model }
        }
        if let s = serial, ValueParsers.looksExcelDamaged(s) {
            issue(.serial, s, .excelDamaged, "serial looks turned into a number by Excel (scientific notation); the real serial is lost — re-export the column as text", .error)
        }
        var manufacturer: String?
        if let g = manufacturerGiven {
            if let c = manufacturerCache[g] { manufacturer = c } else {
                let c = vocab.manufacturer(g)
                admitToCache(g)
                if manufacturerCache.count >= 50_000 { manufacturerCache.removeAll(keepingCapacity: true) }
                manufacturerCache[g] = c
                manufacturer = c
            }
        }
        let installDate = date(.installDate)
        if let d = installDate, d > asOf { issue(.installDate, d.iso, .futureDate, "install date \(d.iso) is in the future", .warning) }
        if installDate == nil && text(.installDate) == nil {
            issue(.installDate, row.value(at: max(col[CanonicalField.installDate.ordinal], 0)), .missingDate, "no install date: the asset's age is unknown", .warning)
        }
        let replacement = date(.replacementDate)
        let disposal = date(.disposalDate)
        let purchaseCost = money(.purchaseCost)
        if purchaseCost == nil && text(.purchaseCost) == nil {
            issue(.purchaseCost, "", .missingCost, "no purchase cost", .warning)
        }
        let life = expectedLife(install: installDate, replacement: replacement, modality: modality)
        var status = AssetStatus.inUse
        if let s = text(.status) {
            let known: AssetStatus?
            if let cached = statusCache[s] { known = cached } else {
                known = vocab.status(s)
                admitToCache(s)
                if statusCache.count >= 10_000 { statusCache.removeAll() }
                statusCache[s] = known
            }
            if let known { status = known } else {
                issue(.status, s, .unknownStatus, "status word not recognised; treated as in use (add it to the profile's status list)", .warning)
            }
        }
        if let d = disposal, d <= asOf { status = .disposed }
        let (criticality, fromRegister) = self.criticality(modality)
        if let s = serial, let m = manufacturer {
            // Keyed by a 64-bit hash of (manufacturer, model, serial) to keep memory flat; a collision could
            // only add a spurious warning, which names the other asset so a person can check.
            var h = Hasher(); h.combine(m); h.combine(model ?? ""); h.combine(s)
            let key = h.finalize()
            if let firstRow = seenDevices[key] {
                issue(.serial, s, .duplicateDevice, "same manufacturer, model and serial as the asset on row \(firstRow); both kept — check whether they are one device", .warning)
            } else {
                seenDevices[key] = row.rowNumber
            }
        }
        let asset = CanonicalAsset(
            trust: trust, site: text(.site), assetTag: tag, serial: serial, manufacturer: manufacturer, manufacturerAsGiven: manufacturerGiven,
            model: model, modality: modality, installDate: installDate, purchaseCost: purchaseCost, netBookValue: money(.netBookValue),
            expectedLifeYears: life.years, expectedLifeSource: life.source, endOfManufacturerSupport: date(.endOfSupport),
            status: status, exclusiveToNetwork: flag(.exclusive), criticality: criticality, criticalityFromRegister: fromRegister,
            failuresLastYear: count(.failures), downtimeHoursLastYear: downtimeHours(), contractSupplier: text(.contractSupplier),
            contractEnd: date(.contractEnd), contractAnnualCost: money(.contractAnnualCost), department: text(.department),
            description: description ?? text(.modality), disposalDate: disposal, sourceFile: fileName, sourceRow: row.rowNumber, raw: row)
        if issues.contains(where: { $0.severity == .error }) { return .rejected(issues) }
        return .asset(asset, warnings: issues)
    }
}
