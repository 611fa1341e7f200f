import CLibPQ
import Foundation

extension Connection {
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
}
