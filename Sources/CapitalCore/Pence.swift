import Foundation

/// An amount of money in whole pence. Money is never a `Double` in Capital Planner.
///
/// `Pence` parses the forms registers and finance files use ("1234.5", "£1,234.50", "-12.00")
/// exactly, with no binary rounding, and prints pounds with two decimals. Arithmetic traps on
/// overflow rather than wrapping: ±£92 quadrillion is far beyond any NHS capital programme.
public struct Pence: Hashable, Comparable, Sendable, Codable, CustomStringConvertible,
                     AdditiveArithmetic, ExpressibleByIntegerLiteral {
    /// The amount in pence (negative for a refund or credit).
    public let value: Int64

    /// An amount of `value` pence.
    public init(_ value: Int64) { self.value = value }
    /// An amount of pence from an integer literal (`let fee: Pence = 1250` is £12.50).
    public init(integerLiteral value: Int64) { self.value = value }
    /// No money: 0p.
    public static var zero: Pence { Pence(0) }

    /// Whole pounds.
    public static func pounds(_ pounds: Int64) -> Pence { Pence(pounds * 100) }

    /// Parses a decimal amount of pounds with at most two decimal places, tolerating a leading
    /// `£`, thousands separators and surrounding spaces. Returns `nil` for anything else,
    /// including a third decimal place (which would need rounding the user did not ask for).
    public init?(pounds text: some StringProtocol) {
        var s = Substring(text).trimmingCharacters(in: .whitespaces)[...]
        var negative = false
        if s.hasPrefix("-") { negative = true; s = s.dropFirst() }
        if s.hasPrefix("£") { s = s.dropFirst() }
        if !negative, s.hasPrefix("-") { negative = true; s = s.dropFirst() }
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, !whole.isEmpty || parts.count == 2 else { return nil }
        // Thousands separators must sit every three digits from the right ("1,234,567").
        let groups = whole.split(separator: ",", omittingEmptySubsequences: false)
        if groups.count > 1 {
            guard (1...3).contains(groups[0].count), groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
        }
        let digits = groups.joined()
        guard digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        var fraction = parts.count == 2 ? String(parts[1]) : ""
        guard fraction.count <= 2, fraction.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        while fraction.count < 2 { fraction += "0" }
        guard digits.count <= 15 else { return nil }
        let poundsValue = Int64(digits.isEmpty ? "0" : digits)!
        let total = poundsValue * 100 + Int64(fraction)!
        self.value = negative ? -total : total
    }

    /// Exact conversion from a `Decimal` number of pounds; `nil` if it has fractions of a penny.
    public init?(exactly pounds: Decimal) {
        var scaled = pounds * 100
        var rounded = Decimal()
        NSDecimalRound(&rounded, &scaled, 0, .plain)
        guard rounded == scaled, let v = Int64(exactly: NSDecimalNumber(decimal: rounded).int64Value),
              Decimal(v) == rounded else { return nil }
        self.value = v
    }

    /// Rounds a `Decimal` number of pounds to the nearest penny (half away from zero, as finance rounds).
    public init(rounding pounds: Decimal) {
        var scaled = pounds * 100
        var rounded = Decimal()
        NSDecimalRound(&rounded, &scaled, 0, .plain)
        self.value = NSDecimalNumber(decimal: rounded).int64Value
    }

    /// The amount in pounds, exactly.
    public var decimalPounds: Decimal { Decimal(value) / 100 }

    /// `1234.50` (no currency sign, no separators): the form for CSV, JSON and SQL `numeric`.
    public var plain: String {
        let sign = value < 0 ? "-" : ""
        let m = value.magnitude
        let p = m % 100
        return "\(sign)\(m / 100).\(p < 10 ? "0" : "")\(p)"
    }

    /// `£1,234.50`: the form people read.
    public var formatted: String {
        let sign = value < 0 ? "-" : ""
        let m = value.magnitude
        var whole = String(m / 100)
        var grouped = ""
        while whole.count > 3 {
            grouped = "," + whole.suffix(3) + grouped
            whole.removeLast(3)
        }
        let p = m % 100
        return "\(sign)£\(whole)\(grouped).\(p < 10 ? "0" : "")\(p)"
    }

    /// The readable form, `£1,234.50`.
    public var description: String { formatted }

    /// The sum; traps on overflow.
    public static func + (a: Pence, b: Pence) -> Pence { Pence(a.value + b.value) }
    /// The difference; traps on overflow.
    public static func - (a: Pence, b: Pence) -> Pence { Pence(a.value - b.value) }
    /// The amount `n` times over; traps on overflow.
    public static func * (a: Pence, n: Int64) -> Pence { Pence(a.value * n) }
    /// Whether `a` is less money than `b`.
    public static func < (a: Pence, b: Pence) -> Bool { a.value < b.value }

    /// Decodes a string of pounds ("1234.50", "£1,234.50") or a number of pounds; throws a `DecodingError` when it is not money or has fractions of a penny.
    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let text = try? c.decode(String.self) {
            guard let p = Pence(pounds: text) else {
                throw DecodingError.dataCorruptedError(in: c, debugDescription: "not an amount of money: \(text)")
            }
            self = p
        } else {
            let d = try c.decode(Decimal.self)
            guard let p = Pence(exactly: d) else {
                throw DecodingError.dataCorruptedError(in: c, debugDescription: "amount has fractions of a penny: \(d)")
            }
            self = p
        }
    }

    /// Encodes as a decimal string of pounds ("1234.50") so JSON readers never see a binary float.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(plain)
    }
}
