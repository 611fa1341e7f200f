import CapitalCore
/// The comparison form of a header, alias, keyword or value: lowercase ASCII letters and digits, every
/// other run of characters one space, trimmed ("GE-Healthcare " → "ge healthcare", "PET/CT" → "pet ct").
/// Matching on this form makes profiles indifferent to case, punctuation and spacing.
enum TextKey {
    static func make(_ s: some StringProtocol) -> String {
        let count = s.utf8.count
        if count == 0 { return "" }
        return String(unsafeUninitializedCapacity: count) { out in
            var n = 0
            var pendingSpace = false
            for b in s.utf8 {
                var c = b
                if c >= 0x41 && c <= 0x5A { c += 0x20 }
                if (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) || c >= 0x80 {
                    if pendingSpace && n > 0 { out[n] = 0x20; n += 1 }
                    pendingSpace = false
                    out[n] = c; n += 1
                } else {
                    pendingSpace = true
                }
            }
            return n
        }
    }
}
