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
    private(set) var handle: OpaquePointer?
    var transactionDepth = 0
    /// Always empty: nothing writes it. Notices (e.g. "relation already exists, skipping") are kept from stderr
    /// and handed out by ``takeNotices()`` instead.
    public private(set) var notices: [String] = []
    private var noticeBox: NoticeBox
    /// Who this connection acts as, in words ("user alice (finance, trust R1A)"), when the caller found out: an
    /// action the server refuses for want of a privilege or a row-level security policy (SQLSTATE 42501) is then
    /// reported as refused to that user, not as a bare SQLSTATE.
    public var identity: String?

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
        // A statement whose client has died (killed mid-import) stops within a second instead of
        // running to its end while holding its locks (PostgreSQL 14+; a server on a platform without the check refuses it, and that is all).
        if PQserverVersion(handle) >= 140000 { _ = try? execute("SET client_connection_check_interval TO 1000") }
        // Named in pg_stat_activity, so a waiting import can say who holds its lock.
        if let name = PQparameterStatus(handle, "application_name"), name.pointee == 0 {
            try execute("SET application_name TO 'capital'")
        }
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

    func live() throws -> OpaquePointer {
        guard let handle else { throw PostgresError(kind: .connection, message: "the connection is closed") }
        return handle
    }

    // MARK: Plumbing

    func exec(_ sql: SQL) throws -> OpaquePointer {
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

    func withParameters<R>(_ sql: SQL,
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

    func check(_ result: OpaquePointer, query: String?) throws {
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY, PGRES_SINGLE_TUPLE:
            return
        default:
            throw serverError(result, query: query)
        }
    }

    func serverError(_ result: OpaquePointer, query: String?) -> PostgresError {
        func field(_ code: Character) -> String? {
            guard let p = PQresultErrorField(result, Int32(code.asciiValue!)) else { return nil }
            return String(cString: p)
        }
        var message = field("M") ?? String(cString: PQresultErrorMessage(result)).trimmingCharacters(in: .whitespacesAndNewlines)
        if field("C") == "42501", let identity, !message.hasPrefix(identity) {
            message = "refused for \(identity): " + message
        }
        return PostgresError(kind: .server, sqlState: field("C"), message: message.isEmpty ? "the server reported an error" : message,
                             detail: field("D"), hint: field("H"), severity: field("V") ?? field("S"),
                             constraint: field("n"), table: field("t"), column: field("c"), query: query)
    }

    /// The SCRAM-SHA-256 verifier of `password` for role `user`, computed here (libpq), so that the password itself
    /// never travels to the server or into its statement log.
    public func scramVerifier(password: String, user: String) throws -> String {
        let h = try live()
        guard let p = PQencryptPasswordConn(h, password, user, "scram-sha-256") else { throw connectionError(h, query: nil) }
        defer { PQfreemem(p) }
        return String(cString: p)
    }

    func connectionError(_ h: OpaquePointer, query: String?) -> PostgresError {
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
