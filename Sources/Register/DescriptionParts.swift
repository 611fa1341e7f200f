import CapitalCore

/// What a finance description such as "SIEMENS CT SOMATOM DEF AS+ S/N 60123" embeds: the manufacturer
/// (a known alias at the start), the serial (the word after a marker such as `S/N`), and the rest as the
/// model text (kept as written; it may still include the modality word).
struct DescriptionParts {
    var manufacturer: String?
    var serial: String?
    var model: String?

    init(_ description: String, vocabulary: Vocabulary, serialMarkers: [String]) {
        var words = description.split(separator: " ")
        var keys = words.map { TextKey.make($0) }
        // Serial: the word after a one- or two-word marker ("S/N", "SER NO").
        var i = 0
        while i < words.count {
            if i + 2 < words.count, !keys[i].isEmpty, serialMarkers.contains(keys[i] + " " + keys[i + 1]) {
                serial = String(words[i + 2]); words.removeSubrange(i...(i + 2)); keys.removeSubrange(i...(i + 2)); break
            }
            if i + 1 < words.count, serialMarkers.contains(keys[i]) {
                serial = String(words[i + 1]); words.removeSubrange(i...(i + 1)); keys.removeSubrange(i...(i + 1)); break
            }
            if words[i].count > 4, words[i].uppercased().hasPrefix("S/N:") {
                serial = String(words[i].dropFirst(4)); words.remove(at: i); keys.remove(at: i); break
            }
            i += 1
        }
        // Manufacturer: the longest alias made of the first one to four words.
        for n in stride(from: min(4, words.count), through: 1, by: -1) {
            if vocabulary.manufacturerAliases[keys[0..<n].joined(separator: " ")] != nil {
                manufacturer = words[0..<n].joined(separator: " ")
                words.removeFirst(n)
                break
            }
        }
        model = words.isEmpty ? nil : words.joined(separator: " ")
    }
}
