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
}
