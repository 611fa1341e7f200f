import CLibPQ
import Foundation

/// Sends COPY data on its own thread, so the caller formats the next rows while earlier chunks go out
/// (`PQputCopyData` blocks while the server is busy with what it already has). The connection is used
/// by this thread only between the writer's creation and ``finish(discard:)``, and by nobody else
/// meanwhile: the writer only fills buffers.
final class CopySender: @unchecked Sendable {
    private let connection: OpaquePointer
    private let chunkCapacity: Int
    private let condition = NSCondition()
    private var pending: [(buffer: UnsafeMutablePointer<UInt8>, capacity: Int, count: Int)] = []
    private var spare: [(buffer: UnsafeMutablePointer<UInt8>, capacity: Int)] = []
    private var allocated = 0
    private var closing = false
    private var discarding = false
    private var stopped = false
    private var failure: String?
    /// Buffers in flight at most (queued plus being sent), besides the one being filled.
    static let depth = 8

    init(connection: OpaquePointer, chunkCapacity: Int) {
        self.connection = connection
        self.chunkCapacity = chunkCapacity
        let thread = Thread { [self] in run() }
        thread.name = "copy-sender"
        thread.start()
    }

    deinit {
        for s in spare { s.buffer.deallocate() }
    }

    private func run() {
        while true {
            condition.lock()
            while pending.isEmpty && !closing { condition.wait() }
            if pending.isEmpty {
                stopped = true
                condition.broadcast()
                condition.unlock()
                return
            }
            let item = pending.removeFirst()
            let skip = discarding || failure != nil
            condition.unlock()
            var error: String?
            if !skip {
                let sent = UnsafeMutableRawPointer(item.buffer).withMemoryRebound(to: CChar.self, capacity: item.count) {
                    PQputCopyData(connection, $0, Int32(item.count))
                }
                if sent != 1 { error = String(cString: PQerrorMessage(connection)) }
            }
            condition.lock()
            if let error, failure == nil { failure = error }
            spare.append((item.buffer, item.capacity))
            condition.broadcast()
            condition.unlock()
        }
    }

    /// Queues `count` bytes of `buffer` for sending and returns an empty buffer to fill (waiting while
    /// `depth` buffers are in flight). Throws if an earlier chunk failed to send.
    func exchange(_ buffer: UnsafeMutablePointer<UInt8>, capacity: Int, count: Int) throws
        -> (UnsafeMutablePointer<UInt8>, Int) {
        condition.lock()
        defer { condition.unlock() }
        if let failure { throw CopySender.error(failure) }
        pending.append((buffer, capacity, count))
        condition.broadcast()
        if spare.isEmpty && allocated < CopySender.depth {
            allocated += 1
            return (.allocate(capacity: chunkCapacity), chunkCapacity)
        }
        while spare.isEmpty { condition.wait() }
        let s = spare.removeLast()
        return (s.buffer, s.capacity)
    }

    /// Waits until every queued chunk is sent (or, with `discard`, dropped) and the thread has stopped.
    /// Throws if a chunk failed to send (unless discarding). Safe to call again.
    func finish(discard: Bool) throws {
        condition.lock()
        if discard { discarding = true }
        closing = true
        condition.broadcast()
        while !stopped { condition.wait() }
        let failure = self.failure
        condition.unlock()
        if let failure, !discard { throw CopySender.error(failure) }
    }

    private static func error(_ message: String) -> PostgresError {
        PostgresError(kind: .connection, message: "COPY failed: " + message)
    }
}
