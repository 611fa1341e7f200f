import CapitalCore
/// The character encodings register exports arrive in, and how their bytes become text.
///
/// UTF-8 (with or without a byte-order mark) is decoded as UTF-8; anything that is not valid UTF-8 is
/// decoded as Windows-1252, the code page Excel uses when it saves "CSV" on a UK Windows machine
/// (so 0xA3 is `£`, 0x80 is `€`, 0x92 is `’`). Decoding never fails and never drops a byte.
public enum TextEncoding: String, Sendable, Codable {
    /// UTF-8 without a byte-order mark.
    case utf8 = "UTF-8"
    /// UTF-8 starting with the byte-order mark EF BB BF.
    case utf8BOM = "UTF-8 with BOM"
    /// Windows-1252 (Excel's "CSV" on a UK Windows machine).
    case windows1252 = "Windows-1252"
}

/// Byte-level text helpers shared by the readers (and the sample generator, for Windows-1252).
package enum TextDecoding {
    /// Unicode scalars for Windows-1252 bytes 0x80–0x9F (0 where the code page leaves a hole:
    /// those bytes are mapped to the C1 control of the same value, as Windows does).
    static let cp1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    /// Decodes Windows-1252 bytes.
    static func windows1252(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: bytes.count * 3) { out in
            var n = 0
            for b in bytes {
                if b < 0x80 { out[n] = b; n += 1; continue }
                let v: UInt32 = b < 0xA0 ? cp1252High[Int(b) - 0x80] : UInt32(b)
                if v < 0x800 {
                    out[n] = UInt8(0xC0 | (v >> 6)); out[n + 1] = UInt8(0x80 | (v & 0x3F)); n += 2
                } else {
                    out[n] = UInt8(0xE0 | (v >> 12)); out[n + 1] = UInt8(0x80 | ((v >> 6) & 0x3F)); out[n + 2] = UInt8(0x80 | (v & 0x3F)); n += 3
                }
            }
            return n
        }
    }

    /// Whether `bytes` is valid UTF-8. When `allowTruncatedEnd` is set, an incomplete sequence at the
    /// very end counts as valid (the rest may be in the next chunk).
    static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>, allowTruncatedEnd: Bool = false) -> Bool {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            let len: Int
            if b >= 0xC2 && b <= 0xDF { len = 2 } else if b >= 0xE0 && b <= 0xEF { len = 3 } else if b >= 0xF0 && b <= 0xF4 { len = 4 } else { return false }
            if i + len > n {
                guard allowTruncatedEnd else { return false }
                for k in (i + 1)..<n where bytes[k] & 0xC0 != 0x80 { return false }
                return true
            }
            for k in 1..<len where bytes[i + k] & 0xC0 != 0x80 { return false }
            if len == 3 {
                let c = bytes[i + 1]
                if b == 0xE0 && c < 0xA0 { return false }
                if b == 0xED && c >= 0xA0 { return false }
            } else if len == 4 {
                let c = bytes[i + 1]
                if b == 0xF0 && c < 0x90 { return false }
                if b == 0xF4 && c >= 0x90 { return false }
            }
            i += len
        }
        return true
    }

    /// Encodes text as Windows-1252 (characters outside the code page become `?`). Used by the generator.
    package static func encodeWindows1252(_ text: String, into out: inout [UInt8]) {
        for s in text.unicodeScalars {
            let v = s.value
            if v < 0x80 || (v >= 0xA0 && v <= 0xFF) { out.append(UInt8(v)); continue }
            if let i = cp1252High.firstIndex(of: v) { out.append(UInt8(0x80 + i)) } else { out.append(0x3F) }
        }
    }
}
