/// A value that travels in JSON (and YAML) as its ISO text: a calendar date, a time. Conforming supplies the parser
/// and the text; decoding anything else is a `DecodingError` that quotes it and says what was expected.
public protocol ISOTextCodable: Codable {
    /// The value `text` spells exactly, or nil.
    init?(iso text: String)
    /// The ISO text.
    var iso: String { get }
    /// The form expected, for messages (e.g. `YYYY-MM-DD`).
    static var isoPattern: String { get }
}

extension ISOTextCodable {
    /// Decodes from the ISO text; throws a `DecodingError` for anything else.
    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = Self(iso: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "not a \(Self.isoPattern): \(text)"))
        }
        self = value
    }

    /// Encodes as the ISO text.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }
}
