import CLibPQ
import Foundation

/// One connection to PostgreSQL through libpq.
///
/// Connect with a URL (`postgresql://…`) or a conninfo string (`host=… dbname=…`); anything the
/// string leaves out comes from libpq's usual `PG*` environment variables (`PGHOST`, `PGPORT`,
/// `PGUSER`, `PGPASSWORD`, `PGSSLMODE`, `PGSERVICE`, …) and `~/.pgpass`, exactly as `psql` does.
/// Statements are always parameterised (see ``SQL``). A connection is used by one thread at a
/// time, so it is deliberately not `Sendable`: open one per task.
public final class Connection {
    private var handle: OpaquePointer?
    private var transactionDepth = 0
    /// Notices (e.g. "relation already exists, skipping") go here instead of stderr.
    public private(set) var notices: [String] = []
    private var noticeBox: NoticeBox

    /// Opens a connection. `conninfo` may be a URL or key=value pairs; empty means "all from PG* variables".
    public init(_ conninfo: String) throws {
        handle = PQconnectdb(conninfo)
        noticeBox = NoticeBox()
        guard let handle, PQstatus(handle) == CONNECTION_OK else {
            let message = handle.map { String(cString: PQerrorMessage($0)) } ?? "out of memory"
            if let handle { PQfinish(handle) }
            self.handle = nil
            throw PostgresError(kind: .connection,
                                message: "could not connect to PostgreSQL: " + message.trimmingCharacters(in: .whitespacesAndNewlines),
                                hint: "check --database / DATABASE_URL and the PG* variables, or leave both unset to use the embedded cluster")
        }
        let box = Unmanaged.passUnretained(noticeBox).toOpaque()
        PQsetNoticeProcessor(handle, { arg, message in
            guard let arg, let message else { return }
            let box = Unmanaged<NoticeBox>.fromOpaque(arg).takeUnretainedValue()
            box.messages.append(String(cString: message).trimmingCharacters(in: .whitespacesAndNewlines))
        }, box)
        // Fix the text forms we parse, whatever the server's defaults.
        try execute("SET datestyle TO ISO, YMD")
        try execute("SET intervalstyle TO iso_8601")
        try execute("SET client_encoding TO 'UTF8'")
        try execute("SET extra_float_digits TO 3")
    }

    deinit {
        if let handle { PQfinish(handle) }
    }

    /// Closes the connection now rather than when it is released.
    public func close() {
        if let handle { PQfinish(handle) }
        handle = nil
    }

    /// The server's version number, e.g. 150018.
    public var serverVersion: Int { handle.map { Int(PQserverVersion($0)) } ?? 0 }

    /// Notices received since the last call, oldest first.
    public func takeNotices() -> [String] {
        defer { noticeBox.messages.removeAll() }
        return noticeBox.messages
    }

    private func live() throws -> OpaquePointer {
        guard let handle else { throw PostgresError(kind: .connection, message: "the connection is closed") }
        return handle
    }

    // MARK: Queries

    /// Runs a statement and returns all its rows.
    @discardableResult
    public func query(_ sql: SQL) throws -> [Row] {
        let result = try exec(sql)
        defer { PQclear(result) }
        return Connection.rows(of: result)
    }

    /// Runs a statement and returns its first row, or nil when it returned none.
    public func queryFirst(_ sql: SQL) throws -> Row? { try query(sql).first }

    /// Runs a statement expected to return exactly one row with one value.
    public func scalar<T: PostgresDecodable>(_ sql: SQL, as type: T.Type = T.self) throws -> T {
        guard let row = try query(sql).first else {
            throw PostgresError(kind: .decoding, message: "expected one row, got none", query: sql.text)
        }
        return try row.decode(0, as: T.self)
    }

    /// Runs a statement and returns the number of rows it affected (INSERT/UPDATE/DELETE).
    @discardableResult
    public func execute(_ sql: SQL) throws -> Int {
        let result = try exec(sql)
        defer { PQclear(result) }
        return Int(String(cString: PQcmdTuples(result))) ?? 0
    }

    /// Runs a script of several statements with no parameters (a migration file).
    public func executeScript(_ script: String) throws {
        let h = try live()
        guard let result = PQexec(h, script) else { throw connectionError(h, query: nil) }
        defer { PQclear(result) }
        try check(result, query: String(script.prefix(200)))
    }

    /// Streams a large result row by row (libpq single-row mode), without holding it all in memory.
    public func forEachRow(_ sql: SQL, _ body: (Row) throws -> Void) throws {
        let h = try live()
        let sent = withParameters(sql) { count, types, values in
            PQsendQueryParams(h, sql.text, count, types, values, nil, nil, 0)
        }
        guard sent == 1 else { throw connectionError(h, query: sql.text) }
        PQsetSingleRowMode(h)
        var failure: Error?
        var columns: Row.Columns?
        while let result = PQgetResult(h) {
            defer { PQclear(result) }
            if failure != nil { continue } // drain the rest so the connection stays usable
            switch PQresultStatus(result) {
            case PGRES_SINGLE_TUPLE:
                if columns == nil { columns = Connection.columns(of: result) }
                do { try body(Row(columns: columns!, values: Connection.values(of: result, row: 0))) } catch { failure = error }
            case PGRES_TUPLES_OK, PGRES_COMMAND_OK:
                break
            default:
                failure = serverError(result, query: sql.text)
            }
        }
        if let failure { throw failure }
    }

    // MARK: Transactions

    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
    /// Nested calls use savepoints, so an inner failure rolls back only the inner work.
    public func transaction<T>(_ body: (Connection) throws -> T) throws -> T {
        let depth = transactionDepth
        let savepoint = "capital_sp_\(depth)"
        try executeScript(depth == 0 ? "BEGIN" : "SAVEPOINT \(savepoint)")
        transactionDepth += 1
        // Back to this depth however we leave, exactly once (a failing COMMIT, e.g. a deferred
        // constraint, must not count twice).
        defer { transactionDepth = depth }
        let value: T
        do {
            value = try body(self)
        } catch {
            try? executeScript(depth == 0 ? "ROLLBACK" : "ROLLBACK TO SAVEPOINT \(savepoint)")
            throw error
        }
        do {
            try executeScript(depth == 0 ? "COMMIT" : "RELEASE SAVEPOINT \(savepoint)")
        } catch {
            // COMMIT that fails ends the transaction itself; a failed RELEASE leaves the savepoint to undo.
            if depth > 0 { try? executeScript("ROLLBACK TO SAVEPOINT \(savepoint)") }
            throw error
        }
        return value
    }

    public var isInTransaction: Bool {
        guard let handle else { return false }
        return PQtransactionStatus(handle) != PQTRANS_IDLE
    }

    // MARK: COPY

    /// Streams rows into `COPY table (columns) FROM STDIN` in text format.
    ///
    /// `body` writes rows through the ``CopyWriter``; data is sent in 256 KiB chunks by a second
    /// thread (at most 8 chunks queued), so rows are formatted while earlier ones are on their way to
    /// the server and memory stays flat however many rows go in. If `body` throws, the COPY is aborted (nothing is
    /// loaded) and the error rethrown. Returns the number of rows the server loaded.
    @discardableResult
    public func copyIn(table: String, columns: [String], _ body: (inout CopyWriter) throws -> Void) throws -> Int {
        let h = try live()
        let statement = "COPY \(Connection.qualifiedName(table)) (\(columns.map(SQL.quoteIdentifier).joined(separator: ", "))) FROM STDIN"
        guard let start = PQexec(h, statement) else { throw connectionError(h, query: statement) }
        let status = PQresultStatus(start)
        if status != PGRES_COPY_IN {
            defer { PQclear(start) }
            throw serverError(start, query: statement)
        }
        PQclear(start)
        var writer = CopyWriter(connection: h, columnCount: columns.count)
        var bodyError: Error?
        do {
            try body(&writer)
            try writer.flush()
            try writer.sender.finish(discard: false)
        } catch {
            bodyError = error
            // Stop the sender before the connection is used again here; what it had not sent is dropped.
            try? writer.sender.finish(discard: true)
        }
        let endResult: Int32
        if let bodyError {
            endResult = PQputCopyEnd(h, "aborted by client: \(bodyError)")
        } else {
            endResult = PQputCopyEnd(h, nil)
        }
        guard endResult == 1 else { throw connectionError(h, query: statement) }
        var serverFailure: Error?
        var loaded = 0
        while let result = PQgetResult(h) {
            defer { PQclear(result) }
            if PQresultStatus(result) == PGRES_COMMAND_OK {
                loaded = Int(String(cString: PQcmdTuples(result))) ?? 0
            } else if serverFailure == nil {
                serverFailure = serverError(result, query: statement)
            }
        }
        if let bodyError { throw bodyError }
        if let serverFailure { throw serverFailure }
        return loaded
    }

    static func qualifiedName(_ name: String) -> String {
        name.split(separator: ".").map { SQL.quoteIdentifier(String($0)) }.joined(separator: ".")
    }

    // MARK: Plumbing

    private func exec(_ sql: SQL) throws -> OpaquePointer {
        let h = try live()
        let result = withParameters(sql) { count, types, values in
            PQexecParams(h, sql.text, count, types, values, nil, nil, 0)
        }
        guard let result else { throw connectionError(h, query: sql.text) }
        do { try check(result, query: sql.text) } catch {
            PQclear(result)
            throw error
        }
        return result
    }

    private func withParameters<R>(_ sql: SQL,
                                   _ body: (Int32, UnsafePointer<Oid>?, UnsafePointer<UnsafePointer<CChar>?>?) -> R) -> R {
        let count = sql.values.count
        var cStrings: [UnsafeMutablePointer<CChar>?] = sql.values.map { $0.map { strdup($0) } ?? nil }
        defer { cStrings.forEach { free($0) } }
        let types = sql.types.map { Oid($0) }
        return types.withUnsafeBufferPointer { typeBuffer in
            cStrings.withUnsafeMutableBufferPointer { valueBuffer in
                valueBuffer.baseAddress!.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: max(count, 1)) { values in
                    body(Int32(count), count == 0 ? nil : typeBuffer.baseAddress, count == 0 ? nil : values)
                }
            }
        }
    }

    private func check(_ result: OpaquePointer, query: String?) throws {
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY, PGRES_SINGLE_TUPLE:
            return
        default:
            throw serverError(result, query: query)
        }
    }

    private func serverError(_ result: OpaquePointer, query: String?) -> PostgresError {
        func field(_ code: Character) -> String? {
            guard let p = PQresultErrorField(result, Int32(code.asciiValue!)) else { return nil }
            return String(cString: p)
        }
        let message = field("M") ?? String(cString: PQresultErrorMessage(result)).trimmingCharacters(in: .whitespacesAndNewlines)
        return PostgresError(kind: .server, sqlState: field("C"), message: message.isEmpty ? "the server reported an error" : message,
                             detail: field("D"), hint: field("H"), severity: field("V") ?? field("S"),
                             constraint: field("n"), table: field("t"), column: field("c"), query: query)
    }

    private func connectionError(_ h: OpaquePointer, query: String?) -> PostgresError {
        PostgresError(kind: .connection, message: String(cString: PQerrorMessage(h)).trimmingCharacters(in: .whitespacesAndNewlines),
                      query: query)
    }

    static func columns(of result: OpaquePointer) -> Row.Columns {
        let n = PQnfields(result)
        return Row.Columns(names: (0..<n).map { String(cString: PQfname(result, $0)) })
    }

    static func values(of result: OpaquePointer, row: Int32) -> [String?] {
        let n = PQnfields(result)
        return (0..<n).map { c in
            PQgetisnull(result, row, c) == 1 ? nil : String(cString: PQgetvalue(result, row, c))
        }
    }

    static func rows(of result: OpaquePointer) -> [Row] {
        let columns = columns(of: result)
        return (0..<PQntuples(result)).map { Row(columns: columns, values: values(of: result, row: $0)) }
    }
}

final class NoticeBox {
    var messages: [String] = []
}

/// Writes rows for ``Connection/copyIn(table:columns:_:)`` in COPY's text format.
///
/// Escapes backslash, tab, newline and carriage return, and writes SQL NULL as `\N`, so any
/// string (a serial number holding a tab, a description with line breaks) arrives intact.
///
/// Two ways to write a row: ``writeRow(_:)`` with an array of optional strings, or field by field
/// (``appendField(_:)-…``, ``appendNull()``, ``appendField(int:)``, or ``beginField()`` followed by
/// ``appendEscaped(_:)`` pieces) closed by ``endRow()``. The field-by-field form writes bytes straight
/// into the send buffer, with no per-field String or Array.
public struct CopyWriter: ~Copyable {
    let sender: CopySender
    let columnCount: Int
    private var storage: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var count = 0
    /// Fields written so far in the row being written.
    private var fieldsInRow = 0
    public private(set) var rowsWritten = 0
    static let chunk = 256 * 1024
    /// A buffer's size: a chunk plus room to finish the row that crosses it.
    static let bufferCapacity = chunk + 64 * 1024

    init(connection: OpaquePointer, columnCount: Int) {
        self.sender = CopySender(connection: connection, chunkCapacity: CopyWriter.bufferCapacity)
        self.columnCount = columnCount
        capacity = CopyWriter.bufferCapacity
        storage = .allocate(capacity: capacity)
    }

    deinit { storage.deallocate() }

    /// Makes room for `n` more bytes.
    @inline(__always) private mutating func reserve(_ n: Int) {
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

    /// Appends one row; `fields.count` must equal the number of columns.
    public mutating func writeRow(_ fields: [String?]) throws {
        precondition(fields.count == columnCount, "COPY row has \(fields.count) fields for \(columnCount) columns")
        precondition(fieldsInRow == 0, "writeRow in the middle of a field-by-field row")
        for field in fields { appendField(field) }
        try endRow()
    }

    /// Starts the next field of the current row (writes the separator); follow with ``appendEscaped(_:)``.
    @inline(__always) public mutating func beginField() {
        reserve(1)
        if fieldsInRow > 0 { storage[count] = 0x09; count += 1 }
        fieldsInRow += 1
    }

    /// A NULL field.
    public mutating func appendNull() {
        beginField()
        reserve(2)
        storage[count] = 0x5C; storage[count + 1] = 0x4E // \N
        count += 2
    }

    /// A text field (NULL when nil), escaped.
    public mutating func appendField(_ value: String?) {
        guard var value else { appendNull(); return }
        beginField()
        value.withUTF8 { appendEscaped(UnsafeRawBufferPointer($0)) }
    }

    /// A text field (NULL when nil), escaped.
    public mutating func appendField(_ value: Substring?) {
        guard var value else { appendNull(); return }
        beginField()
        value.withUTF8 { appendEscaped(UnsafeRawBufferPointer($0)) }
    }

    /// An integer field, in decimal.
    public mutating func appendField(int value: Int) {
        beginField()
        appendDecimal(value)
    }

    /// Bytes of the current field (after ``beginField()``), escaped for COPY text format.
    public mutating func appendEscaped(_ bytes: UnsafeRawBufferPointer) {
        let n = bytes.count
        guard n > 0 else { return }
        reserve(2 * n)
        var out = storage + count
        for b in bytes {
            switch b {
            case 0x5C: out[0] = 0x5C; out[1] = 0x5C; out += 2
            case 0x09: out[0] = 0x5C; out[1] = 0x74; out += 2
            case 0x0A: out[0] = 0x5C; out[1] = 0x6E; out += 2
            case 0x0D: out[0] = 0x5C; out[1] = 0x72; out += 2
            default: out[0] = b; out += 1
            }
        }
        count = out - storage
    }

    /// Bytes of the current field that need no escaping (no backslash, tab, newline or carriage return).
    public mutating func appendVerbatim(_ bytes: UnsafeRawBufferPointer) {
        let n = bytes.count
        guard n > 0, let base = bytes.baseAddress else { return }
        reserve(n)
        (storage + count).update(from: base.assumingMemoryBound(to: UInt8.self), count: n)
        count += n
    }

    /// One ASCII byte of the current field that needs no escaping (a digit, '-', '.', …).
    @inline(__always) public mutating func appendVerbatim(byte: UInt8) {
        reserve(1)
        storage[count] = byte
        count += 1
    }

    /// `value` in decimal, into the current field; `minimumDigits` pads with leading zeros.
    public mutating func appendDecimal(_ value: Int, minimumDigits: Int = 1) {
        reserve(24)
        var m = value.magnitude
        if value < 0 { storage[count] = 0x2D; count += 1 }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0) // 24 bytes of scratch, written backwards
        let written = withUnsafeMutableBytes(of: &digits) { scratch -> Int in
            var i = 24
            repeat {
                i -= 1
                scratch[i] = UInt8(truncatingIfNeeded: m % 10) + 0x30
                m /= 10
            } while m > 0 || 24 - i < minimumDigits
            let n = 24 - i
            (storage + count).update(from: scratch.baseAddress!.assumingMemoryBound(to: UInt8.self) + i, count: n)
            return n
        }
        count += written
    }

    /// Ends the current row; every column must have been written.
    public mutating func endRow() throws {
        precondition(fieldsInRow == columnCount, "COPY row has \(fieldsInRow) fields for \(columnCount) columns")
        reserve(1)
        storage[count] = 0x0A
        count += 1
        fieldsInRow = 0
        rowsWritten += 1
        if count >= CopyWriter.chunk { try flush() }
    }

    /// Hands the filled buffer to the sender and carries on in an empty one.
    mutating func flush() throws {
        guard count > 0 else { return }
        (storage, capacity) = try sender.exchange(storage, capacity: capacity, count: count)
        count = 0
    }
}

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
