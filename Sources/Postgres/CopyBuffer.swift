import CLibPQ
import Foundation

/// What ``Connection`` needs of a COPY writer to run a COPY with it.
protocol CopyRowWriter: ~Copyable {
    init(connection: OpaquePointer, columnCount: Int)
    /// Sends what is left (and any trailer) and waits until everything is sent.
    mutating func finish() throws
    /// Stops sending; what was not sent is dropped.
    func abandon()
}

/// The buffer a COPY writer fills: full chunks go to a ``CopySender`` and come back empty.
struct CopyBuffer: ~Copyable {
    let sender: CopySender
    var storage: UnsafeMutablePointer<UInt8>
    var capacity: Int
    var count = 0
    static let chunk = 256 * 1024
    /// A buffer's size: a chunk plus room to finish the row that crosses it.
    static let bufferCapacity = chunk + 64 * 1024

    init(connection: OpaquePointer) {
        sender = CopySender(connection: connection, chunkCapacity: CopyBuffer.bufferCapacity)
        capacity = CopyBuffer.bufferCapacity
        storage = .allocate(capacity: capacity)
    }

    deinit { storage.deallocate() }

    /// Makes room for `n` more bytes.
    @inline(__always) mutating func reserve(_ n: Int) {
        if count + n > capacity { grow(count + n) }
    }

    private mutating func grow(_ needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        bigger.update(from: storage, count: count)
        storage.deallocate()
        storage = bigger
        capacity = newCapacity
    }

    @inline(__always) mutating func append(byte: UInt8) {
        reserve(1)
        storage[count] = byte
        count += 1
    }

    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        let n = bytes.count
        guard n > 0, let base = bytes.baseAddress else { return }
        reserve(n)
        (storage + count).update(from: base.assumingMemoryBound(to: UInt8.self), count: n)
        count += n
    }

    /// `value` big-endian (network order), as the binary format wants every integer.
    @inline(__always) mutating func append<I: FixedWidthInteger>(bigEndian value: I) {
        let n = MemoryLayout<I>.size
        reserve(n)
        UnsafeMutableRawPointer(storage + count).storeBytes(of: value.bigEndian, as: I.self)
        count += n
    }

    /// After a row: hands the buffer to the sender once a chunk is full.
    @inline(__always) mutating func rowEnded() throws {
        if count >= CopyBuffer.chunk { try flush() }
    }

    /// Hands the filled buffer to the sender and carries on in an empty one.
    mutating func flush() throws {
        guard count > 0 else { return }
        (storage, capacity) = try sender.exchange(storage, capacity: capacity, count: count)
        count = 0
    }

    /// Sends what is left and waits until the sender has sent everything.
    mutating func finish() throws {
        try flush()
        try sender.finish(discard: false)
    }

    /// Stops the sender before the connection is used again; what it had not sent is dropped.
    func abandon() { try? sender.finish(discard: true) }
}
