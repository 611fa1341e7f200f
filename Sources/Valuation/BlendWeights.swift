import CapitalCore
import Foundation

/// The weights of a blended share method, normalised so they sum to exactly one.
///
/// Users give relative, non-negative weights over the base methods (`contribution=0.5,volume=0.3,
/// operating=0.2`, or `contribution=2,volume=1`); each is divided by their sum, and the effective
/// weights are printed with the result so a typo that does not add to 1 is visible, not silent.
/// A method named twice, a negative weight, or weights that are all zero is an error.
public struct BlendWeights: Sendable, Equatable {
    /// Normalised weights, in `ShareMethod.baseMethods` order, zero weights dropped.
    public let weights: [(method: ShareMethod, weight: Decimal)]
    /// The weights as the user gave them, before normalising.
    public let given: [(method: ShareMethod, weight: Decimal)]

    /// Normalises relative weights over the base methods; throws a `UserError` for a weight on `blend`, a method given twice, a negative weight or weights summing to zero.
    public init(_ given: [(ShareMethod, Decimal)]) throws {
        var seen: Set<ShareMethod> = []
        for (m, w) in given {
            guard m != .blend else { throw UserError("a blend cannot weight itself; weight contribution, volume, pay, non-pay, operating or going-concern") }
            guard seen.insert(m).inserted else { throw UserError("blend weight for `\(m.rawValue)` given twice") }
            guard w >= 0 else { throw UserError("blend weight for `\(m.rawValue)` is negative (\(w)); weights must be zero or more") }
        }
        let sum = given.reduce(Decimal(0)) { $0 + $1.1 }
        guard sum > 0 else { throw UserError("blend weights add up to zero; give at least one positive weight") }
        let ordered = given.sorted { ShareMethod.baseMethods.firstIndex(of: $0.0)! < ShareMethod.baseMethods.firstIndex(of: $1.0)! }
        self.given = ordered.map { (method: $0.0, weight: $0.1) }
        self.weights = ordered.filter { $0.1 > 0 }.map { (method: $0.0, weight: $0.1 / sum) }
    }

    /// Parses `contribution=0.5,volume=0.3,operating=0.2` (method names as `ShareMethod.parse` takes them).
    public static func parse(_ text: String) throws -> BlendWeights {
        var pairs: [(ShareMethod, Decimal)] = []
        for part in text.split(separator: ",") {
            let kv = part.split(separator: "=", omittingEmptySubsequences: false)
            guard kv.count == 2 else { throw UserError("blend weight `\(part)` is not METHOD=WEIGHT (e.g. contribution=0.5)") }
            let method = try ShareMethod.parse(String(kv[0]))
            let wText = kv[1].trimmingCharacters(in: .whitespaces)
            guard !wText.isEmpty, wText.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }),
                  let w = Decimal(string: wText, locale: Locale(identifier: "en_US_POSIX")) else {
                throw UserError("blend weight `\(kv[1])` for \(kv[0]) is not a number")
            }
            pairs.append((method, w))
        }
        guard !pairs.isEmpty else { throw UserError("no blend weights given; e.g. contribution=0.5,volume=0.5") }
        return try BlendWeights(pairs)
    }

    /// `contribution=0.5, volume=0.3, operating=0.2` (normalised).
    public var summary: String {
        weights.map { "\($0.method.rawValue)=\(ShareText.exact($0.weight))" }.joined(separator: ", ")
    }

    /// Equal when the normalised weights are the same, whatever scale they were given in.
    public static func == (a: BlendWeights, b: BlendWeights) -> Bool {
        a.weights.map(\.method) == b.weights.map(\.method) && a.weights.map(\.weight) == b.weights.map(\.weight)
    }
}
