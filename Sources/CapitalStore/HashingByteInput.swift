import CapitalCore
import Foundation
import Postgres
import Spreadsheets

/// Passes bytes through from a file, counting them (for progress) and hashing them (for the batch),
/// so a CSV is read once. Used from the prefetch thread and read from the importing one: guarded by a lock.
final class HashingByteInput: ByteInput, @unchecked Sendable {
    private let base: ByteInput
    private let lock = NSLock()
    private var count: Int64 = 0
    private var hash = SHA256()
    private var ended = false

    init(_ base: ByteInput) { self.base = base }

    func read(into buffer: UnsafeMutableRawPointer, count n: Int) throws -> Int {
        let got = try base.read(into: buffer, count: n)
        lock.lock()
        defer { lock.unlock() }
        if got == 0 { ended = true } else {
            hash.update(UnsafeRawBufferPointer(start: buffer, count: got))
            count += Int64(got)
        }
        return got
    }

    var bytesRead: Int64 { lock.lock(); defer { lock.unlock() }; return count }

    /// The hash when the whole file was read, else nil.
    func finish() -> String? {
        lock.lock(); defer { lock.unlock() }
        return ended ? hash.hexDigest() : nil
    }
}
