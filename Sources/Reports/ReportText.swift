import CapitalCore
import Foundation

/// Text helpers for the report: HTML escaping and the number forms people read.
public enum ReportText {
    /// Escapes `&`, `<`, `>`, `"` and `'` for HTML text and attribute values.
    public static func html(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                // Control characters other than tab/newline have no place in a board paper.
                if ch.value < 0x20 && ch != "\t" && ch != "\n" { continue }
                out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// `£1,234,567`: whole pounds, half a pound rounded away from zero.
    public static func money(_ p: Pence) -> String {
        let negative = p.value < 0
        let m = p.value.magnitude
        let pounds = (m + 50) / 100
        return (negative && pounds > 0 ? "−" : "") + "£" + grouped(pounds)
    }

    /// `£12.3m`, `£850k`, `£0`: for chart axes and headline figures.
    public static func moneyShort(_ pounds: Double) -> String {
        let a = abs(pounds)
        let sign = pounds < 0 ? "−" : ""
        if a >= 1_000_000 {
            let m = a / 1_000_000
            return sign + "£" + (m >= 100 || m == m.rounded() ? String(format: "%.0f", m) : String(format: "%.1f", m)) + "m"
        }
        if a >= 1_000 { return sign + "£" + String(format: "%.0f", a / 1_000) + "k" }
        return sign + "£" + String(format: "%.0f", a)
    }

    /// `1,234,567` for a whole number.
    public static func grouped(_ n: UInt64) -> String {
        var whole = String(n)
        var out = ""
        while whole.count > 3 {
            out = "," + whole.suffix(3) + out
            whole.removeLast(3)
        }
        return whole + out
    }

    /// An integer with thousands separators.
    public static func int(_ n: Int) -> String { (n < 0 ? "−" : "") + grouped(UInt64(n.magnitude)) }

    /// A risk score people read: whole, with separators (`12,345`).
    public static func risk(_ value: Double) -> String {
        guard value.isFinite else { return "–" }
        let r = value.rounded()
        return (r < 0 ? "−" : "") + grouped(UInt64(abs(r)))
    }

    /// `61.5%` from a fraction 0.615 (one decimal), or with `decimals`.
    public static func percent(_ fraction: Double, decimals: Int = 1) -> String {
        guard fraction.isFinite else { return "–" }
        return String(format: "%.\(decimals)f%%", fraction * 100)
    }

    /// `2026/27`.
    public static func financialYear(_ year: Int) -> String {
        let next = (year + 1) % 100
        return "\(year)/\(next < 10 ? "0" : "")\(next)"
    }

    /// `2026-05-01 14:03 UTC` from an ISO timestamp `2026-05-01T14:03:00Z`; other text unchanged.
    public static func timestamp(_ iso: String?) -> String {
        guard let iso else { return "–" }
        guard iso.count >= 16, iso.dropFirst(10).first == "T" else { return iso }
        return String(iso.prefix(10)) + " " + String(iso.dropFirst(11).prefix(5)) + " UTC"
    }
}
