import CapitalCore
import Yams

/// The shared first steps of reading a hand-written YAML file (a planning policy, a contributions file): composing
/// the text into nodes with errors that name the file, line and column, and describing a node in messages.
package enum YAMLFile {
    /// The text's node tree; an empty file or text that is not YAML is a `UserError` naming `fileName`, and where
    /// Yams can say, the line and column.
    package static func compose(_ text: String, fileName: String) throws -> Node {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let e as YamlError {
            throw UserError("\(fileName): not valid YAML: \(problem(e))")
        }
        guard let root else { throw UserError("\(fileName): the file is empty") }
        return root
    }

    /// A Yams error as a person reads it: the line and column, and what is wrong there.
    package static func problem(_ e: YamlError) -> String {
        switch e {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
             .composer(_, let problem, let mark, _):
            return "line \(mark.line), column \(mark.column): \(problem)"
        case .duplicatedKeysInMapping(let duplicates, let context):
            return "line \(context.mark.line): \(duplicates.map { "`\($0)`" }.joined(separator: ", ")) given twice in one mapping; give each key once"
        default:
            return String(describing: e)
        }
    }

    /// What a node is, for messages: its text in backticks, or "a mapping", "a list", "an alias".
    package static func kind(_ node: Node) -> String {
        switch node {
        case .scalar(let s): return "`\(s.string)`"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }
}
