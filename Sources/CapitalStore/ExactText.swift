import CapitalCore
import Foundation
import Postgres
import Register

/// Text compared and hashed by its UTF-8 bytes, as PostgreSQL compares `text` under the C collation:
/// two spellings that Swift's `String ==` finds canonically equivalent stay two.
struct ExactText: Hashable {
    let text: String
    init(_ text: String) { self.text = text }

    static func == (a: ExactText, b: ExactText) -> Bool { a.text.utf8.elementsEqual(b.text.utf8) }

    func hash(into hasher: inout Hasher) {
        var t = text
        t.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
