/// A fast 64-bit fingerprint of a row's values (a multiply–xorshift hash over the UTF-8 bytes, 8 at a
/// time), used to tell an exact duplicate row from a different row reusing a tag. Not cryptographic:
/// two different rows colliding is a 1-in-2^64 event, and would only make a conflicting tag look like
/// an exact duplicate, which is still reported as a warning naming both rows.
enum RowHash {
    static func of(_ values: [String]) -> Int { scan(values).hash }

    /// The fingerprint, and in the same pass whether any value holds a NUL byte (PostgreSQL text cannot) and
    /// the longest value in bytes. NUL is found eight bytes at a time: a word has a zero byte exactly when
    /// `(w - 0x01…01) & ~w & 0x80…80` is non-zero.
    static func scan(_ values: [String]) -> (hash: Int, nul: Bool, longest: Int) {
        var h: UInt64 = 0x243F_6A88_85A3_08D3
        var zero: UInt64 = 0
        var longest = 0
        for v in values {
            var s = v
            s.withUTF8 { bytes in
                let raw = UnsafeRawBufferPointer(bytes)
                if raw.count > longest { longest = raw.count }
                var i = 0
                while i + 8 <= raw.count {
                    let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    zero |= (w &- 0x0101_0101_0101_0101) & ~w & 0x8080_8080_8080_8080
                    h = mix(h ^ w)
                    i += 8
                }
                var tail: UInt64 = 0
                var shift: UInt64 = 0
                while i < raw.count {
                    let b = raw[i]
                    if b == 0 { zero |= 0x80 }
                    tail |= UInt64(b) << shift; shift += 8; i += 1
                }
                h = mix(h ^ tail ^ (UInt64(raw.count) << 56))
            }
            h = mix(h ^ 0xFF)
        }
        return (Int(truncatingIfNeeded: h), zero != 0, longest)
    }

    @inline(__always) static func mix(_ x: UInt64) -> UInt64 {
        var z = x &* 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 32)) &* 0xD6E8_FEB8_6659_FD93
        return z ^ (z >> 32)
    }
}
