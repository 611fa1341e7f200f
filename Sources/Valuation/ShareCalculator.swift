import CapitalCore
import Foundation

/// Computes ownership shares from valued contributions, by any method.
///
/// Exact shares are ratios in `Decimal`; rounded percentages come from `Apportionment.percentUnits`,
/// so they sum to exactly 100.00% with ties broken by larger share, then trust code. A method whose
/// figures are all zero (say no trust gave its pay cost) is an error naming the missing field.
public enum ShareCalculator {
    /// The shares of every trust in `valuations` under `method` (a blend needs `weights`), sorted by trust code.
    /// Throws a `UserError` when there are no trusts, a blend has no weights, or every trust's figure for the method is zero.
    public static func compute(_ valuations: [TrustValuation], method: ShareMethod,
                               weights: BlendWeights? = nil) throws -> ShareSet {
        let sorted = valuations.sorted { $0.trust < $1.trust }
        guard !sorted.isEmpty else { throw UserError("no trusts to compute shares for") }
        if method == .blend {
            guard let weights else {
                throw UserError("the blend method needs weights, e.g. contribution=0.5,volume=0.3,operating=0.2")
            }
            var blended = [Decimal](repeating: 0, count: sorted.count)
            for (m, w) in weights.weights {
                let part = try compute(sorted, method: m)
                for i in sorted.indices { blended[i] += w * part.trusts[i].share }
            }
            let units = try Apportionment.percentUnits(weights: blended)
            let trusts = sorted.indices.map {
                TrustShare(trust: sorted[$0].trust, value: nil, share: blended[$0], percentUnits: units[$0])
            }
            return ShareSet(method: .blend, weights: weights, trusts: trusts, total: nil)
        }
        let values = sorted.map { method.value(of: $0)! }
        if let i = values.firstIndex(where: { $0 < .zero }) {
            throw UserError("method \(method.rawValue): trust \(sorted[i].trust)'s \(fieldName(method)) is negative (\(values[i].formatted)); "
                            + "a share cannot be negative, so this method does not apply")
        }
        let total = try Valuer.checkedSum(values, "method \(method.rawValue): the trusts' \(fieldName(method))")
        guard total > .zero else {
            throw UserError("method \(method.rawValue): every trust's \(fieldName(method)) is zero, so there is nothing to share by; "
                            + "give it in the contributions file or choose another method")
        }
        let weightsDec = values.map { Decimal($0.value) }
        let units = try Apportionment.percentUnits(weights: weightsDec)
        let totalDec = Decimal(total.value)
        let trusts = sorted.indices.map {
            TrustShare(trust: sorted[$0].trust, value: values[$0], share: weightsDec[$0] / totalDec, percentUnits: units[$0])
        }
        return ShareSet(method: method, weights: nil, trusts: trusts, total: total)
    }

    /// Every method side by side: the base methods, then the blend when weights are given. A method
    /// that cannot be computed is reported in `unavailable` with the reason instead of failing the rest.
    public static func sideBySide(_ valuations: [TrustValuation], weights: BlendWeights? = nil) -> SharesReport {
        var sets: [ShareSet] = []
        var unavailable: [(method: ShareMethod, reason: String)] = []
        let methods = ShareMethod.baseMethods + (weights == nil ? [] : [.blend])
        for m in methods {
            do { sets.append(try compute(valuations, method: m, weights: weights)) }
            catch { unavailable.append((m, String(describing: error))) }
        }
        return SharesReport(valuations: valuations.sorted { $0.trust < $1.trust }, sets: sets, unavailable: unavailable)
    }

    static func fieldName(_ m: ShareMethod) -> String {
        switch m {
        case .contribution: return "contribution value"
        case .volume: return "activity (volume × price list)"
        case .pay: return "costs.pay"
        case .nonPay: return "costs.non_pay"
        case .operating: return "costs.operating"
        case .goingConcern: return "net assets (register book value + working capital − liabilities)"
        case .blend: return "blend"
        }
    }
}
