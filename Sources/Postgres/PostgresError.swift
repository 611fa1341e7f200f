/// An error from PostgreSQL or from libpq, carrying what the server said.
///
/// Server errors keep the SQLSTATE code (so callers can react to, say, `23505` unique violation),
/// the primary message, and the detail and hint the server adds. Connection failures carry libpq's
/// message and no SQLSTATE. `description` is what a user should read.
public struct PostgresError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case connection
        case server
        case protocolViolation
        case decoding
    }
    public var kind: Kind
    public var sqlState: String?
    public var message: String
    public var detail: String?
    public var hint: String?
    public var severity: String?
    public var constraint: String?
    public var table: String?
    public var column: String?
    /// The SQL text that failed, for diagnostics (never includes bound values).
    public var query: String?

    public init(kind: Kind, sqlState: String? = nil, message: String, detail: String? = nil, hint: String? = nil,
                severity: String? = nil, constraint: String? = nil, table: String? = nil, column: String? = nil,
                query: String? = nil) {
        self.kind = kind
        self.sqlState = sqlState
        self.message = message
        self.detail = detail
        self.hint = hint
        self.severity = severity
        self.constraint = constraint
        self.table = table
        self.column = column
        self.query = query
    }

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
