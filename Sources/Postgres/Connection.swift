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
        try copy(Connection.copyStatement(table: table, columns: columns, options: ""), columns: columns.count, body)
    }

    /// Streams rows into `COPY table (columns) FROM STDIN (FORMAT binary)`: as ``copyIn(table:columns:_:)``,
    /// but each value goes in PostgreSQL's binary form (``BinaryCopyWriter``), which the server
    /// stores without parsing text: a million register rows load in about two thirds of the text
    /// format's time, most of the saving in `jsonb` and `numeric`.
    @discardableResult
    public func copyInBinary(table: String, columns: [String], _ body: (inout BinaryCopyWriter) throws -> Void) throws -> Int {
        try copy(Connection.copyStatement(table: table, columns: columns, options: " (FORMAT binary)"), columns: columns.count, body)
    }

    /// Runs one COPY FROM STDIN: `body` fills the writer; if it throws, the COPY is aborted.
    private func copy<W: CopyRowWriter & ~Copyable>(_ statement: String, columns: Int, _ body: (inout W) throws -> Void) throws -> Int {
        let h = try beginCopy(statement)
        var writer = W(connection: h, columnCount: columns)
        var bodyError: Error?
        do {
            try body(&writer)
            try writer.finish()
        } catch {
            bodyError = error
            writer.abandon()
        }
        return try endCopy(h, statement: statement, bodyError: bodyError)
    }

    static func copyStatement(table: String, columns: [String], options: String) -> String {
        "COPY \(Connection.qualifiedName(table)) (\(columns.map(SQL.quoteIdentifier).joined(separator: ", "))) FROM STDIN\(options)"
    }

    /// Sends the COPY statement; the connection is then in COPY IN state.
    private func beginCopy(_ statement: String) throws -> OpaquePointer {
        let h = try live()
        guard let start = PQexec(h, statement) else { throw connectionError(h, query: statement) }
        let status = PQresultStatus(start)
        if status != PGRES_COPY_IN {
            defer { PQclear(start) }
            throw serverError(start, query: statement)
        }
        PQclear(start)
        return h
    }

    /// Ends the COPY (aborting it when the caller's body failed) and returns the rows the server loaded.
    private func endCopy(_ h: OpaquePointer, statement: String, bodyError: Error?) throws -> Int {
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

/// Writes rows for ``Connection/copyIn(table:columns:_:)`` in COPY's text format.
///
/// Escapes backslash, tab, newline and carriage return, and writes SQL NULL as `\N`, so any
/// string (a serial number holding a tab, a description with line breaks) arrives intact.
///
/// Two ways to write a row: ``writeRow(_:)`` with an array of optional strings, or field by field
/// (``appendField(_:)-…``, ``appendNull()``, ``appendField(int:)``, or ``beginField()`` followed by
/// ``appendEscaped(_:)`` pieces) closed by ``endRow()``. The field-by-field form writes bytes straight
/// into the send buffer, with no per-field String or Array.
public struct CopyWriter: ~Copyable, CopyRowWriter {
    var buffer: CopyBuffer
    let columnCount: Int
    /// Fields written so far in the row being written.
    private var fieldsInRow = 0
    public private(set) var rowsWritten = 0

    init(connection: OpaquePointer, columnCount: Int) {
        buffer = CopyBuffer(connection: connection)
        self.columnCount = columnCount
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
        if fieldsInRow > 0 { buffer.append(byte: 0x09) }
        fieldsInRow += 1
    }

    /// A NULL field.
    public mutating func appendNull() {
        beginField()
        buffer.append(byte: 0x5C); buffer.append(byte: 0x4E) // \N
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
        buffer.reserve(2 * n)
        let storage = buffer.storage
        var out = storage + buffer.count
        for b in bytes {
            switch b {
            case 0x5C: out[0] = 0x5C; out[1] = 0x5C; out += 2
            case 0x09: out[0] = 0x5C; out[1] = 0x74; out += 2
            case 0x0A: out[0] = 0x5C; out[1] = 0x6E; out += 2
            case 0x0D: out[0] = 0x5C; out[1] = 0x72; out += 2
            default: out[0] = b; out += 1
            }
        }
        buffer.count = out - storage
    }

    /// `value` in decimal, into the current field.
    private mutating func appendDecimal(_ value: Int) {
        buffer.reserve(24)
        var m = value.magnitude
        if value < 0 { buffer.append(byte: 0x2D) }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0) // 24 bytes of scratch, written backwards
        withUnsafeMutableBytes(of: &digits) { scratch in
            var i = 24
            repeat {
                i -= 1
                scratch[i] = UInt8(truncatingIfNeeded: m % 10) + 0x30
                m /= 10
            } while m > 0
            buffer.append(UnsafeRawBufferPointer(rebasing: scratch[i...]))
        }
    }

    mutating func finish() throws { try buffer.finish() }

    func abandon() { buffer.abandon() }

    /// Ends the current row; every column must have been written.
    public mutating func endRow() throws {
        precondition(fieldsInRow == columnCount, "COPY row has \(fieldsInRow) fields for \(columnCount) columns")
        buffer.append(byte: 0x0A)
        fieldsInRow = 0
        rowsWritten += 1
        try buffer.rowEnded()
    }
}

/// Writes rows for ``Connection/copyInBinary(table:columns:_:)`` in COPY's binary format: per row a
/// field count, per field its length (-1 for NULL) and its value in the type's binary send form.
///
/// Each `append…` call writes the next field of the current row and must match the column's type
/// exactly (the server checks lengths, not meaning: an `int4` written into a `bigint` column is
/// refused, a `date` written as an `int4` is not): `int2`/`int4`/`int8`, `bool`, `"char"`, `text`
/// (UTF-8), `date`, `numeric`, `jsonb`. ``endRow()`` checks that every column was written.
public struct BinaryCopyWriter: ~Copyable, CopyRowWriter {
    var buffer: CopyBuffer
    let columnCount: Int
    private var fieldsInRow = 0
    public private(set) var rowsWritten = 0
    /// 2000-01-01, PostgreSQL's date epoch, in days after 1970-01-01.
    static let postgresEpochDay = 10_957

    init(connection: OpaquePointer, columnCount: Int) {
        buffer = CopyBuffer(connection: connection)
        self.columnCount = columnCount
        // Signature, flags (no OIDs), header extension length.
        let signature: [UInt8] = [0x50, 0x47, 0x43, 0x4F, 0x50, 0x59, 0x0A, 0xFF, 0x0D, 0x0A, 0x00]
        signature.withUnsafeBytes { buffer.append($0) }
        buffer.append(bigEndian: Int32(0))
        buffer.append(bigEndian: Int32(0))
    }

    /// Starts a field of `length` bytes (the row's field count first, before its first field).
    @inline(__always) private mutating func field(length: Int32) {
        if fieldsInRow == 0 { buffer.append(bigEndian: Int16(columnCount)) }
        fieldsInRow += 1
        buffer.append(bigEndian: length)
    }

    public mutating func appendNull() { field(length: -1) }

    public mutating func appendInt16(_ v: Int16) { field(length: 2); buffer.append(bigEndian: v) }
    public mutating func appendInt32(_ v: Int32) { field(length: 4); buffer.append(bigEndian: v) }
    public mutating func appendInt64(_ v: Int64) { field(length: 8); buffer.append(bigEndian: v) }
    public mutating func appendBool(_ v: Bool) { field(length: 1); buffer.append(byte: v ? 1 : 0) }
    /// A `"char"` value: one byte.
    public mutating func appendChar(_ byte: UInt8) { field(length: 1); buffer.append(byte: byte) }

    /// A `text` (or `varchar`) value: its UTF-8 bytes.
    public mutating func appendText(_ utf8: UnsafeRawBufferPointer) {
        field(length: Int32(utf8.count))
        buffer.append(utf8)
    }

    /// A `text` value, NULL when nil.
    public mutating func appendText(_ value: String?) {
        guard var value else { appendNull(); return }
        value.withUTF8 { appendText(UnsafeRawBufferPointer($0)) }
    }

    /// A `date` given as days after 1970-01-01 (sent as days after 2000-01-01).
    public mutating func appendDate(daysSince1970 days: Int) {
        field(length: 4)
        buffer.append(bigEndian: Int32(days - BinaryCopyWriter.postgresEpochDay))
    }

    /// A `numeric` worth `units` × 10^-`scale` (0 ≤ scale ≤ 4), shown with `scale` decimals:
    /// `appendNumeric(123450, scale: 2)` is 1234.50. The column's own scale still applies.
    public mutating func appendNumeric(_ units: Int64, scale: Int) {
        precondition((0...4).contains(scale), "numeric scale \(scale) outside 0...4")
        // Base-10000 digits: the integer part, then one digit for the (up to four) decimals.
        let unit = UInt64([1, 10, 100, 1000, 10000][scale])
        var whole = units.magnitude / unit
        let fraction = UInt16((units.magnitude % unit) * (10000 / unit))
        var digits: (UInt16, UInt16, UInt16, UInt16, UInt16, UInt16) = (0, 0, 0, 0, 0, 0) // integer part, backwards
        var n = 0
        withUnsafeMutableBytes(of: &digits) { d in
            let d = d.bindMemory(to: UInt16.self)
            while whole > 0 { d[n] = UInt16(whole % 10000); whole /= 10000; n += 1 }
        }
        let weight = n > 0 ? n - 1 : -1
        // Trailing zero digits are left out (the value stays the same; dscale keeps the decimals shown).
        var trailingZeros = 0
        if fraction == 0 {
            trailingZeros = 1
            withUnsafeBytes(of: &digits) { d in
                let d = d.bindMemory(to: UInt16.self)
                while trailingZeros - 1 < n && d[trailingZeros - 1] == 0 { trailingZeros += 1 }
            }
        }
        let count = n + 1 - trailingZeros
        field(length: Int32(8 + 2 * count))
        buffer.append(bigEndian: Int16(count))
        buffer.append(bigEndian: Int16(count == 0 ? 0 : weight))
        buffer.append(bigEndian: UInt16(units < 0 && count > 0 ? 0x4000 : 0))
        buffer.append(bigEndian: Int16(scale))
        withUnsafeBytes(of: &digits) { d in
            let d = d.bindMemory(to: UInt16.self)
            var i = n - 1
            var written = 0
            while written < count && i >= 0 { buffer.append(bigEndian: d[i]); i -= 1; written += 1 }
            if written < count { buffer.append(bigEndian: fraction) }
        }
    }

    /// A `jsonb` value from its JSON text (the binary form is a version byte, 1, then the text).
    public mutating func appendJSONB(_ utf8: UnsafeRawBufferPointer) {
        field(length: Int32(utf8.count + 1))
        buffer.append(byte: 1)
        buffer.append(utf8)
    }

    /// Ends the current row; every column must have been written.
    public mutating func endRow() throws {
        precondition(fieldsInRow == columnCount, "COPY row has \(fieldsInRow) fields for \(columnCount) columns")
        fieldsInRow = 0
        rowsWritten += 1
        try buffer.rowEnded()
    }

    /// The trailer, then everything sent.
    mutating func finish() throws {
        precondition(fieldsInRow == 0, "COPY ended in the middle of a row")
        buffer.append(bigEndian: Int16(-1))
        try buffer.finish()
    }

    func abandon() { buffer.abandon() }
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
