import CapitalCore
import Foundation

/// Text helpers for the report: HTML escaping and the number forms people read.
package enum ReportText {
    /// Escapes `&`, `<`, `>`, `"` and `'` for HTML text and attribute values.
    package static func html(_ s: String) -> String {
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
    package static func money(_ p: Pence) -> String {
        let negative = p.value < 0
        let m = p.value.magnitude
        let pounds = (m + 50) / 100
        return (negative && pounds > 0 ? "−" : "") + "£" + grouped(pounds)
    }

    /// `£2.5bn`, `£12.3m`, `£850k`, `£0`: for chart axes and headline figures.
    package static func moneyShort(_ pounds: Double) -> String {
        let a = abs(pounds)
        let sign = pounds < 0 ? "−" : ""
        if a >= 1_000_000_000 {
            let b = a / 1_000_000_000
            return sign + "£" + (b == b.rounded() ? String(format: "%.0f", b) : String(format: "%.1f", b)) + "bn"
        }
        if a >= 1_000_000 {
            let m = a / 1_000_000
            return sign + "£" + (m >= 100 || m == m.rounded() ? String(format: "%.0f", m) : String(format: "%.1f", m)) + "m"
        }
        if a >= 1_000 { return sign + "£" + String(format: "%.0f", a / 1_000) + "k" }
        return sign + "£" + String(format: "%.0f", a)
    }

    /// `1,234,567` for a whole number.
    package static func grouped(_ n: UInt64) -> String {
        var whole = String(n)
        var out = ""
        while whole.count > 3 {
            out = "," + whole.suffix(3) + out
            whole.removeLast(3)
        }
        return whole + out
    }

    /// An integer with thousands separators.
    package static func int(_ n: Int) -> String { (n < 0 ? "−" : "") + grouped(UInt64(n.magnitude)) }

    /// An expected cost in whole pounds (`£12,345,678`, `−£1,200`): estimates, so no pence.
    package static func pounds(_ value: Double) -> String {
        guard value.isFinite else { return "–" }
        let r = value.rounded()
        return (r < 0 && r != 0 ? "−" : "") + "£" + grouped(UInt64(min(abs(r), 9e18)))
    }

    /// A whole number with separators (`12,346`), for scans and old plans' risk scores.
    package static func whole(_ value: Double) -> String {
        guard value.isFinite else { return "–" }
        let r = value.rounded()
        return (r < 0 && r != 0 ? "−" : "") + grouped(UInt64(min(abs(r), 9e18)))
    }

    /// A plan's cost figure in its unit: `£12,345,678`, or `12,346 risk-years` for a plan saved before costs were in
    /// pounds (never shown with a pound sign).
    package static func cost(_ value: Double, _ unit: BoardReportInput.CostUnit) -> String {
        switch unit {
        case .pounds: return pounds(value)
        case .riskYears: return whole(value) + " risk-years"
        }
    }

    /// A chart axis label in the plan's unit: `£12.3m`, or `12,346` for risk-years.
    package static func costShort(_ value: Double, _ unit: BoardReportInput.CostUnit) -> String {
        unit == .pounds ? moneyShort(value) : whole(value)
    }

    /// Money in thousands of pounds, whole (`1,235` for £1,234,567), for wide tables headed "£ thousands".
    package static func thousands(_ p: Pence) -> String {
        let k = (Double(p.value) / 100_000).rounded()
        return (k < 0 ? "−" : "") + grouped(UInt64(abs(k)))
    }

    /// `61.5%` from a fraction 0.615 (one decimal), or with `decimals`.
    package static func percent(_ fraction: Double, decimals: Int = 1) -> String {
        guard fraction.isFinite else { return "–" }
        return String(format: "%.\(decimals)f%%", fraction * 100)
    }

    /// `2026/27`.
    package static func financialYear(_ year: Int) -> String {
        let next = (year + 1) % 100
        return "\(year)/\(next < 10 ? "0" : "")\(next)"
    }

    /// `2026-05-01 14:03 UTC` from an ISO timestamp `2026-05-01T14:03:00Z`; other text unchanged.
    package static func timestamp(_ iso: String?) -> String {
        guard let iso else { return "–" }
        guard iso.count >= 16, iso.dropFirst(10).first == "T" else { return iso }
        return String(iso.prefix(10)) + " " + String(iso.dropFirst(11).prefix(5)) + " UTC"
    }
}
