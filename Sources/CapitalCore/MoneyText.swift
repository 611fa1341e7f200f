import Foundation

/// The one grammar for amounts of money people type, on the command line, in policies and in files capital reads
/// back.
///
/// Rule kept: `8m` is £8,000,000, `750k` £750,000, `1.25m` `£2.5m` likewise; a plain amount is pounds with at most
/// two decimals (`1000`, `1,000.50`, `£1,000.50`, `-12.00`); underscores are ignored (`1_000_000`); a result with
/// fractions of a penny, or beyond what ``Pence`` holds, is refused (nil).
package enum MoneyText {
    /// The examples every message about a malformed amount quotes.
    package static let examples = "1000, 1,000.50, £1,000.50, 750k or 2.5m"

    /// Why `text` is refused, for an error message: a fraction of a penny is named as such (people type
    /// `1.005` meaning £1.005, and "not an amount" would puzzle them); anything else quotes the examples.
    package static func refusal(_ text: String) -> String {
        let s = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "_", with: "")
            .replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "£", with: "")
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count == 2, !parts[0].isEmpty, parts[0].allSatisfy({ $0.isASCII && $0.isNumber }),
           parts[1].count > 2, parts[1].allSatisfy({ $0.isASCII && $0.isNumber }) {
            return "`\(text)` has a fraction of a penny; amounts are in pounds with at most two decimals"
        }
        return "`\(text)` is not an amount of money (e.g. \(examples))"
    }

    /// The amount `text` stands for, or nil when it is not one of the forms above.
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
