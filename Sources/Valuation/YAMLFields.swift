import CapitalCore
import Foundation
import Yams
import YAMLFiles

/// Reads typed fields out of a composed YAML tree, turning every problem into a `UserError` that
/// names the file, the line, and (when known) the trust and the field. Internal to the parser.
struct YAMLFields {
    let fileName: String

    /// "file:LINE: trust RAA, field staff: message"
    func error(_ node: Node?, trust: String? = nil, field: String? = nil, _ message: String) -> UserError {
        var where_ = fileName
        if let line = node?.mark?.line { where_ += ":\(line)" }
        var subject: [String] = []
        if let trust { subject.append("trust \(trust)") }
        if let field { subject.append("field \(field)") }
        let prefix = subject.isEmpty ? "" : subject.joined(separator: ", ") + ": "
        return UserError("\(where_): \(prefix)\(message)")
    }

    /// The mapping's entries as (key, key node, value), refusing non-scalar and duplicated keys.
    func entries(_ node: Node, trust: String? = nil, field: String? = nil) throws -> [(key: String, keyNode: Node, value: Node)] {
        guard case .mapping(let mapping) = node else {
            throw error(node, trust: trust, field: field, "expected a mapping of `key: value` lines, found \(kind(node))")
        }
        var seen: Set<String> = []
        var out: [(String, Node, Node)] = []
        for (k, v) in mapping {
            guard case .scalar(let s) = k else { throw error(k, trust: trust, field: field, "a key must be plain text") }
            guard seen.insert(s.string).inserted else {
                throw error(k, trust: trust, field: field, "`\(s.string)` appears twice; give it once")
            }
            out.append((s.string, k, v))
        }
        return out
    }

    /// Throws for any key not in `allowed`, listing the keys that are.
    func checkKeys(_ entries: [(key: String, keyNode: Node, value: Node)], allowed: [String],
                   trust: String? = nil, field: String? = nil, what: String) throws {
        for e in entries where !allowed.contains(e.key) {
            throw error(e.keyNode, trust: trust, field: field ?? e.key,
                        "unknown key `\(e.key)` in \(what); expected one of: \(allowed.joined(separator: ", "))")
        }
    }

    func scalar(_ node: Node, trust: String?, field: String) throws -> String {
        guard case .scalar(let s) = node else {
            throw error(node, trust: trust, field: field, "expected a single value, found \(kind(node))")
        }
        let text = s.string.trimmingCharacters(in: .whitespaces)
        if text.isEmpty || (s.style == .plain && ["~", "null", "Null", "NULL"].contains(text)) {
            throw error(node, trust: trust, field: field, "no value given")
        }
        return text
    }

    /// An amount of money in the one grammar (``MoneyText``), not negative: "4200000.00", "£1,200", "85", "2.5m".
    func money(_ node: Node, trust: String?, field: String) throws -> Pence {
        let text = try scalar(node, trust: trust, field: field)
        guard let p = MoneyText.parse(text) else {
            throw error(node, trust: trust, field: field, MoneyText.refusal(text))
        }
        guard p >= .zero else {
            throw error(node, trust: trust, field: field, "`\(text)` is negative; amounts must be zero or more")
        }
        return p
    }

    /// A whole number of examinations, not negative.
    func count(_ node: Node, trust: String?, field: String) throws -> Int64 {
        let text = try scalar(node, trust: trust, field: field).replacingOccurrences(of: "_", with: "")
        guard let n = Int64(text) else {
            throw error(node, trust: trust, field: field, "`\(text)` is not a whole number of examinations")
        }
        guard n >= 0 else { throw error(node, trust: trust, field: field, "`\(text)` is negative; counts must be zero or more") }
        return n
    }

    /// `YYYY-MM-DD`, a day that exists.
    func date(_ node: Node, trust: String?, field: String) throws -> CalendarDate {
        let text = try scalar(node, trust: trust, field: field)
        guard let d = CalendarDate(iso: text) else {
            throw error(node, trust: trust, field: field, "`\(text)` is not a date; write YYYY-MM-DD (e.g. 2025-04-01)")
        }
        return d
    }

    /// A decimal fraction such as 0.035, parsed exactly.
    func fraction(_ node: Node, trust: String?, field: String) throws -> Decimal {
        let text = try scalar(node, trust: trust, field: field)
        guard text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }),
              let d = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
            throw error(node, trust: trust, field: field, "`\(text)` is not a decimal number (e.g. 0.035 for 3.5%)")
        }
        return d
    }

    func modality(_ keyNode: Node, _ key: String, trust: String?, field: String) throws -> Modality {
        guard let m = Modality(rawValue: key.uppercased()) else {
            throw error(keyNode, trust: trust, field: field,
                        "unknown modality `\(key)`; expected one of: \(Modality.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return m
    }

    func kind(_ node: Node) -> String { YAMLFile.kind(node) }
}
