/// A fast whole-word phrase matcher for the modality keywords: phrases are indexed by their first word,
/// so classifying a text costs one dictionary lookup per word of the text instead of one substring
/// search per keyword. Each phrase carries an opaque tag (which rule, positive or negative).
struct PhraseIndex: Sendable {
    private var byFirstWord: [Substring: [(rest: [Substring], tag: Int)]] = [:]

    mutating func add(_ phraseKey: String, tag: Int) {
        let words = phraseKey.split(separator: " ")
        guard let first = words.first else { return }
        byFirstWord[first, default: []].append((Array(words.dropFirst()), tag))
    }

    /// Calls `hit` with the tag of every phrase occurring in `key` (a `TextKey`), on word boundaries.
    func forEachMatch(in key: String, _ hit: (Int) -> Void) {
        let words = key.split(separator: " ")
        for (i, w) in words.enumerated() {
            guard let candidates = byFirstWord[w] else { continue }
            for c in candidates where i + c.rest.count < words.count || c.rest.isEmpty {
                var ok = true
                for (k, r) in c.rest.enumerated() where i + 1 + k >= words.count || words[i + 1 + k] != r { ok = false; break }
                if ok { hit(c.tag) }
            }
        }
    }
}
