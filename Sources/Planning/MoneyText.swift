import CapitalCore
import Foundation

/// Parses the short money forms people type in policies and on the command line.
///
/// Rule kept: `8m` is £8,000,000, `750k` £750,000, `1.25m` £1,250,000; a plain amount is pounds with at most two
/// decimals (`1,200,000.00`, `£85`); a result with fractions of a penny is refused (nil).
package enum MoneyText {
    package static func parse(_ text: String) -> Pence? {
        var s = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "_", with: "")
        if s.hasPrefix("£") { s.removeFirst() }
        let multiplier: Decimal
        switch s.last.map({ Character($0.lowercased()) }) {
        case "m": multiplier = 1_000_000; s.removeLast()
        case "k": multiplier = 1_000; s.removeLast()
        default: return Pence(pounds: s)
        }
        let cleaned = s.replacingOccurrences(of: ",", with: "")
        guard !cleaned.isEmpty, cleaned.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
              let d = Decimal(string: cleaned, locale: Locale(identifier: "en_US_POSIX")) else { return nil }
        return Pence(exactly: d * multiplier)
    }
}
