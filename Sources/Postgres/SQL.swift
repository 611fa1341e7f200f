/// A parameterised SQL statement built by string interpolation.
///
/// Every interpolated value becomes a bind parameter (`$1`, `$2`, …) and is sent separately from
/// the SQL text, so a value can never change the statement: `"SELECT * FROM trust WHERE ods_code = \(code)"`
/// is safe whatever `code` holds. Identifiers (which cannot be parameters) go through
/// `\(identifier: name)`, which quotes them. There is deliberately no way to splice a raw value.
public struct SQL: Sendable, ExpressibleByStringInterpolation, CustomStringConvertible {
    public private(set) var text: String
    public private(set) var values: [String?]
    public private(set) var types: [UInt32]

    public init(stringLiteral value: String) {
        text = value
        values = []
        types = []
    }

    public init(stringInterpolation: StringInterpolation) {
        text = stringInterpolation.text
        values = stringInterpolation.values
        types = stringInterpolation.types
    }

    public var description: String { text }

    public struct StringInterpolation: StringInterpolationProtocol {
        var text = ""
        var values: [String?] = []
        var types: [UInt32] = []

        public init(literalCapacity: Int, interpolationCount: Int) {
            text.reserveCapacity(literalCapacity + interpolationCount * 3)
        }

        public mutating func appendLiteral(_ literal: String) { text += literal }

        public mutating func appendInterpolation<T: PostgresEncodable>(_ value: T) {
            values.append(value.postgresText)
            types.append(T.postgresType)
            text += "$\(values.count)"
        }

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
