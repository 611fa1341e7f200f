import Foundation

/// Why a model could not be read or accepted. Each case names the item, option and resource concerned, so the
/// message can be shown to the person who prepared the data.
public enum ModelError: Error, Equatable, Sendable, CustomStringConvertible {
    case malformed(String)
    case nonIntegerLimit(resource: String)
    case nonIntegerUse(item: String, option: String, resource: String)
    case duplicateResource(String)
    case duplicateItem(String)
    case duplicateOption(item: String, option: String)
    case unknownResource(item: String, option: String, resource: String)
    case negativeUse(item: String, option: String, resource: String)
    case invalidPenalty(item: String, option: String)
    case usesTooLarge(resource: String)

    /// The message for the person who prepared the model, naming the item, option and resource concerned.
    public var description: String {
        switch self {
        case .malformed(let text):
            return "model JSON is malformed: \(text)"
        case .nonIntegerLimit(let resource):
            return "resource \(resource): limit must be a whole number (an exact integer amount)"
        case .nonIntegerUse(let item, let option, let resource):
            return "item \(item), option \(option): use of resource \(resource) must be a whole number"
        case .duplicateResource(let id):
            return "resource \(id) is declared more than once"
        case .duplicateItem(let id):
            return "item \(id) is declared more than once"
        case .duplicateOption(let item, let option):
            return "item \(item) has two options labelled \(option)"
        case .unknownResource(let item, let option, let resource):
            return "item \(item), option \(option): uses resource \(resource), which is not declared"
        case .negativeUse(let item, let option, let resource):
            return "item \(item), option \(option): use of resource \(resource) is negative"
        case .invalidPenalty(let item, let option):
            return "item \(item), option \(option): penalty must be a finite number"
        case .usesTooLarge(let resource):
            return "resource \(resource): uses are too large to add up exactly in 64-bit integers"
        }
    }
}
