import CapitalCore
import Foundation
import Yams
import YAMLFiles

/// Parses a network's contributions file (YAML) into `Contributions`, refusing anything doubtful.
///
/// The rule: every error is a `UserError` naming the file and line, and the trust and field where
/// there is one — negative amounts, amounts with fractions of a penny, unknown keys, unknown or
/// unpriced modalities, malformed dates, trusts outside `knownTrusts`. An investment dated long before
/// formation is not an error: `Valuer` leaves it out with a note (the guidance's three-month rule). Numbers are read from the YAML text exactly; nothing passes through `Double`.
public enum ContributionsFile {
    static let topKeys = ["network", "formed", "discount_rate", "price_list", "trusts", "lifespan_years"]
    static let trustKeys = ["activity", "staff", "executive", "land", "investments", "it_equipment",
                            "working_capital", "stranded_costs", "costs", "imaging_equipment", "liabilities"]
    static let costKeys = ["pay", "non_pay", "operating"]
    static let investmentKeys = ["amount", "date", "description"]

    /// - Parameters:
    ///   - yaml: the file's text.
    ///   - fileName: the name used in messages.
    ///   - knownTrusts: when given, a trust code outside this set is an error (e.g. the network's members).
    public static func parse(yaml: String, fileName: String, knownTrusts: Set<String>? = nil) throws -> Contributions {
        let f = YAMLFields(fileName: fileName)
        let root = try YAMLFile.compose(yaml, fileName: fileName)
        let top = try f.entries(root)
        try f.checkKeys(top, allowed: topKeys, what: "the top level")
        func required(_ key: String) throws -> Node {
            guard let v = top.first(where: { $0.key == key })?.value else {
                throw UserError("\(fileName): missing `\(key):` at the top level")
            }
            return v
        }
        var network: String?
        if let n = top.first(where: { $0.key == "network" })?.value {
            network = try f.scalar(n, trust: nil, field: "network")
        }
        let formed = try f.date(try required("formed"), trust: nil, field: "formed")
        let rateNode = try required("discount_rate")
        let rate = try f.fraction(rateNode, trust: nil, field: "discount_rate")
        guard rate >= 0, rate < 1 else {
            throw f.error(rateNode, field: "discount_rate", "\(rate) is outside 0 to 1; write an annual rate such as 0.035")
        }
        var lifespan: Int?
        if let n = top.first(where: { $0.key == "lifespan_years" })?.value {
            let text = try f.scalar(n, trust: nil, field: "lifespan_years")
            guard let years = Int(text), (1...200).contains(years) else {
                throw f.error(n, field: "lifespan_years", "`\(text)` is not a whole number of years from 1 to 200")
            }
            lifespan = years
        }
        var prices: [Modality: Pence] = [:]
        for e in try f.entries(try required("price_list"), field: "price_list") {
            let m = try f.modality(e.keyNode, e.key, trust: nil, field: "price_list")
            prices[m] = try f.money(e.value, trust: nil, field: "price_list.\(e.key)")
        }
        var trusts: [TrustContribution] = []
        let trustsNode = try required("trusts")
        for e in try f.entries(trustsNode, field: "trusts") {
            guard isTrustCode(e.key) else {
                throw f.error(e.keyNode, trust: e.key, "a trust code is letters, digits, `-` or `_` (e.g. RAA)")
            }
            if let known = knownTrusts, !known.contains(e.key) {
                throw f.error(e.keyNode, trust: e.key,
                              "unknown trust; the network's trusts are \(known.sorted().joined(separator: ", "))")
            }
            let trust = try parseTrust(e.key, e.value, line: e.keyNode.mark?.line, formed: formed, prices: prices, f)
            // Checked here, where the file and line are known, rather than trapping when shares are computed.
            guard Valuer.checkedActivityValue(trust.activity, prices: prices) != nil else {
                throw f.error(e.keyNode, trust: e.key, field: "activity",
                              "activity × price list is more than £92 quadrillion; check the counts and the prices")
            }
            trusts.append(trust)
        }
        guard !trusts.isEmpty else { throw f.error(trustsNode, field: "trusts", "no trusts given") }
        return Contributions(network: network, formed: formed, discountRate: rate, priceList: prices, trusts: trusts,
                             lifespanYears: lifespan)
    }

    static func parseTrust(_ code: String, _ node: Node, line: Int?, formed: CalendarDate,
                           prices: [Modality: Pence], _ f: YAMLFields) throws -> TrustContribution {
        var t = TrustContribution(code: code, line: line)
        let entries = try f.entries(node, trust: code)
        try f.checkKeys(entries, allowed: trustKeys, trust: code, what: "trust \(code)")
        for e in entries {
            switch e.key {
            case "activity":
                for a in try f.entries(e.value, trust: code, field: "activity") {
                    let m = try f.modality(a.keyNode, a.key, trust: code, field: "activity")
                    guard prices[m] != nil else {
                        throw f.error(a.keyNode, trust: code, field: "activity.\(a.key)",
                                      "no price for \(m.rawValue) in price_list; add one or remove this line")
                    }
                    t.activity[m] = try f.count(a.value, trust: code, field: "activity.\(a.key)")
                }
            case "staff": t.staff = try f.money(e.value, trust: code, field: e.key)
            case "executive": t.executive = try f.money(e.value, trust: code, field: e.key)
            case "land": t.land = try f.money(e.value, trust: code, field: e.key)
            case "it_equipment": t.itEquipment = try f.money(e.value, trust: code, field: e.key)
            case "working_capital": t.workingCapital = try f.money(e.value, trust: code, field: e.key)
            case "stranded_costs": t.strandedCosts = try f.money(e.value, trust: code, field: e.key)
            case "liabilities": t.liabilities = try f.money(e.value, trust: code, field: e.key)
            case "imaging_equipment": t.imagingEquipmentOverride = try f.money(e.value, trust: code, field: e.key)
            case "costs":
                let costs = try f.entries(e.value, trust: code, field: "costs")
                try f.checkKeys(costs, allowed: costKeys, trust: code, field: "costs", what: "costs")
                for c in costs {
                    let v = try f.money(c.value, trust: code, field: "costs.\(c.key)")
                    switch c.key {
                    case "pay": t.costs.pay = v
                    case "non_pay": t.costs.nonPay = v
                    default: t.costs.operating = v
                    }
                }
            case "investments":
                guard case .sequence(let items) = e.value else {
                    throw f.error(e.value, trust: code, field: "investments",
                                  "expected a list of `- {amount: …, date: YYYY-MM-DD}` items")
                }
                for (i, item) in items.enumerated() {
                    let field = "investments[\(i + 1)]"
                    let fields = try f.entries(item, trust: code, field: field)
                    try f.checkKeys(fields, allowed: investmentKeys, trust: code, field: field, what: "an investment")
                    guard let amountNode = fields.first(where: { $0.key == "amount" })?.value,
                          let dateNode = fields.first(where: { $0.key == "date" })?.value else {
                        throw f.error(item, trust: code, field: field, "an investment needs both `amount` and `date`")
                    }
                    let amount = try f.money(amountNode, trust: code, field: "\(field).amount")
                    let date = try f.date(dateNode, trust: code, field: "\(field).date")
                    t.investments.append(Investment(amount: amount, date: date, line: item.mark?.line))
                }
            default: break
            }
        }
        return t
    }

    static func isTrustCode(_ s: String) -> Bool {
        !s.isEmpty && s.count <= 32 && s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }
}
