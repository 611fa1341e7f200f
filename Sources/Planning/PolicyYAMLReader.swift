import CapitalCore
import Foundation
import Yams
import YAMLFiles

/// Reads typed fields out of a composed YAML tree; every problem becomes a ``UserError`` reading
/// `file.yaml:LINE: field NAME: message`. Internal to the policy parser.
struct PolicyYAMLReader {
    let fileName: String

    func error(_ node: Node?, field: String?, _ message: String) -> UserError {
        var place = fileName
        if let line = node?.mark?.line { place += ":\(line)" }
        return UserError("\(place): \(field.map { "field \($0): " } ?? "")\(message)")
    }

    /// The mapping's entries in file order, refusing non-text and repeated keys and any key not in `allowed`.
    func entries(_ node: Node, field: String?, allowed: [String]? = nil) throws -> [(key: String, keyNode: Node, value: Node)] {
        guard case .mapping(let mapping) = node else {
            throw error(node, field: field, "expected a mapping of `key: value` lines, found \(kind(node))")
        }
        var seen = Set<String>()
        var out: [(String, Node, Node)] = []
        for (k, v) in mapping {
            guard case .scalar(let s) = k else { throw error(k, field: field, "a key must be plain text") }
            let name = field.map { "\($0).\(s.string)" } ?? s.string
            guard seen.insert(s.string).inserted else { throw error(k, field: name, "given twice; give it once") }
            if let allowed, !allowed.contains(s.string) {
                throw error(k, field: name, "unknown key `\(s.string)`; expected one of: \(allowed.joined(separator: ", "))")
            }
            out.append((s.string, k, v))
        }
        return out
    }

    func list(_ node: Node, field: String) throws -> [Node] {
        guard case .sequence(let seq) = node else {
            throw error(node, field: field, "expected a list, found \(kind(node))")
        }
        return Array(seq)
    }

    func scalar(_ node: Node, field: String) throws -> String {
        guard case .scalar(let s) = node else {
            throw error(node, field: field, "expected a single value, found \(kind(node))")
        }
        let text = s.string.trimmingCharacters(in: .whitespaces)
        if text.isEmpty || (s.style == .plain && ["~", "null", "Null", "NULL"].contains(text)) {
            throw error(node, field: field, "no value given")
        }
        return text
    }

    func integer(_ node: Node, field: String, in range: ClosedRange<Int>) throws -> Int {
        let text = try scalar(node, field: field).replacingOccurrences(of: "_", with: "")
        guard let n = Int(text) else { throw error(node, field: field, "`\(text)` is not a whole number") }
        guard range.contains(n) else {
            throw error(node, field: field, "\(n) is out of range \(range.lowerBound)–\(range.upperBound)")
        }
        return n
    }

    func number(_ node: Node, field: String, in range: ClosedRange<Double>) throws -> Double {
        let text = try scalar(node, field: field).replacingOccurrences(of: "_", with: "")
        guard let d = Double(text), d.isFinite else { throw error(node, field: field, "`\(text)` is not a number") }
        guard range.contains(d) else {
            throw error(node, field: field, "\(text) is out of range \(range.lowerBound)–\(range.upperBound)")
        }
        return d
    }

    func boolean(_ node: Node, field: String) throws -> Bool {
        let text = try scalar(node, field: field).lowercased()
        switch text {
        case "true", "yes": return true
        case "false", "no": return false
        default: throw error(node, field: field, "`\(text)` is not true or false")
        }
    }

    /// Pounds (`1200000`, `1,200,000.00`, `£1.2m`, `750k`), not negative.
    func money(_ node: Node, field: String) throws -> Pence {
        let text = try scalar(node, field: field)
        guard let p = MoneyText.parse(text), p >= .zero else {
            throw error(node, field: field, "`\(text)` is not an amount of pounds (e.g. 1200000, 1.2m, 750k)")
        }
        return p
    }

    /// One amount for every year, or a list of exactly `years` amounts.
    func yearly(_ node: Node, field: String, years: Int) throws -> [Pence] {
        if case .sequence = node {
            let items = try list(node, field: field)
            guard items.count == years else {
                throw error(node, field: field, "has \(items.count) yearly amounts; the horizon has \(years) years")
            }
            return try items.enumerated().map { try money($1, field: "\(field)[\($0)]") }
        }
        return Array(repeating: try money(node, field: field), count: years)
    }

    func modality(_ keyNode: Node, _ key: String, field: String) throws -> Modality {
        guard let m = Modality(rawValue: key.uppercased()) else {
            throw error(keyNode, field: field, "unknown modality `\(key)`; expected one of: "
                        + Modality.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return m
    }

    /// A mapping from modality to a value read by `read`.
    func perModality<T>(_ node: Node, field: String, _ read: (Node, String) throws -> T) throws -> [Modality: T] {
        var out: [Modality: T] = [:]
        for e in try entries(node, field: field) {
            let name = "\(field).\(e.key)"
            out[try modality(e.keyNode, e.key, field: name)] = try read(e.value, name)
        }
        return out
    }

    func kind(_ node: Node) -> String { YAMLFile.kind(node) }
}
