import CapitalCore

/// A way of turning trusts' figures into ownership shares; boards compute several and compare them.
///
/// `contribution` is the sum of the nine valued categories; `volume` the activity at the common
/// price list; `pay`, `non-pay` and `operating` the three cost bases (each its own method);
/// `going-concern` the trust's net assets as a going concern (register book value of its imaging equipment +
/// working capital − liabilities, Lifecycle's "valuation as a going concern (assets, liabilities, etc)");
/// `blend` a weighted mix of the others' exact shares. `cost-base` is accepted as another name
/// for `operating` (total operating cost: the widest cost base, which includes pay and non-pay).
public enum ShareMethod: String, CaseIterable, Sendable, Codable {
    case contribution
    case volume
    case pay
    case nonPay = "non-pay"
    case operating
    case goingConcern = "going-concern"
    case blend

    /// The methods a blend can weight (all but `blend`).
    public static let baseMethods: [ShareMethod] = [.contribution, .volume, .pay, .nonPay, .operating, .goingConcern]

    /// Column heading for tables.
    public var title: String {
        switch self {
        case .contribution: return "Contribution %"
        case .volume: return "Volume %"
        case .pay: return "Pay %"
        case .nonPay: return "Non-pay %"
        case .operating: return "Operating %"
        case .goingConcern: return "Going concern %"
        case .blend: return "Blend %"
        }
    }

    /// Parses a method name as typed on the command line (`non-pay`, `non_pay`, `cost-base`, any case).
    public static func parse(_ text: String) throws -> ShareMethod {
        let t = text.lowercased().replacingOccurrences(of: "_", with: "-").trimmingCharacters(in: .whitespaces)
        if t == "cost-base" || t == "costbase" { return .operating }
        if t == "nonpay" { return .nonPay }
        if t == "goingconcern" { return .goingConcern }
        guard let m = ShareMethod(rawValue: t) else {
            throw UserError("unknown share method `\(text)`; use one of: \(allCases.map(\.rawValue).joined(separator: ", ")), cost-base")
        }
        return m
    }

    /// The figure a value-based method reads for a trust (nil for `blend`, which has no value of its own).
    public func value(of v: TrustValuation) -> Pence? {
        switch self {
        case .contribution: return v.total
        case .volume: return v[.activity]
        case .pay: return v.costs.pay
        case .nonPay: return v.costs.nonPay
        case .operating: return v.costs.operating
        case .goingConcern: return v.netAssets
        case .blend: return nil
        }
    }
}
