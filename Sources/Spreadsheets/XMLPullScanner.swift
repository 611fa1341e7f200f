import CapitalCore
/// A small streaming XML tokenizer for the parts of an XLSX file (worksheets above all).
///
/// It reads bytes in chunks from a `ByteInput` and returns one token at a time: start tag (with its
/// attributes still as bytes, parsed only on request), end tag, or text. It handles what Office writes —
/// attributes quoted with `'` or `"` that may contain `>`, comments, processing instructions, CDATA and
/// the five named plus numeric character references — and nothing else (no DTDs, no namespaces resolution:
/// names are compared without their prefix). Memory is one chunk plus the longest token.
final class XMLPullScanner {
    enum Token: Equatable { case start, end, text, eof }

    private let input: ByteInput
    private var buf: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var pos = 0, end = 0
    private var eof = false

    /// For `.start`/`.end`: whether the tag was `<x/>` (a `.start` that is also its own end).
    private(set) var selfClosing = false
    private var nameRange = 0..<0
    private var attrRange = 0..<0
    private var textRange = 0..<0
    private var textIsCDATA = false
    /// Set by `scan` when it stepped over markup that is not a token.
    private var skipped = false
    /// Where the search for the end of an incomplete text token resumes after more bytes arrive (so a long run
    /// of text is scanned once, not again from its start on every read).
    private var resume = 0

    /// What is being read (file and part), for errors.
    let source: String
    private let maxTokenBytes: Int

    /// `name` says what is read, for errors; a token longer than `maxTokenBytes` is an error (``ReadLimits``).
    init(_ input: ByteInput, chunkSize: Int = 64 * 1024, name: String = "the XML part", maxTokenBytes: Int = ReadLimits.xmlTokenBytes) {
        self.input = input
        source = name
        self.maxTokenBytes = maxTokenBytes
        capacity = chunkSize
        buf = .allocate(capacity: capacity)
    }

    deinit { buf.deallocate() }

    /// Keeps bytes from `keep` on, reads more; returns the shift applied to offsets.
    private func fill(keeping keep: Int) throws -> Int {
        let shift = keep
        if keep > 0 { ByteWindow.slide(buf, keeping: keep, end: &end) }
        pos -= shift
        resume = max(0, resume - shift)
        if end == capacity {
            // The buffer grows only for a token longer than it (a 1 GiB run of spaces, say): bounded.
            guard capacity < maxTokenBytes else {
                throw UserError("\(source): an XML tag or text longer than \(maxTokenBytes >> 20) MiB; the part is damaged or not a spreadsheet")
            }
            ByteWindow.grow(&buf, capacity: &capacity, keeping: end)
        }
        if try ByteWindow.read(input, into: buf, end: &end, capacity: capacity) { eof = true }
        return shift
    }

    /// Finds `byte` from `from`, or -1.
    @inline(__always) private func find(_ byte: UInt8, from: Int) -> Int {
        var i = from
        while i < end { if buf[i] == byte { return i }; i += 1 }
        return -1
    }

    /// Finds the 3-byte terminator `a b c` from `from`, or -1.
    private func find3(_ a: UInt8, _ b: UInt8, _ c: UInt8, from: Int) -> Int {
        var i = from
        while i + 2 < end {
            if buf[i] == a && buf[i + 1] == b && buf[i + 2] == c { return i }
            i += 1
        }
        return -1
    }

    /// The next token.
    func next() throws -> Token {
        while true {
            if pos >= end {
                if eof { return .eof }
                _ = try fill(keeping: pos)
                continue
            }
            if let t = try scan() { return t }
            if skipped { skipped = false; continue } // a comment, processing instruction or DOCTYPE
            if eof { return .eof } // truncated tag at end of input: stop
            _ = try fill(keeping: pos)
        }
    }

    /// Scans one token at `pos`, or returns nil when it is incomplete in the buffer.
    private func scan() throws -> Token? {
        let p = buf
        if p[pos] != 0x3C { // text up to the next '<'
            let lt = find(0x3C, from: max(pos, resume))
            if lt < 0 && !eof { resume = end; return nil }
            resume = 0
            let stop = lt < 0 ? end : lt
            textRange = pos..<stop
            textIsCDATA = false
            pos = stop
            return .text
        }
        guard pos + 1 < end else { return nil }
        let second = p[pos + 1]
        if second == 0x3F { // <? ... ?>
            guard let close = findPair(0x3F, 0x3E, from: pos + 2) else { return nil }
            pos = close + 2
            skipped = true; return nil // looped in next(), not recursed: a million comments must not exhaust the stack
        }
        if second == 0x21 { // <!-- -->, <![CDATA[ ]]>, <!DOCTYPE >
            guard pos + 9 <= end || eof else { return nil }
            if pos + 3 < end, p[pos + 2] == 0x2D, p[pos + 3] == 0x2D {
                let close = find3(0x2D, 0x2D, 0x3E, from: pos + 4)
                if close < 0 { return nil }
                pos = close + 3
                skipped = true; return nil // looped in next(), not recursed: a million comments must not exhaust the stack
            }
            if pos + 9 <= end, p[pos + 2] == 0x5B, p[pos + 3] == 0x43 { // <![C
                let close = find3(0x5D, 0x5D, 0x3E, from: pos + 9)
                if close < 0 { return nil }
                textRange = (pos + 9)..<close
                textIsCDATA = true
                pos = close + 3
                return .text
            }
            let close = find(0x3E, from: pos)
            if close < 0 { return nil }
            pos = close + 1
            skipped = true; return nil // looped in next(), not recursed: a million comments must not exhaust the stack
        }
        // A tag: find '>' outside quoted attribute values.
        var i = pos + 1
        var quote: UInt8 = 0
        while i < end {
            let b = p[i]
            if quote != 0 { if b == quote { quote = 0 } } else if b == 0x22 || b == 0x27 { quote = b } else if b == 0x3E { break }
            i += 1
        }
        if i >= end { return nil }
        let isEnd = second == 0x2F
        var nameStart = pos + (isEnd ? 2 : 1)
        var j = nameStart
        while j < i, !isSpace(p[j]), p[j] != 0x2F, p[j] != 0x3E {
            if p[j] == 0x3A { nameStart = j + 1 } // drop a namespace prefix
            j += 1
        }
        nameRange = nameStart..<j
        selfClosing = !isEnd && p[i - 1] == 0x2F
        attrRange = j..<(selfClosing ? i - 1 : i)
        pos = i + 1
        return isEnd ? .end : .start
    }

    private func findPair(_ a: UInt8, _ b: UInt8, from: Int) -> Int? {
        var i = from
        while i + 1 < end { if buf[i] == a && buf[i + 1] == b { return i }; i += 1 }
        return nil
    }

    @inline(__always) private func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    /// Whether the current tag's local name is `name` (ASCII), without making a String.
    func nameIs(_ name: StaticString) -> Bool {
        let n = name.utf8CodeUnitCount
        guard nameRange.count == n else { return false }
        let s = name.utf8Start
        for k in 0..<n where buf[nameRange.lowerBound + k] != s[k] { return false }
        return true
    }

    /// The current tag's local name.
    var name: String { String(decoding: UnsafeBufferPointer(start: buf + nameRange.lowerBound, count: nameRange.count), as: UTF8.self) }

    /// The value of attribute `name` (compared with or without its namespace prefix), entity-decoded.
    func attribute(_ name: StaticString) -> String? {
        guard let r = attributeRange(name) else { return nil }
        return XMLPullScanner.decodeEntities(UnsafeBufferPointer(start: buf + r.lowerBound, count: r.count))
    }

    /// The raw byte range of attribute `name`'s value.
    func attributeRange(_ name: StaticString) -> Range<Int>? {
        let p = buf
        var i = attrRange.lowerBound
        let e = attrRange.upperBound
        let target = UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)
        while i < e {
            while i < e && isSpace(p[i]) { i += 1 }
            var ks = i
            while i < e && p[i] != 0x3D && !isSpace(p[i]) { if p[i] == 0x3A { ks = i + 1 }; i += 1 }
            let ke = i
            while i < e && (isSpace(p[i]) || p[i] == 0x3D) { i += 1 }
            guard i < e else { return nil }
            let q = p[i]
            guard q == 0x22 || q == 0x27 else { return nil }
            let vs = i + 1
            i = vs
            while i < e && p[i] != q { i += 1 }
            let ve = i
            i += 1
            if ke - ks == target.count {
                var same = true
                for k in 0..<target.count where p[ks + k] != target[k] { same = false; break }
                if same { return vs..<ve }
            }
        }
        return nil
    }

    /// One pass over a `<c>` tag's attributes: the column from `r`, the style `s`, and `t` as raw bytes
    /// (first byte and length are enough to tell s, str, b, e, d, n and inlineStr apart).
    func cellAttributes() -> (column: Int?, style: Int, typeFirst: UInt8, typeLength: Int) {
        let p = buf
        var i = attrRange.lowerBound
        let e = attrRange.upperBound
        var column: Int?, style = 0, tFirst: UInt8 = 0, tLen = 0
        while i < e {
            while i < e && isSpace(p[i]) { i += 1 }
            let ks = i
            while i < e && p[i] != 0x3D && !isSpace(p[i]) { i += 1 }
            let keyLen = i - ks, key = keyLen == 1 ? p[ks] : 0
            while i < e && (isSpace(p[i]) || p[i] == 0x3D) { i += 1 }
            guard i < e else { break }
            let q = p[i]
            guard q == 0x22 || q == 0x27 else { break }
            let vs = i + 1
            i = vs
            while i < e && p[i] != q { i += 1 }
            let ve = i
            i += 1
            switch key {
            case 0x72: // r
                var col = 0, k = vs
                while k < ve {
                    let b = p[k] | 0x20; guard b >= 0x61 && b <= 0x7A else { break }
                    col = min(col * 26 + Int(b - 0x60), Self.beyondLimit) // saturates: past XFD is out of range anyway
                    k += 1
                }
                column = col > 0 ? col - 1 : nil
            case 0x73: // s
                var v = 0
                for k in vs..<ve { let d = Int(p[k]) - 48; guard d >= 0 && d <= 9 else { break }; v = min(v * 10 + d, Self.beyondLimit) }
                style = v
            case 0x74: // t
                tFirst = ve > vs ? p[vs] : 0; tLen = ve - vs
            default: break
            }
        }
        return (column, style, tFirst, tLen)
    }

    /// A bound numbers read from attributes saturate at, far past any real index and far from overflow.
    static let beyondLimit = 1 << 40

    /// Parses attribute `name` as a non-negative integer, without making a String. A huge number saturates at
    /// ``beyondLimit`` (never overflows), for the caller to refuse as out of range.
    func intAttribute(_ name: StaticString) -> Int? {
        guard let r = attributeRange(name), !r.isEmpty else { return nil }
        var v = 0
        for k in r { let d = Int(buf[k]) - 48; guard d >= 0 && d <= 9 else { return nil }; v = min(v * 10 + d, Self.beyondLimit) }
        return v
    }

    /// Column index (A = 0) from a cell reference attribute such as `r="AB12"`.
    func columnIndex(ofAttribute name: StaticString) -> Int? {
        guard let r = attributeRange(name), !r.isEmpty else { return nil }
        var col = 0
        var k = r.lowerBound
        while k < r.upperBound {
            let b = buf[k] | 0x20
            guard b >= 0x61 && b <= 0x7A else { break }
            col = min(col * 26 + Int(b - 0x60), Self.beyondLimit)
            k += 1
        }
        return col > 0 ? col - 1 : nil
    }

    /// Appends the current text token's bytes, entity-decoded, to `out`.
    func appendText(to out: inout [UInt8]) {
        let t = UnsafeBufferPointer(start: buf + textRange.lowerBound, count: textRange.count)
        if textIsCDATA || !t.contains(0x26) { out.append(contentsOf: t); return }
        out.append(contentsOf: XMLPullScanner.decodeEntities(t).utf8)
    }

    /// Decodes `&amp; &lt; &gt; &quot; &apos; &#N; &#xH;` (unknown references are kept as written).
    static func decodeEntities(_ t: UnsafeBufferPointer<UInt8>) -> String {
        guard t.contains(0x26) else { return String(decoding: t, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(t.count)
        var i = 0
        while i < t.count {
            let b = t[i]
            if b != 0x26 { out.append(b); i += 1; continue }
            var j = i + 1
            while j < t.count && j - i < 12 && t[j] != 0x3B { j += 1 }
            guard j < t.count && t[j] == 0x3B else { out.append(b); i += 1; continue }
            let ref = String(decoding: UnsafeBufferPointer(rebasing: t[(i + 1)..<j]), as: UTF8.self)
            var scalar: Unicode.Scalar?
            switch ref {
            case "amp": scalar = "&"
            case "lt": scalar = "<"
            case "gt": scalar = ">"
            case "quot": scalar = "\""
            case "apos": scalar = "'"
            default:
                if ref.hasPrefix("#x") || ref.hasPrefix("#X") { scalar = UInt32(ref.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init) } else if ref.hasPrefix("#") { scalar = UInt32(ref.dropFirst()).flatMap(Unicode.Scalar.init) }
            }
            if let s = scalar { out.append(contentsOf: String(s).utf8); i = j + 1 } else { out.append(b); i += 1 }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
