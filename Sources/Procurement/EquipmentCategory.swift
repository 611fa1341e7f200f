import Foundation
import CapitalCore

/// What a lot buys: a modality and, where the register knows it, a specification class (e.g. `128-slice`,
/// `1.5T`, `3T`). Units of one category are interchangeable for a single tender.
///
/// Rule kept: a unit whose specification is unknown is in the category `(modality, nil)`, never merged into a
/// known class; categories order by modality, then known classes alphabetically, then unknown.
public struct EquipmentCategory: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var modality: Modality
    /// The specification class, nil when the register does not say.
    public var specification: String?

    public init(modality: Modality, specification: String? = nil) {
        self.modality = modality
        let trimmed = specification?.trimmingCharacters(in: .whitespaces)
        self.specification = (trimmed?.isEmpty ?? true) ? nil : trimmed
    }

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
