import Foundation

/// Text forms of exact shares: a plain decimal string with no exponent and no binary rounding.
///
/// Shares are ratios computed in `Decimal` (38 significant digits); `exact` prints them in full
/// (trailing zeros trimmed) so a reader or another tool can re-derive every rounded figure.
public enum ShareText {
    /// "0.25", "0.33333333333333333333333333333333333333".
    public static func exact(_ d: Decimal) -> String {
        var s = d.description
        if s.contains("e") || s.contains("E") {
            var x = d
            var r = Decimal()
            NSDecimalRound(&r, &x, 38, .plain)
            s = r.description
        }
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s
    }

    /// A ratio rounded to `places` decimals of percent ("62.40"), half away from zero.
    public static func percent(_ ratio: Decimal, places: Int = 2) -> String {
        var x = ratio * 100
        var r = Decimal()
        NSDecimalRound(&r, &x, places, .plain)
        var s = exact(r)
        if !s.contains(".") { s += "." }
        let decimals = s.split(separator: ".", omittingEmptySubsequences: false)[1].count
        s += String(repeating: "0", count: places - decimals)
        return s
    }
}
