import CLibPQ
import Foundation

extension Connection {
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

    /// As ``copyIn(table:columns:_:)``, for a table whose row-level security may apply to this connection's user:
    /// PostgreSQL refuses COPY FROM into such a table, so the rows are then COPYed into a temporary table of the
    /// same columns and go into `table` in one INSERT … SELECT, where the policies check every row. Returns the
    /// number of rows inserted.
    @discardableResult
    public func copyInCheckingPolicies(table: String, columns: [String], _ body: (inout CopyWriter) throws -> Void) throws -> Int {
        let secured: Bool = try scalar("SELECT row_security_active(\(table)::text)")
        guard secured else { return try copyIn(table: table, columns: columns, body) }
        let target = Connection.qualifiedName(table)
        let staging = SQL.quoteIdentifier("copy_" + table.replacingOccurrences(of: ".", with: "_"))
        let list = columns.map(SQL.quoteIdentifier).joined(separator: ", ")
        try executeScript("DROP TABLE IF EXISTS pg_temp.\(staging); CREATE TEMP TABLE \(staging) AS SELECT \(list) FROM \(target) WITH NO DATA")
        let _: Int = try copy(Connection.copyStatement(table: "pg_temp.copy_" + table.replacingOccurrences(of: ".", with: "_"),
                                                       columns: columns, options: ""), columns: columns.count, body)
        let inserted = try execute(SQL(stringLiteral: "INSERT INTO \(target) (\(list)) SELECT \(list) FROM pg_temp.\(staging)"))
        try executeScript("DROP TABLE pg_temp.\(staging)")
        return inserted
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
}
