/// The readers' shared buffer moves (CSV records, XML tokens): a window of bytes over a streamed input that slides
/// forward and grows only for a record or token longer than it (each reader bounds how far).
enum ByteWindow {
    /// Moves the bytes from `keep` to `end` to the front; `end` becomes their count.
    @inline(__always)
    static func slide(_ buffer: UnsafeMutablePointer<UInt8>, keeping keep: Int, end: inout Int) {
        let left = end - keep
        if left > 0 { buffer.update(from: buffer + keep, count: left) }
        end = left
    }

    /// Doubles `capacity`, keeping the first `count` bytes.
    static func grow(_ buffer: inout UnsafeMutablePointer<UInt8>, capacity: inout Int, keeping count: Int) {
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
        bigger.update(from: buffer, count: count)
        buffer.deallocate()
        buffer = bigger
        capacity *= 2
    }

    /// Reads into the free tail after `end`; returns true at the end of the input.
    @inline(__always)
    static func read(_ input: ByteInput, into buffer: UnsafeMutablePointer<UInt8>, end: inout Int, capacity: Int) throws -> Bool {
        let n = try input.read(into: buffer + end, count: capacity - end)
        end += n
        return n == 0
    }
}
