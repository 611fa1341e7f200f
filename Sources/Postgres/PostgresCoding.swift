import Foundation

/// A Swift value that can be sent to PostgreSQL as a query parameter.
///
/// Values travel in PostgreSQL's text format, which every type has and which keeps numeric
/// and dates exact. `postgresType` is the parameter's type OID, or 0 to let the server infer it
/// from context (the right choice for text, which may be compared with an enum, date or citext).
public protocol PostgresEncodable: Sendable {
    /// The value in PostgreSQL's text input format.
    var postgresText: String { get }
    /// The parameter's type OID, or 0 to let the server infer it.
    static var postgresType: UInt32 { get }
}

extension PostgresEncodable {
    /// 0 by default: the server infers the type from context.
    public static var postgresType: UInt32 { 0 }
}

/// A Swift value that can be read from a column in PostgreSQL's text format.
public protocol PostgresDecodable {
    /// Reads the value from PostgreSQL's text output; throws a `PostgresError` of kind `.decoding` when it is not one.
    init(postgresText text: String) throws
}

/// A value that can be both sent as a parameter and read from a column.
public typealias PostgresCodable = PostgresEncodable & PostgresDecodable

enum PostgresOID {
    static let bool: UInt32 = 16
    static let int8: UInt32 = 20
    static let int4: UInt32 = 23
    static let int2: UInt32 = 21
    static let float8: UInt32 = 701
    static let numeric: UInt32 = 1700
    static let date: UInt32 = 1082
    static let jsonb: UInt32 = 3802
    static let uuid: UInt32 = 2950
}

func decodingError(_ type: Any.Type, _ text: String) -> PostgresError {
    PostgresError(kind: .decoding, message: "cannot read \(String(reflecting: text.prefix(60))) as \(type)")
}

extension String: PostgresCodable {
    /// The string itself.
    public var postgresText: String { self }
    /// The column's text as is.
    public init(postgresText text: String) { self = text }
}

extension Int: PostgresParsable {
    /// Decimal digits, with a leading `-` when negative.
    public var postgresText: String { String(self) }
    /// `int8` (bigint).
    public static var postgresType: UInt32 { PostgresOID.int8 }
    /// Decimal digits, else nil.
    public static func parse(postgresText text: String) -> Int? { Int(text) }
}

extension Int64: PostgresParsable {
    /// Decimal digits, with a leading `-` when negative.
    public var postgresText: String { String(self) }
    /// `int8` (bigint).
    public static var postgresType: UInt32 { PostgresOID.int8 }
    /// Decimal digits, else nil.
    public static func parse(postgresText text: String) -> Int64? { Int64(text) }
}

extension Int32: PostgresParsable {
    /// Decimal digits, with a leading `-` when negative.
    public var postgresText: String { String(self) }
    /// `int4` (integer).
    public static var postgresType: UInt32 { PostgresOID.int4 }
    /// Decimal digits within `Int32`'s range, else nil.
    public static func parse(postgresText text: String) -> Int32? { Int32(text) }
}

extension Bool: PostgresCodable {
    /// `true` or `false`.
    public var postgresText: String { self ? "true" : "false" }
    /// `bool`.
    public static var postgresType: UInt32 { PostgresOID.bool }
    /// Reads `t`/`f` as PostgreSQL prints them (also `true`, `on`, `1`, `yes` and their opposites); throws a `PostgresError` (`.decoding`) otherwise.
    public init(postgresText text: String) throws {
        switch text {
        case "t", "true", "TRUE", "on", "1", "yes": self = true
        case "f", "false", "FALSE", "off", "0", "no": self = false
        default: throw decodingError(Bool.self, text)
        }
    }
}

extension Double: PostgresCodable {
    /// Swift's shortest decimal form that reads back as the same `Double`.
    public var postgresText: String { "\(self)" }
    /// `float8` (double precision).
    public static var postgresType: UInt32 { PostgresOID.float8 }
    /// Reads a floating-point number; throws a `PostgresError` (`.decoding`) otherwise.
    public init(postgresText text: String) throws {
        guard let v = Double(text) else { throw decodingError(Double.self, text) }
        self = v
    }
}

extension Decimal: PostgresCodable {
    /// Decimal's description is locale-independent (`1234.5`), which is what `numeric` reads.
    public var postgresText: String { description }
    /// `numeric`.
    public static var postgresType: UInt32 { PostgresOID.numeric }
    /// Reads a `numeric` exactly; throws a `PostgresError` (`.decoding`) for anything else, or for more than 38 significant digits, which `Decimal` would truncate.
    public init(postgresText text: String) throws {
        guard let v = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")),
              !text.isEmpty else { throw decodingError(Decimal.self, text) }
        // Decimal holds 38 significant digits; refuse silently truncated numbers.
        let digits = text.filter(\.isNumber).drop(while: { $0 == "0" })
        if digits.count > 38 { throw decodingError(Decimal.self, text) }
        self = v
    }
}

extension UUID: PostgresCodable {
    /// The UUID in lower case, as PostgreSQL prints it.
    public var postgresText: String { uuidString.lowercased() }
    /// `uuid`.
    public static var postgresType: UInt32 { PostgresOID.uuid }
    /// Reads a UUID; throws a `PostgresError` (`.decoding`) otherwise.
    public init(postgresText text: String) throws {
        guard let v = UUID(uuidString: text) else { throw decodingError(UUID.self, text) }
        self = v
    }
}

/// A `jsonb` value: raw JSON text that decodes into any `Decodable`.
public struct PostgresJSON: PostgresCodable, Equatable {
    /// The JSON text.
    public let text: String
    /// A value holding `text`, which should be valid JSON (the server checks it).
    public init(text: String) { self.text = text }
    /// `value` encoded as JSON with sorted keys; throws the encoder's error.
    public init<T: Encodable>(encoding value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        self.text = String(decoding: try encoder.encode(value), as: UTF8.self)
    }
    /// The JSON text.
    public var postgresText: String { text }
    /// `jsonb`.
    public static var postgresType: UInt32 { PostgresOID.jsonb }
    /// The column's JSON text as is.
    public init(postgresText text: String) { self.text = text }
    /// Decodes the JSON into `type`; throws the decoder's error.
    public func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(text.utf8))
    }
}

/// A PostgreSQL array literal of text-encodable elements, e.g. for `WHERE code = ANY($1)`.
extension Array: PostgresEncodable where Element: PostgresEncodable {
    /// `{"a","b"}`: every element's text double-quoted, backslashes and quotes escaped; the server infers the array type.
    public var postgresText: String {
        "{" + map { element -> String in
            let s = element.postgresText
            let escaped = s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return "\"\(escaped)\""
        }.joined(separator: ",") + "}"
    }
}

/// A value read from PostgreSQL's text by a failable parser: conforming supplies ``parse(postgresText:)``, and a text it
/// refuses becomes a `PostgresError` (`.decoding`) that quotes it and names the type.
public protocol PostgresParsable: PostgresCodable {
    /// The value `text` spells, or nil.
    static func parse(postgresText text: String) -> Self?
}

extension PostgresParsable {
    /// Reads the value with ``parse(postgresText:)``; throws a `PostgresError` (`.decoding`) when it is not one.
    public init(postgresText text: String) throws {
        guard let value = Self.parse(postgresText: text) else { throw decodingError(Self.self, text) }
        self = value
    }
}

/// An enum stored in a text column as its raw value: conforming is all it takes to bind and read it.
public protocol PostgresTextEnum: PostgresParsable, RawRepresentable where RawValue == String {}

extension PostgresTextEnum {
    /// The raw value.
    public var postgresText: String { rawValue }
    /// Left for the server to infer (the columns are `text` with a CHECK, or a domain).
    public static var postgresType: UInt32 { 0 }
    /// The case whose raw value is `text`, or nil.
    public static func parse(postgresText text: String) -> Self? { Self(rawValue: text) }
}
