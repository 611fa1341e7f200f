/// A parameterised SQL statement built by string interpolation.
///
/// Every interpolated value becomes a bind parameter (`$1`, `$2`, …) and is sent separately from
/// the SQL text, so a value can never change the statement: `"SELECT * FROM trust WHERE ods_code = \(code)"`
/// is safe whatever `code` holds. Identifiers (which cannot be parameters) go through
/// `\(identifier: name)`, which quotes them. There is deliberately no way to splice a raw value.
public struct SQL: Sendable, ExpressibleByStringInterpolation, CustomStringConvertible {
    /// The statement's text, with `$1`, `$2`, … where values were interpolated.
    public let text: String
    /// The bound values in PostgreSQL's text format, `$1` first; `nil` is SQL NULL.
    public let values: [String?]
    /// The type OID of each bound value (0: the server infers it).
    public let types: [UInt32]

    /// A statement with no parameters.
    public init(stringLiteral value: String) {
        text = value
        values = []
        types = []
    }

    /// A statement built by interpolation, its values bound as parameters.
    public init(stringInterpolation: StringInterpolation) {
        text = stringInterpolation.text
        values = stringInterpolation.values
        types = stringInterpolation.types
    }

    /// The statement's text (never the bound values).
    public var description: String { text }

    /// Builds an ``SQL`` from an interpolated string literal: literals are kept as text, values become parameters.
    public struct StringInterpolation: StringInterpolationProtocol {
        var text = ""
        var values: [String?] = []
        var types: [UInt32] = []

        /// Starts an empty statement.
        public init(literalCapacity: Int, interpolationCount: Int) {
            text.reserveCapacity(literalCapacity + interpolationCount * 3)
        }

        /// Appends literal SQL text.
        public mutating func appendLiteral(_ literal: String) { text += literal }

        /// Appends a bind parameter holding `value`.
        public mutating func appendInterpolation<T: PostgresEncodable>(_ value: T) {
            values.append(value.postgresText)
            types.append(T.postgresType)
            text += "$\(values.count)"
        }

        /// Appends a bind parameter holding `value`, or NULL when it is `nil`.
        public mutating func appendInterpolation<T: PostgresEncodable>(_ value: T?) {
            values.append(value?.postgresText)
            types.append(T.postgresType)
            text += "$\(values.count)"
        }

        /// A quoted identifier (table, column, schema or role name).
        public mutating func appendInterpolation(identifier: String) {
            text += SQL.quoteIdentifier(identifier)
        }
    }

    /// Quotes an identifier the way PostgreSQL's `quote_ident` does.
    public static func quoteIdentifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Quotes a string literal for places that take no parameters (e.g. `SET`, `CREATE DATABASE … TEMPLATE`).
    public static func quoteLiteral(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "'", with: "''") + "'"
    }
}
