import Foundation

/// The JSON the CLI prints for a saved record: pretty-printed, keys sorted, slashes unescaped, ending in a newline.
enum RecordJSON {
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // snake_case keys, as every other JSON capital prints (import, procure, shares): `share_set_id`, not `shareSetID`.
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }

    /// `value` as a JSON object (keys in snake_case), for a renderer that replaces some of its values before printing.
    static func object<T: Encodable>(_ value: T) throws -> [String: Any] {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        guard let o = try JSONSerialization.jsonObject(with: encoder.encode(value)) as? [String: Any] else {
            throw EncodingError.invalidValue(value, .init(codingPath: [], debugDescription: "not a JSON object"))
        }
        return o
    }

    /// A JSON object printed as ``encode(_:)`` prints: pretty, keys sorted, slashes unescaped, a final newline.
    static func serialize(_ object: [String: Any]) throws -> String {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
