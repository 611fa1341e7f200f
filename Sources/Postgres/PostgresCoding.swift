import Foundation

/// A Swift value that can be sent to PostgreSQL as a query parameter.
///
/// Values travel in PostgreSQL's text format, which every type has and which keeps numeric
/// and dates exact. `postgresType` is the parameter's type OID, or 0 to let the server infer it
/// from context (the right choice for text, which may be compared with an enum, date or citext).
public protocol PostgresEncodable: Sendable {
    var postgresText: String { get }
    static var postgresType: UInt32 { get }
}

extension PostgresEncodable {
    public static var postgresType: UInt32 { 0 }
}

/// A Swift value that can be read from a column in PostgreSQL's text format.
public protocol PostgresDecodable {
    init(postgresText text: String) throws
}

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
    public var postgresText: String { self }
    public init(postgresText text: String) { self = text }
}

extension Int: PostgresCodable {
    public var postgresText: String { String(self) }
    public static var postgresType: UInt32 { PostgresOID.int8 }
    public init(postgresText text: String) throws {
        guard let v = Int(text) else { throw decodingError(Int.self, text) }
        self = v
    }
}

extension Int64: PostgresCodable {
    public var postgresText: String { String(self) }
    public static var postgresType: UInt32 { PostgresOID.int8 }
    public init(postgresText text: String) throws {
        guard let v = Int64(text) else { throw decodingError(Int64.self, text) }
        self = v
    }
}

extension Int32: PostgresCodable {
    public var postgresText: String { String(self) }
    public static var postgresType: UInt32 { PostgresOID.int4 }
    public init(postgresText text: String) throws {
        guard let v = Int32(text) else { throw decodingError(Int32.self, text) }
        self = v
    }
}

extension Bool: PostgresCodable {
    public var postgresText: String { self ? "true" : "false" }
    public static var postgresType: UInt32 { PostgresOID.bool }
    public init(postgresText text: String) throws {
        switch text {
        case "t", "true", "TRUE", "on", "1", "yes": self = true
        case "f", "false", "FALSE", "off", "0", "no": self = false
        default: throw decodingError(Bool.self, text)
        }
    }
}

extension Double: PostgresCodable {
    public var postgresText: String { "\(self)" }
    public static var postgresType: UInt32 { PostgresOID.float8 }
    public init(postgresText text: String) throws {
        guard let v = Double(text) else { throw decodingError(Double.self, text) }
        self = v
    }
}

extension Decimal: PostgresCodable {
    /// Decimal's description is locale-independent (`1234.5`), which is what `numeric` reads.
    public var postgresText: String { description }
    public static var postgresType: UInt32 { PostgresOID.numeric }
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
    public var postgresText: String { uuidString.lowercased() }
    public static var postgresType: UInt32 { PostgresOID.uuid }
    public init(postgresText text: String) throws {
        guard let v = UUID(uuidString: text) else { throw decodingError(UUID.self, text) }
        self = v
    }
}

/// A `jsonb` value: raw JSON text that decodes into any `Decodable`.
public struct PostgresJSON: PostgresCodable, Equatable {
    public var text: String
    public init(text: String) { self.text = text }
    public init<T: Encodable>(encoding value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        self.text = String(decoding: try encoder.encode(value), as: UTF8.self)
    }
    public var postgresText: String { text }
    public static var postgresType: UInt32 { PostgresOID.jsonb }
    public init(postgresText text: String) { self.text = text }
    public func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(text.utf8))
    }
}

/// A PostgreSQL array literal of text-encodable elements, e.g. for `WHERE code = ANY($1)`.
extension Array: PostgresEncodable where Element: PostgresEncodable {
    public var postgresText: String {
        "{" + map { element -> String in
            let s = element.postgresText
            let escaped = s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return "\"\(escaped)\""
        }.joined(separator: ",") + "}"
    }
}
