import CapitalCore

/// Parsers for register values: dates in a declared order, money, small integers and yes/no flags.
/// Each returns a precise failure reason so the row report can say what was wrong.
public enum ValueParsers {
    private static let monthNames: [String: Int] = [
        "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
        "january": 1, "february": 2, "march": 3, "april": 4, "june": 6, "july": 7, "august": 8, "september": 9,
        "october": 10, "november": 11, "december": 12,
    ]

    /// Parses a date written in `order` (separators `/ - .` or space, month names allowed, a trailing time
    /// ignored). Returns the date or a reason it is not one; a day that does not exist (30/02/2022) is an error.
    public static func date(_ text: String, order: DateOrder) -> Result<CalendarDate, ValueError> {
        if let fast = fastNumericDate(text, order: order) { return fast }
        var s = Substring(text)
        if let t = s.firstIndex(where: { $0 == "T" || $0 == " " }), s[t...].contains(":") { s = s[..<t] }
        // Strict grammar: three non-empty parts of digits or a month name, no sign, no empty part
        // (`-1/01/2020` and `01//01/2020` are not dates); only a run of spaces counts as one separator.
        guard let parts = dateParts(s) else { return .failure(ValueError("is not a date (expected \(pattern(order)))")) }
        var y = 0, m = 0, d = 0
        func num(_ p: Substring) -> Int? { p.allSatisfy { $0.isASCII && $0.isNumber } ? Int(p) : nil }
        if parts[0].count == 4, let yy = num(parts[0]) { // ISO-like: year first, then month, day
            guard let mm = num(parts[1]) ?? monthNames[parts[1].lowercased()], let dd = num(parts[2]) else {
                return .failure(ValueError("is not a date (expected \(pattern(order)))"))
            }
            (y, m, d) = (yy, mm, dd)
        } else {
            let (iy, im, id): (Int, Int, Int) = order == .dmy ? (2, 1, 0) : order == .mdy ? (2, 0, 1) : (0, 1, 2)
            let nameMonth = monthNames[parts[im].lowercased()] ?? monthNames[parts[id].lowercased()]
            guard let yy = num(parts[iy]) else { return .failure(ValueError("is not a date (expected \(pattern(order)))")) }
            guard parts[iy].count == 4 else { return .failure(ValueError("has a two-digit year; write the year in full (\(pattern(order)))")) }
            if let nm = nameMonth {
                let dayPart = monthNames[parts[im].lowercased()] != nil ? parts[id] : parts[im]
                guard let dd = num(dayPart) else { return .failure(ValueError("is not a date")) }
                (y, m, d) = (yy, nm, dd)
            } else {
                guard let mm = num(parts[im]), let dd = num(parts[id]) else {
                    return .failure(ValueError("is not a date (expected \(pattern(order)))"))
                }
                (y, m, d) = (yy, mm, dd)
            }
        }
        guard let date = CalendarDate(year: y, month: m, day: d) else {
            return .failure(ValueError("is not a real date: there is no day \(d) in month \(m) of \(y) (read as \(pattern(order)))"))
        }
        return .success(date)
    }

    /// How a register writes an install date it knows only roughly (issue 15): a year alone (`2011`, read as
    /// 1 July, mid-year, so the age is off by at most half a year) or a month and year (`03/2011`, `2011-03`,
    /// `Mar 2011`, `March-2011`, read as the 1st). Nil for anything else, a full date included.
    public enum Approximation: Sendable, Equatable { case yearOnly, monthYear }

    /// `text` as an approximate date (see ``Approximation``), or nil when it is not a year or a month and year; a year
    /// alone is read as `yearOnly` (month, day) of that year (the profile's `year_only_day`; 1 July by default).
    public static func approximateDate(_ text: String, yearOnly: (month: Int, day: Int) = (7, 1)) -> (date: CalendarDate, kind: Approximation)? {
        let s = Substring(text.trimmingASCIIWhitespace())
        func year(_ p: Substring) -> Int? { p.count == 4 && p.allSatisfy { $0.isASCII && $0.isNumber } ? Int(p) : nil }
        func month(_ p: Substring) -> Int? {
            if (1...2).contains(p.count), p.allSatisfy({ $0.isASCII && $0.isNumber }), let m = Int(p), (1...12).contains(m) { return m }
            return monthNames[p.lowercased()]
        }
        if let y = year(s) { return (CalendarDate(year: y, month: yearOnly.month, day: yearOnly.day) ?? CalendarDate(year: y, month: 7, day: 1)).map { ($0, .yearOnly) } }
        let parts = s.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "/" || $0 == "-" || $0 == "." || $0 == " " })
        guard parts.count == 2 else { return nil }
        let ym: (Int, Int)?
        if let y = year(parts[1]), let m = month(parts[0]) { ym = (y, m) } else if let y = year(parts[0]), let m = month(parts[1]) { ym = (y, m) } else { ym = nil }
        guard let (y, m) = ym, let d = CalendarDate(year: y, month: m, day: 1) else { return nil }
        return (d, .monthYear)
    }

    /// The parts of a date split at `/ - .` or spaces, or nil when a part is empty (a leading or trailing
    /// separator, two separators in a row other than spaces) or there are not exactly three.
    static func dateParts(_ s: Substring) -> [Substring]? {
        var parts: [Substring] = []
        var start = s.startIndex, i = s.startIndex
        var previous: Character? // the separator just before `start`
        while i < s.endIndex {
            let c = s[i]
            if c == "/" || c == "-" || c == "." || c == " " {
                if start == i { // an empty part: only a run of spaces between parts is tolerated ("14  Mar 2012")
                    guard c == " ", previous == " " else { return nil }
                } else {
                    parts.append(s[start..<i])
                }
                previous = c
                start = s.index(after: i)
            }
            i = s.index(after: i)
        }
        guard start < s.endIndex else { return nil } // a trailing separator, or no text
        parts.append(s[start...])
        return parts.count == 3 ? parts : nil
    }

    /// Byte-level fast path for the common `NN/NN/NNNN` and `NNNN-NN-NN` forms; nil means "use the general parser".
    @inline(__always)
    static func fastNumericDate(_ text: String, order: DateOrder) -> Result<CalendarDate, ValueError>? {
        var g = (0, 0, 0), len = (0, 0, 0), k = 0
        var sep: UInt8 = 0
        for b in text.utf8 {
            if b >= 0x30 && b <= 0x39 {
                let d = Int(b - 0x30)
                guard len.0 <= 4, len.1 <= 4, len.2 <= 4 else { return nil } // a 20-digit cell must not overflow
                switch k { case 0: g.0 = g.0 * 10 + d; len.0 += 1; case 1: g.1 = g.1 * 10 + d; len.1 += 1; default: g.2 = g.2 * 10 + d; len.2 += 1 }
            } else if (b == 0x2F || b == 0x2D || b == 0x2E) && k < 2 && (sep == 0 || sep == b) {
                sep = b; k += 1
            } else { return nil }
        }
        guard k == 2, len.0 > 0, len.1 > 0, len.2 > 0, len.0 <= 4, len.1 <= 2, len.2 <= 4 else { return nil }
        let y, m, d: Int
        if len.0 == 4 { guard len.2 <= 2 else { return nil }; (y, m, d) = (g.0, g.1, g.2) } else {
            guard len.2 == 4, len.0 <= 2 else { return nil }
            switch order {
            case .dmy: (y, m, d) = (g.2, g.1, g.0)
            case .mdy: (y, m, d) = (g.2, g.0, g.1)
            case .ymd: return nil
            }
        }
        if let date = CalendarDate(year: y, month: m, day: d) { return .success(date) }
        return nil // let the general parser word the error
    }

    /// Byte-level fast path for non-negative money: optional `£`, digits with correct thousands commas,
    /// up to two decimals. nil means "use the general parser".
    @inline(__always)
    static func fastMoney(_ text: String) -> Pence? {
        var pounds: Int64 = 0, pence: Int64 = 0
        var digitsInGroup = 0, groups = 0, sawComma = false, decimals = -1, sawDigit = false, i = 0
        for b in text.utf8 {
            defer { i += 1 }
            if i == 0 && b == 0xC2 { continue }
            if i == 1 && b == 0xA3 && text.utf8.first == 0xC2 { continue }
            if b >= 0x30 && b <= 0x39 {
                sawDigit = true
                if decimals >= 0 {
                    guard decimals < 2 else { return nil }
                    pence = pence * 10 + Int64(b - 0x30); decimals += 1
                } else {
                    guard pounds < 100_000_000_000_000 else { return nil }
                    pounds = pounds * 10 + Int64(b - 0x30); digitsInGroup += 1
                }
            } else if b == 0x2C && decimals < 0 {
                guard digitsInGroup > 0, !sawComma || digitsInGroup == 3, sawComma || digitsInGroup <= 3 else { return nil }
                sawComma = true; groups += 1; digitsInGroup = 0
            } else if b == 0x2E && decimals < 0 {
                guard !sawComma || digitsInGroup == 3 else { return nil }
                decimals = 0
            } else { return nil }
        }
        guard sawDigit else { return nil }
        if decimals < 0 { guard !sawComma || digitsInGroup == 3 else { return nil } }
        if decimals == 1 { pence *= 10 }
        return Pence(pounds * 100 + pence)
    }

    static func pattern(_ order: DateOrder) -> String {
        switch order { case .dmy: return "DD/MM/YYYY"; case .mdy: return "MM/DD/YYYY"; case .ymd: return "YYYY-MM-DD" }
    }

    /// What a money value said about VAT, when it said anything ("ex VAT", "inc VAT").
    public enum VATMarker: Sendable { case exclusive, inclusive }

    /// Parses money: optional `£` or `GBP`, thousands separators, up to two decimals, an optional
    /// "ex VAT"/"inc VAT" suffix. Negative amounts (leading `-` or parentheses) are an error for costs.
    public static func money(_ text: String) -> Result<(Pence, VATMarker?), ValueError> {
        if let p = fastMoney(text) { return .success((p, nil)) } // fast path: "845000.00", "£1,234.50"
        if let p = Pence(pounds: text), p.value >= 0 { return .success((p, nil)) }
        var s = text.trimmingASCIIWhitespace()
        var marker: VATMarker?
        let lower = s.lowercased()
        for (suffix, m) in [("ex vat", VATMarker.exclusive), ("exc vat", .exclusive), ("excl vat", .exclusive), ("excl. vat", .exclusive),
                            ("+vat", .exclusive), ("+ vat", .exclusive), ("inc vat", .inclusive), ("incl vat", .inclusive),
                            ("incl. vat", .inclusive), ("inc. vat", .inclusive)] where lower.hasSuffix(suffix) {
            s = String(s.dropLast(suffix.count)).trimmingASCIIWhitespace(); marker = m; break
        }
        var negative = false
        if s.hasPrefix("(") && s.hasSuffix(")") { negative = true; s = String(s.dropFirst().dropLast()) }
        if s.uppercased().hasPrefix("GBP") { s = String(s.dropFirst(3)) }
        s = s.replacingOccurrences(of: " ", with: "")
        if s.hasPrefix("-") || s.hasPrefix("£-") { negative = true }
        var pence = Pence(pounds: s)
        if pence == nil, let dot = s.firstIndex(of: "."), s[s.index(after: dot)...].count > 2 {
            // A float artefact from a spreadsheet (68950.000000001): round only if within a thousandth of a penny.
            let cleaned = s.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "£", with: "")
            if let d = Double(cleaned), d.isFinite, abs(d) < 1e15, abs(d * 100 - (d * 100).rounded()) < 0.001 {
                pence = Pence(Int64((d * 100).rounded())) // within £10^15: no trap converting to Int64
            }
        }
        guard let p = pence else {
            let digits = s.prefix(while: { $0 != "." }).filter { $0.isASCII && $0.isNumber }.count
            if digits > 15 { return .failure(ValueError("is too large (at most £9,999,999,999,999.99)")) }
            return .failure(ValueError("is not an amount of money (expected e.g. 1234.50 or £1,234.50)"))
        }
        if negative || p.value < 0 { return .failure(ValueError("is negative; a cost cannot be below zero")) }
        return .success((p, marker))
    }

    /// A whole number, tolerating a trailing `.0` as spreadsheets write it.
    /// Nil when out of `Int`'s range.
    public static func integer(_ text: String) -> Int? {
        if let v = Int(text) { return v }
        if text.hasSuffix(".0"), let v = Int(text.dropLast(2)) { return v }
        return nil
    }

    /// A non-negative decimal number as (whole, tenths) rounded half up to one decimal place, from text such as "2.5".
    static func decimalTenths(_ text: String) -> Int? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        // At most 10^12 (a larger downtime is not plausible, and × 10 × 24 stays far inside Int).
        guard parts.count <= 2, parts[0].allSatisfy({ $0.isASCII && $0.isNumber }),
              let whole = Int(parts[0].isEmpty ? "0" : parts[0]), whole >= 0, whole <= 1_000_000_000_000 else { return nil }
        var tenths = whole * 10
        if parts.count == 2 {
            let frac = parts[1]
            guard frac.allSatisfy({ $0.isASCII && $0.isNumber }), !frac.isEmpty else { return nil }
            let digits = Array(frac.utf8).map { Int($0) - 48 }
            tenths += digits[0] + ((digits.count > 1 && digits[1] >= 5) ? 1 : 0)
        }
        return tenths
    }

    /// Whether a value looks like an identifier Excel has turned into scientific notation (`2.09E+11`).
    public static func looksExcelDamaged(_ text: String) -> Bool {
        guard text.utf8.contains(where: { $0 == 0x2B || $0 == 0x2D }) else { return false } // needs E+ or E-
        let u = Array(text.utf8)
        guard u.count >= 4, let e = u.firstIndex(where: { $0 == 0x45 || $0 == 0x65 }), e >= 1, e + 1 < u.count else { return false }
        let mantissa = u[0..<e], exponent = u[(e + 1)...]
        var sawDigit = false, dots = 0
        for b in mantissa {
            if b >= 0x30 && b <= 0x39 { sawDigit = true } else if b == 0x2E { dots += 1 } else { return false }
        }
        guard sawDigit, dots <= 1 else { return false }
        var exp = exponent[...]
        if let f = exp.first, f == 0x2B || f == 0x2D { exp = exp.dropFirst() } else { return false } // Excel always writes E+ or E-
        return !exp.isEmpty && exp.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }
}

/// Why a value could not be read (completes the sentence "The value … ").
public struct ValueError: Error, Sendable, Equatable {
    /// The reason, worded to follow the value (`is not a real date: …`).
    public var reason: String
    /// Creates an error with its reason.
    public init(_ reason: String) { self.reason = reason }
}
