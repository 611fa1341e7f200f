import CapitalCore
import Foundation
import Yams

/// The shared words every profile understands: missing-value words, manufacturer aliases, modality
/// keywords (with negatives and a global non-imaging list), status, criticality and yes/no words.
///
/// Loaded from `importers/vocabulary.yaml`; a profile that `extends: vocabulary` adds its own entries on
/// top (additions win on conflicts). All entries are stored in `TextKey` form, so matching ignores case
/// and punctuation.
public struct Vocabulary: Sendable {
    /// One modality's keyword rule; rules are tried in the order given.
    public struct ModalityRule: Sendable {
        /// The modality the rule recognises.
        public let modality: Modality
        /// Phrases (in `TextKey` form) that mean this modality, matched on whole words.
        public let keywords: [String]
        /// Phrases that rule this modality out even when a keyword matches.
        public let negativeKeywords: [String]
    }

    /// Words meaning "no value" (`N/A`, `TBC`, …), lowercased; a cell holding one reads as empty.
    public var missingValues: Set<String> = []
    /// Alias key → canonical manufacturer name.
    public var manufacturerAliases: [String: String] = [:]
    /// The modality rules in the order tried (a profile's own rules before those it extends).
    public var modalityRules: [ModalityRule] = []
    /// Phrases (in `TextKey` form) marking equipment that is not imaging: a match skips the row.
    public var nonImagingKeywords: [String] = []
    /// Status word (in `TextKey` form) → status.
    public var statusWords: [String: AssetStatus] = [:]
    /// Criticality word (`high`, …, in `TextKey` form) → criticality 1–5.
    public var criticalityWords: [String: Int] = [:]
    /// Words (in `TextKey` form) meaning yes in a yes/no column.
    public var yesWords: Set<String> = []
    /// Words (in `TextKey` form) meaning no in a yes/no column.
    public var noWords: Set<String> = []

    /// Creates an empty vocabulary (profiles load theirs from YAML).
    public init() {}

    /// Adds the entries of a parsed YAML mapping (a vocabulary file or a profile) to this vocabulary.
    mutating func merge(yaml map: [String: Any], source: String) throws {
        for w in YAMLValue.strings(map["missing_values"]) { missingValues.insert(w.trimmingASCIIWhitespace().lowercased()) }
        if let m = map["manufacturers"] as? [String: Any] {
            for (canonical, aliases) in m.sorted(by: { $0.key < $1.key }) {
                manufacturerAliases[TextKey.make(canonical)] = canonical
                for a in YAMLValue.strings(aliases) { manufacturerAliases[TextKey.make(a)] = canonical }
            }
        }
        nonImagingKeywords += YAMLValue.strings(map["non_imaging_keywords"]).map(TextKey.make)
        if let rules = map["modalities"] as? [Any] {
            var added: [ModalityRule] = []
            for case let r as [String: Any] in rules {
                let code = YAMLValue.string(r["code"]) ?? ""
                guard let mod = Modality(rawValue: code) else {
                    throw UserError("\(source): unknown modality code \"\(code)\"; use one of \(Modality.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                added.append(ModalityRule(modality: mod, keywords: YAMLValue.strings(r["keywords"]).map(TextKey.make),
                                          negativeKeywords: YAMLValue.strings(r["negative_keywords"]).map(TextKey.make)))
            }
            modalityRules = added + modalityRules // a profile's own rules are tried first
        }
        if let st = map["status"] as? [String: Any] {
            for (key, words) in st {
                guard let status = AssetStatus(rawValue: key) else {
                    throw UserError("\(source): unknown status \"\(key)\"; use in_use, standby, out_of_service or disposed")
                }
                for w in YAMLValue.strings(words) { statusWords[TextKey.make(w)] = status }
            }
        }
        if let c = map["criticality"] as? [String: Any] {
            for (word, v) in c {
                guard let n = YAMLValue.int(v), (1...5).contains(n) else { throw UserError("\(source): criticality for \"\(word)\" must be 1 to 5") }
                criticalityWords[TextKey.make(word)] = n
            }
        }
        for w in YAMLValue.strings(map["yes_words"]) { yesWords.insert(TextKey.make(w)) }
        for w in YAMLValue.strings(map["no_words"]) { noWords.insert(TextKey.make(w)) }
    }

    /// The shared vocabulary file alone (`importers/vocabulary.yaml`), as a profile that extends it starts from.
    public static func load(url: URL) throws -> Vocabulary {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { throw UserError("cannot read the vocabulary \(url.path)") }
        let map: [String: Any]
        do { map = (try Yams.load(yaml: text) as? [String: Any]) ?? [:] } catch { throw UserError("\(url.lastPathComponent) is not valid YAML: \(error)") }
        var v = Vocabulary()
        try v.merge(yaml: map, source: url.lastPathComponent)
        v.finishLoading()
        return v
    }

    /// The canonical manufacturer for a name: an exact alias, else the longest alias that starts the name
    /// ("Siemens Healthcare GmbH" → "Siemens Healthineers"); unknown names are returned as given.
    public func manufacturer(_ given: String) -> String {
        let key = TextKey.make(given)
        if let c = manufacturerAliases[key] { return c }
        if let c = manufacturerPrefix(of: key)?.canonical { return c }
        return given
    }

    /// The longest alias that is a whole-word prefix of `key`, with its length in characters.
    func manufacturerPrefix(of key: String) -> (canonical: String, aliasLength: Int)? {
        let words = key.split(separator: " ")
        var best: (String, Int)?
        for n in stride(from: min(words.count, 4), through: 1, by: -1) {
            let prefix = words[0..<n].joined(separator: " ")
            if let c = manufacturerAliases[prefix] { best = (c, prefix.count); break }
        }
        return best
    }

    /// The verdict for a piece of descriptive text.
    public enum ModalityVerdict: Sendable, Equatable {
        case imaging(Modality)
        case nonImaging(keyword: String)
        case unrecognised
    }

    /// Classifies text: a non-imaging keyword wins; else the first rule with a matching keyword and no
    /// matching negative keyword.
    public func classify(_ text: String) -> ModalityVerdict {
        let key = TextKey.make(text)
        if key.isEmpty { return .unrecognised }
        let index = phraseIndex ?? Vocabulary.buildIndex(nonImaging: nonImagingKeywords, rules: modalityRules)
        // Tags: -1 - k for non-imaging keyword k; 2r for rule r's keywords, 2r + 1 for its negatives.
        var nonImagingHit: Int?
        var positive = [Bool](repeating: false, count: modalityRules.count)
        var negative = positive
        index.forEachMatch(in: key) { tag in
            if tag < 0 { if nonImagingHit == nil { nonImagingHit = -1 - tag } } else if tag % 2 == 0 { positive[tag / 2] = true } else { negative[tag / 2] = true }
        }
        if let k = nonImagingHit { return .nonImaging(keyword: nonImagingKeywords[k]) }
        for r in modalityRules.indices where positive[r] && !negative[r] { return .imaging(modalityRules[r].modality) }
        return .unrecognised
    }

    /// The keyword index, built once after loading (see `finishLoading`).
    var phraseIndex: PhraseIndex?

    /// Builds the keyword index; called by the profile loader once all merges are done.
    mutating func finishLoading() { phraseIndex = Vocabulary.buildIndex(nonImaging: nonImagingKeywords, rules: modalityRules) }

    static func buildIndex(nonImaging: [String], rules: [ModalityRule]) -> PhraseIndex {
        var index = PhraseIndex()
        for (k, phrase) in nonImaging.enumerated() { index.add(phrase, tag: -1 - k) }
        for (r, rule) in rules.enumerated() {
            for p in rule.keywords { index.add(p, tag: 2 * r) }
            for p in rule.negativeKeywords { index.add(p, tag: 2 * r + 1) }
        }
        return index
    }

    /// The status for a word, or nil when the vocabulary does not know it.
    public func status(_ word: String) -> AssetStatus? { statusWords[TextKey.make(word)] }
}
