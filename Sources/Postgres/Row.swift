/// One row of a query result, with its values in PostgreSQL's text format.
///
/// Read columns by name or position with a type: `row["install_date", as: CalendarDate.self]`.
/// A SQL NULL reads as `nil` for an optional type and is an error for a non-optional one, which
/// names the column, so a null never turns silently into 0 or an empty string.
public struct Row: Sendable {
    /// The result's column names, shared with every other row of it.
    public let columns: Columns
    /// The values in column order, in PostgreSQL's text format; `nil` is SQL NULL.
    public let values: [String?]

    /// Column names shared by every row of one result.
    public final class Columns: Sendable {
        /// The names in result order (a name may appear twice; lookups by name take the first).
        public let names: [String]
        let index: [String: Int]
        init(names: [String]) {
            self.names = names
            var index: [String: Int] = [:]
            for (i, n) in names.enumerated() where index[n] == nil { index[n] = i }
            self.index = index
        }
    }

    func position(_ name: String) throws -> Int {
        guard let i = columns.index[name] else {
            throw PostgresError(kind: .decoding, message: "no column \"\(name)\" in the result (columns: \(columns.names.joined(separator: ", ")))")
        }
        return i
    }

    /// Whether the column named `name` is NULL; throws a `PostgresError` (`.decoding`) when there is no such column.
    public func isNull(_ name: String) throws -> Bool { values[try position(name)] == nil }

    /// The value of column `name` as `T`; throws a `PostgresError` (`.decoding`) naming the column when it is missing, NULL or not a `T`.
    public func decode<T: PostgresDecodable>(_ name: String, as type: T.Type = T.self) throws -> T {
        let i = try position(name)
        guard let text = values[i] else {
            throw PostgresError(kind: .decoding, message: "column \"\(name)\" is NULL but \(T.self) was expected")
        }
        do { return try T(postgresText: text) } catch var e as PostgresError {
            e.message += " (column \"\(name)\")"
            throw e
        }
    }

    /// The value of column `name` as `T`, `nil` when NULL; throws a `PostgresError` (`.decoding`) when the column is missing or not a `T`.
    public func decode<T: PostgresDecodable>(_ name: String, as type: T?.Type) throws -> T? {
        let i = try position(name)
        guard let text = values[i] else { return nil }
        do { return try T(postgresText: text) } catch var e as PostgresError {
            e.message += " (column \"\(name)\")"
            throw e
        }
    }

    /// The value at 0-based `index` as `T`; throws a `PostgresError` (`.decoding`) when there is no such column, or it is NULL or not a `T`.
    public func decode<T: PostgresDecodable>(_ index: Int, as type: T.Type = T.self) throws -> T {
        guard index < values.count else {
            throw PostgresError(kind: .decoding, message: "no column \(index + 1) in a result of \(values.count)")
        }
        guard let text = values[index] else {
            throw PostgresError(kind: .decoding, message: "column \(index + 1) is NULL but \(T.self) was expected")
        }
        return try T(postgresText: text)
    }

    /// The value at 0-based `index` as `T`, `nil` when NULL; throws a `PostgresError` (`.decoding`) when there is no such column or it is not a `T`.
    public func decode<T: PostgresDecodable>(_ index: Int, as type: T?.Type) throws -> T? {
        guard index < values.count else {
            throw PostgresError(kind: .decoding, message: "no column \(index + 1) in a result of \(values.count)")
        }
        guard let text = values[index] else { return nil }
        return try T(postgresText: text)
    }

    /// `row["name", as: T.self]`: the same as `decode("name", as: T.self)`.
    public subscript<T: PostgresDecodable>(_ name: String, as type: T.Type) -> T {
        get throws { try decode(name, as: T.self) }
    }
}
