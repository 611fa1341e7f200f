/// An error from PostgreSQL or from libpq, carrying what the server said.
///
/// Server errors keep the SQLSTATE code (so callers can react to, say, `23505` unique violation),
/// the primary message, and the detail and hint the server adds. Connection failures carry libpq's
/// message and no SQLSTATE. `description` is what a user should read.
public struct PostgresError: Error, Sendable, CustomStringConvertible {
    /// Where the error arose: `connection` (libpq, the connection, or the local cluster's programs), `server` (the
    /// server refused a statement), `protocolViolation` (something out of order, such as a changed or badly named
    /// migration file) or `decoding` (a value that could not be read as the type asked for).
    public enum Kind: Sendable, Equatable {
        case connection
        case server
        case protocolViolation
        case decoding
    }
    /// Where the error arose.
    public let kind: Kind
    /// The five-character SQLSTATE code (e.g. `23505`); `nil` for errors that did not come from the server.
    public let sqlState: String?
    /// The primary message.
    public var message: String
    /// The server's detail, if it gave one.
    public let detail: String?
    /// The server's hint, or ours, saying what to do.
    public var hint: String?
    /// The server's severity (`ERROR`, `FATAL`, …), if any.
    public let severity: String?
    /// The constraint that was violated, if the server named one.
    public let constraint: String?
    /// The table concerned, if the server named one.
    public let table: String?
    /// The column concerned, if the server named one.
    public let column: String?
    /// The SQL text that failed, for diagnostics (never includes bound values).
    public let query: String?

    /// Creates an error from its parts.
    public init(kind: Kind, sqlState: String? = nil, message: String, detail: String? = nil, hint: String? = nil,
                severity: String? = nil, constraint: String? = nil, table: String? = nil, column: String? = nil,
                query: String? = nil) {
        self.kind = kind; self.sqlState = sqlState; self.message = message; self.detail = detail; self.hint = hint
        self.severity = severity; self.constraint = constraint; self.table = table; self.column = column
        self.query = query
    }

    /// The message with its SQLSTATE in brackets, then `Detail:` and `Hint:` lines where there are any.
    public var description: String {
        var text = message
        if let sqlState { text += " (SQLSTATE \(sqlState))" }
        if let detail, !detail.isEmpty { text += "\nDetail: \(detail)" }
        if let hint, !hint.isEmpty { text += "\nHint: \(hint)" }
        return text
    }

    /// `23505`: a unique constraint was violated.
    public var isUniqueViolation: Bool { sqlState == "23505" }
    /// `23503`: a foreign key was violated.
    public var isForeignKeyViolation: Bool { sqlState == "23503" }
    /// `23514`: a check constraint was violated.
    public var isCheckViolation: Bool { sqlState == "23514" }
}
