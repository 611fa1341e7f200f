import CapitalCore

/// What a sample of one column's values looks like (`capital profile init`): dates and the order they are written
/// in, money, whole numbers, serial-like codes, ODS-like site codes, modality words, manufacturer names, status
/// words. Pure and bounded: it looks at the values it is given, each clipped to ``maxValueBytes``.
public struct ColumnEvidence: Sendable, Equatable {
    /// The most bytes of a value looked at (a longer value is cut; a register value that long is free text).
    public static let maxValueBytes = 256

    /// Values looked at, empty ones included.
    public var values = 0
    /// Non-empty values (missing-value words such as `N/A` excluded).
    public var nonEmpty = 0
    /// Distinct non-empty values.
    public var distinct = 0
    /// Full dates by how they can be read: a four-digit year first (ISO), a first part above 12 (so day first),
    /// a second part above 12 (so month first), or either way.
    public var isoDates = 0, dayFirstDates = 0, monthFirstDates = 0, ambiguousDates = 0
    /// Approximate dates: a year alone ("2011"), a month and year ("03/2011").
    public var yearOnly = 0, monthYear = 0
    /// Values that read as money and say so (a `£`, thousands separators or exactly two decimals).
    public var money = 0
    /// Plain whole numbers, and the largest.
    public var integers = 0, largestInteger = 0
    /// Serial-like codes: one word of letters and digits (with `-`, `/` or `.`), 4–30 characters, with a digit.
    public var serialLike = 0
    /// ODS-like codes: a trust (`RXX`, `R1A`) or a site (`RXX01`, `RI01`) code.
    public var siteCodes = 0
    /// Values naming a place that is a site (hospital, infirmary, centre, …).
    public var siteWords = 0
    /// Values whose words name an imaging modality, and values naming equipment that is not imaging.
    public var imagingWords = 0, nonImagingWords = 0
    /// Values that are a known manufacturer, and values that start with one (finance descriptions).
    public var manufacturers = 0, startsWithManufacturer = 0
    /// Values with a serial marker inside ("S/N 60123").
    public var serialMarkers = 0
    /// Status words (in use, condemned, …), criticality words (high, low) or 1–5, yes/no words.
    public var statusWords = 0, criticalityWords = 0, yesNoWords = 0
    /// Values with a space (free text rather than codes).
    public var withSpaces = 0
    /// Up to three distinct examples, in the order met.
    public var examples: [String] = []
    /// Up to two examples of dates that decided the order (a part above 12).
    public var decidingDates: [String] = []

    /// Full dates of any reading.
    public var dates: Int { isoDates + dayFirstDates + monthFirstDates + ambiguousDates }

    /// `part` of the non-empty values (0 when there are none).
    public func share(_ count: Int) -> Double { nonEmpty == 0 ? 0 : Double(count) / Double(nonEmpty) }

    /// Looks at `values` with the words of `vocabulary`.
    public init(values: some Sequence<String>, vocabulary: Vocabulary) {
        var seen = Set<String>()
        for raw in values {
            self.values += 1
            let v = ValueSniffer.clip(raw.trimmingASCIIWhitespace())
            if v.isEmpty || vocabulary.missingValues.contains(v.lowercased()) { continue }
            nonEmpty += 1
            if seen.insert(v).inserted, examples.count < 3 { examples.append(v) }
            if v.contains(" ") { withSpaces += 1 }
            let key = TextKey.make(v)
            switch ValueSniffer.dateReading(v) {
            case .iso: isoDates += 1
            case .dayFirst: dayFirstDates += 1; if decidingDates.count < 2 && !decidingDates.contains(v) { decidingDates.append(v) }
            case .monthFirst: monthFirstDates += 1; if decidingDates.count < 2 && !decidingDates.contains(v) { decidingDates.append(v) }
            case .either: ambiguousDates += 1
            case nil:
                if let (_, kind) = ValueParsers.approximateDate(v) { if kind == .yearOnly { yearOnly += 1 } else { monthYear += 1 } }
            }
            if let n = ValueParsers.integer(v), n >= 0 {
                integers += 1; largestInteger = max(largestInteger, n)
            } else if ValueSniffer.isMoney(v) { money += 1 }
            if ValueSniffer.isSerialLike(v) { serialLike += 1 }
            if ValueSniffer.isSiteCode(v) { siteCodes += 1 }
            let words = key.split(separator: " ")
            if ValueSniffer.siteWords.contains(where: { words.contains(Substring($0)) }) { siteWords += 1 }
            switch vocabulary.classify(v) {
            case .imaging: imagingWords += 1
            case .nonImaging: nonImagingWords += 1
            case .unrecognised: break
            }
            if vocabulary.manufacturerAliases[key] != nil { manufacturers += 1 }
            if vocabulary.manufacturerPrefix(of: key) != nil { startsWithManufacturer += 1 }
            if ValueSniffer.serialMarkerWords.contains(where: { key.hasPrefix($0 + " ") || key.contains(" " + $0 + " ") }) { serialMarkers += 1 }
            if vocabulary.status(v) != nil { statusWords += 1 }
            if vocabulary.criticalityWords[key] != nil || ["1", "2", "3", "4", "5"].contains(v) { criticalityWords += 1 }
            if vocabulary.yesWords.contains(key) || vocabulary.noWords.contains(key) { yesNoWords += 1 }
        }
        distinct = seen.count
    }
}

/// The value tests behind ``ColumnEvidence``, one value at a time.
public enum ValueSniffer {
    /// How a full date can be read.
    public enum DateReading: Sendable, Equatable {
        /// A four-digit year first (`2012-03-14`): read the same in any order.
        case iso
        /// The first part is above 12 (`14/03/2012`): day first.
        case dayFirst
        /// The second part is above 12 (`03/14/2012`): month first.
        case monthFirst
        /// Both parts are 12 or less (`03/04/2012`), or the month is a name: either order reads it.
        case either
    }

    /// Words that make a place a site rather than a department.
    static let siteWords = ["hospital", "infirmary", "centre", "center", "site", "campus", "hospice", "health", "polyclinic"]
    /// Markers before a serial inside a description, in `TextKey` form (the default `serial_markers`).
    public static let serialMarkerWords = ["s n", "sn", "ser no", "serial", "serial no"]

    static func clip(_ s: String) -> String {
        s.utf8.count <= ColumnEvidence.maxValueBytes ? s : String(decoding: s.utf8.prefix(ColumnEvidence.maxValueBytes), as: UTF8.self)
    }

    /// How `text` reads as a full date, or nil when it is not one in any order (nor a real day in any order).
    public static func dateReading(_ text: String) -> DateReading? {
        var s = Substring(text)
        if let t = s.firstIndex(where: { $0 == "T" || $0 == " " }), s[t...].contains(":") { s = s[..<t] }
        guard let parts = ValueParsers.dateParts(s) else { return nil }
        if parts[0].count == 4 {
            return ValueParsers.date(String(s), order: .ymd).isSuccess ? .iso : nil
        }
        let dmy = ValueParsers.date(String(s), order: .dmy).isSuccess, mdy = ValueParsers.date(String(s), order: .mdy).isSuccess
        switch (dmy, mdy) {
        case (true, true): return .either
        case (true, false): return .dayFirst
        case (false, true): return .monthFirst
        case (false, false): return nil
        }
    }

    /// Whether `text` is money that says so: a `£`/`GBP`, thousands separators, "ex VAT", or exactly two decimals.
    public static func isMoney(_ text: String) -> Bool {
        guard case .success = ValueParsers.money(text) else { return false }
        let u = text.uppercased()
        if u.contains("£") || u.contains("GBP") || u.contains("VAT") || u.contains(",") { return true }
        guard let dot = text.lastIndex(of: ".") else { return false }
        return text[text.index(after: dot)...].count == 2
    }

    /// Whether `text` looks like a serial number or an equipment code: one word, 4 to 30 characters of letters,
    /// digits and `- / .`, with at least one digit, and not a date or an amount of money.
    public static func isSerialLike(_ text: String) -> Bool {
        let u = text.utf8
        guard (4...30).contains(u.count), u.contains(where: { $0 >= 0x30 && $0 <= 0x39 }),
              u.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x2D || $0 == 0x2F || $0 == 0x2E })
        else { return false }
        return dateReading(text) == nil && !isMoney(text)
    }

    /// Whether `text` looks like an ODS code for a trust or a site: a capital letter and two capitals or digits
    /// (`RXX`, `R1A`), optionally followed by two digits (`RXX01`), or two capitals and two digits (`RI01`, a
    /// finance location code).
    public static func isSiteCode(_ text: String) -> Bool {
        let u = Array(text.utf8)
        func upper(_ b: UInt8) -> Bool { b >= 0x41 && b <= 0x5A }
        func digit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        switch u.count {
        case 3: return upper(u[0]) && (upper(u[1]) || digit(u[1])) && (upper(u[2]) || digit(u[2])) && !(digit(u[1]) && digit(u[2]))
        case 4: return upper(u[0]) && upper(u[1]) && digit(u[2]) && digit(u[3])
        case 5: return upper(u[0]) && (upper(u[1]) || digit(u[1])) && (upper(u[2]) || digit(u[2])) && digit(u[3]) && digit(u[4])
        default: return false
        }
    }
}

extension Result {
    var isSuccess: Bool { if case .success = self { return true }; return false }
}
