import Foundation

/// Reads rows on a background thread, in batches, while the caller normalises the previous batch: the
/// import pipeline's way to use a second core. The queue is bounded (a few batches), so memory stays
/// flat; a reader error is delivered, in order, after the rows read before it.
public final class PrefetchingRowSource: RowSource, @unchecked Sendable {
    /// The source's header cells.
    public let headers: [String]
    private let condition = NSCondition()
    private var batches: [[RawRow]] = []
    private var finished = false
    private var failure: Error?
    private var cancelled = false
    private var current: [RawRow] = []
    private var position = 0
    private let maxBatches: Int

    /// Starts reading `source` in the background, `batchSize` rows (or `maxBatchBytes` of them, so that wide or
    /// long rows cannot fill memory) at a time, at most `maxBatches` ahead.
    public init(_ source: RowSource, batchSize: Int = 2048, maxBatches: Int = 4, maxBatchBytes: Int = 8 << 20) {
        headers = source.headers
        self.maxBatches = maxBatches
        let box = UncheckedBox(source)
        let thread = Thread { [weak self] in
            var batch: [RawRow] = []
            batch.reserveCapacity(batchSize)
            do {
                var bytes = 0
                while let row = try box.value.nextRow() {
                    batch.append(row)
                    bytes += PrefetchingRowSource.size(of: row)
                    if batch.count == batchSize || bytes >= maxBatchBytes {
                        guard let self, self.push(batch) else { return }
                        batch.removeAll(keepingCapacity: true)
                        bytes = 0
                    }
                }
                if let self { _ = self.push(batch); self.finish(nil) }
            } catch {
                if let self { _ = self.push(batch); self.finish(error) }
            }
        }
        thread.stackSize = 1 << 20
        thread.start()
    }

    deinit {
        condition.lock(); cancelled = true; condition.broadcast(); condition.unlock()
    }

    /// About how much memory a row holds: a slot per cell, and the text of cells too long to be stored inline.
    public static func size(of row: RawRow) -> Int {
        var n = 16 * row.values.count + 64
        for v in row.values { let c = v.utf8.count; if c > 15 { n += c } }
        return n
    }

    /// Queues a batch, waiting while the queue is full; false when the consumer has gone.
    private func push(_ batch: [RawRow]) -> Bool {
        condition.lock(); defer { condition.unlock() }
        while batches.count >= maxBatches && !cancelled { condition.wait() }
        if cancelled { return false }
        if !batch.isEmpty { batches.append(batch) }
        condition.broadcast()
        return true
    }

    private func finish(_ error: Error?) {
        condition.lock(); finished = true; failure = error; condition.broadcast(); condition.unlock()
    }

    /// The next row in file order, or `nil` at the end; a read error is thrown once the rows read
    /// before it have been returned.
    public func nextRow() throws -> RawRow? {
        if position < current.count { position += 1; return current[position - 1] }
        condition.lock()
        while batches.isEmpty && !finished { condition.wait() }
        if batches.isEmpty {
            let e = failure; failure = nil
            condition.unlock()
            if let e { throw e }
            return nil
        }
        current = batches.removeFirst()
        condition.broadcast()
        condition.unlock()
        position = 1
        return current[0]
    }
}

/// Hands a non-Sendable reader to the one background thread that uses it.
private final class UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
