import Foundation

/// A serial number reduced to the characters that identify it, so that the two registers' spellings of one serial
/// compare equal: case, spaces and punctuation dropped ("aqlb, 7741" = "AQLB7741"), a leading `S/N`, `SN`,
/// `SER NO` or `SERIAL (NO)` marker dropped, a number Excel turned into scientific notation expanded
/// ("6.0123E+4" = "60123") and an all-digit serial's leading zeros dropped (Excel drops them too). Values too short
/// to identify anything (fewer than 3 characters left) give nil.
public enum SerialKey {
    /// Markers written before a serial, longest first; the bare ones (`SN`, `SERIAL`) only before a separator.
    private static let markers: [(text: String, needsSeparator: Bool)] = [
        ("SERIAL NUMBER", false), ("SERIAL NO.", false), ("SERIAL NO", false), ("SER. NO.", false), ("SER NO", false),
        ("S/N", false), ("S.N.", false), ("SERIAL", true), ("SN", true)]

    /// The serial's comparison key, or nil when nothing identifying is left.
    public static func normalise(_ text: String?) -> String? {
        guard let text else { return nil }
        var upper = text.trimmingCharacters(in: .whitespaces).uppercased()
        for m in markers where upper.hasPrefix(m.text) {
            let rest = upper.dropFirst(m.text.count)
            if m.needsSeparator, let f = rest.first, !" :#.-".contains(f) { break }
            upper = String(rest).trimmingCharacters(in: CharacterSet(charactersIn: " :#.-"))
            break
        }
        if let expanded = expandScientific(upper) { return expanded }
        var key = String(String.UnicodeScalarView(upper.unicodeScalars.filter { ("A"..."Z").contains($0) || ("0"..."9").contains($0) }))
        if key.allSatisfy(\.isNumber) { key = String(key.drop { $0 == "0" }) }
        return key.count >= 3 ? key : nil
    }

    /// "6.0123E+4", "6.0123e+04", "1.23E5": the integer the mantissa and exponent spell, when they spell one.
    static func expandScientific(_ text: String) -> String? {
        let u = text.uppercased()
        guard let e = u.firstIndex(of: "E") else { return nil }
        let mantissa = u[..<e], exponentText = u[u.index(after: e)...]
        guard let exponent = Int(exponentText.hasPrefix("+") ? exponentText.dropFirst() : exponentText), (0...30).contains(exponent) else { return nil }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = parts.first, !whole.isEmpty, whole.allSatisfy(\.isNumber) else { return nil }
        let fraction = parts.count == 2 ? parts[1] : ""
        guard fraction.allSatisfy(\.isNumber), fraction.count <= exponent else { return nil }
        let digits = String(whole) + fraction + String(repeating: "0", count: exponent - fraction.count)
        let key = String(digits.drop { $0 == "0" })
        return key.count >= 3 ? key : nil
    }

    /// Whether two serial keys are the same or one typo apart (a character changed, added, dropped, or two swapped).
    static func withinOneTypo(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        guard abs(a.count - b.count) <= 1 else { return false }
        return !Set(deletionKeys(a)).isDisjoint(with: deletionKeys(b))
    }

    /// The serial with one character deleted at each position (and itself): two serials one typo apart (a character
    /// changed, added or dropped) share one of these keys.
    static func deletionKeys(_ key: String) -> [String] {
        let chars = Array(key)
        var keys = [key]
        for i in chars.indices { keys.append(String(chars[..<i] + chars[(i + 1)...])) }
        return keys
    }
}
