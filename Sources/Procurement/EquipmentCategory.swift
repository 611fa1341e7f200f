import Foundation
import CapitalCore

/// What a lot buys: a modality and, where the register knows it, a specification class (e.g. `128-slice`,
/// `1.5T`, `3T`). Units of one category are interchangeable for a single tender.
///
/// Rule kept: a unit whose specification is unknown is in the category `(modality, nil)`, never merged into a
/// known class; categories order by modality, then known classes alphabetically, then unknown.
public struct EquipmentCategory: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The kind of equipment.
    public let modality: Modality
    /// The specification class, nil when the register does not say.
    public let specification: String?

    /// A category; a blank specification counts as unknown (`nil`), and surrounding spaces are trimmed.
    public init(modality: Modality, specification: String? = nil) {
        self.modality = modality
        let trimmed = specification?.trimmingCharacters(in: .whitespaces)
        self.specification = (trimmed?.isEmpty ?? true) ? nil : trimmed
    }

    /// Modality order first, then known classes alphabetically, then the unknown class.
    public static func < (a: EquipmentCategory, b: EquipmentCategory) -> Bool {
        if a.modality != b.modality { return a.modality < b.modality }
        switch (a.specification, b.specification) {
        case let (x?, y?): return x < y
        case (.some, nil): return true
        default: return false
        }
    }

    /// `CT` or `CT (128-slice)`.
    public var description: String {
        specification.map { "\(modality.rawValue) (\($0))" } ?? modality.rawValue
    }
}
