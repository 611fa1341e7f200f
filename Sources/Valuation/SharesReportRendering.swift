import CapitalCore
import Foundation

/// The output formats of a `SharesReport`: the methods side by side as a table or CSV, and JSON.
///
/// Table and CSV have one row per trust: the nine valued categories, the contribution total, and
/// each computed method's rounded percent (CSV adds each exact share). JSON holds, per method and
/// per trust, the categories the method used, the total, the exact share and the percent, all as
/// strings so no reader meets a binary float. Every percent column sums to exactly 100.00.
extension SharesReport {
    /// Text for people, fitting 100 columns: first the shares each method gives (the contribution total beside
    /// them), then the contributions by category in as many tables as the width needs (each repeats the trust
    /// column), each with a total row; the notes below. CSV and JSON keep every column in one row per trust.
    public func renderTable(width: Int = 100) -> String {
        var out: [String] = []
        if let formed { out.append("formed \(formed.iso)" + (asOf.map { $0 == formed ? "" : ", valued as of \($0.iso)" } ?? "")) }
        // The heading says "(%)": the methods' titles without their " %" keep the table within 100 columns.
        var shares = TextTable(header: ["Trust", "Contributions"] + sets.map { $0.method.title.replacingOccurrences(of: " %", with: "") })
        for v in valuations {
            shares.append([v.trust, v.total.formatted] + sets.map { $0.share(of: v.trust)?.percent ?? "" })
        }
        let sums = ValuationCategory.allCases.map { c in valuations.reduce(Pence.zero) { $0 + $1[c] } }
        shares.append(["Total", sums.reduce(.zero, +).formatted]
                      + sets.map { s in Apportionment.formatUnits(s.trusts.reduce(0) { $0 + $1.percentUnits }) })
        out.append("Shares by method (%)\n" + shares.render())
        // Category columns, grouped greedily so no table is wider than `width`.
        let columns: [[String]] = ValuationCategory.allCases.enumerated().map { i, c in
            [c.title] + valuations.map { $0[c].formatted } + [sums[i].formatted]
        }
        let trustColumn = ["Trust"] + valuations.map(\.trust) + ["Total"]
        func cellWidth(_ column: [String]) -> Int { column.map(\.count).max() ?? 0 }
        var groups: [[[String]]] = [], current: [[String]] = [], used = cellWidth(trustColumn)
        for column in columns {
            let w = cellWidth(column) + 2
            if !current.isEmpty && used + w > width { groups.append(current); current = []; used = cellWidth(trustColumn) }
            current.append(column); used += w
        }
        if !current.isEmpty { groups.append(current) }
        for (n, group) in groups.enumerated() {
            var table = TextTable(header: [trustColumn[0]] + group.map { $0[0] })
            for row in 1..<trustColumn.count { table.append([trustColumn[row]] + group.map { $0[row] }) }
            out.append("Contributions by category (£)" + (groups.count > 1 ? ", \(n + 1) of \(groups.count)" : "") + "\n" + table.render())
        }
        var result = out.joined(separator: "\n")
        if !notes.isEmpty { result += (result.hasSuffix("\n") ? "" : "\n") + notes.joined(separator: "\n") + "\n" }
        return result
    }

    /// CSV: one row per trust with the nine categories and total in pounds, then each method's exact share and percent.
    public func renderCSV() -> String {
        let header = ["trust"] + ValuationCategory.allCases.map(\.key) + ["contribution_total"]
            + sets.flatMap { ["\($0.method.rawValue)_share", "\($0.method.rawValue)_percent"] }
        let rows = valuations.map { v in
            [v.trust] + ValuationCategory.allCases.map { v[$0].plain } + [v.total.plain]
                + sets.flatMap { s -> [String] in
                    guard let t = s.share(of: v.trust) else { return ["", ""] }
                    return [t.shareText, t.percent]
                }
        }
        return CSVWriter.document(header: header, rows: rows)
    }

    /// The JSON document `SharesFile` in Funding reads: per method, each trust's inputs, total, exact share and percent, all as strings.
    public func renderJSON() throws -> String {
        let doc = SharesJSON(
            formed: formed?.iso, asOf: asOf?.iso, discountRate: discountRate.map(ShareText.exact),
            methods: sets.map { s in
                SharesJSON.Method(
                    method: s.method.rawValue, total: s.total?.plain,
                    weights: s.weights.map { w in Dictionary(uniqueKeysWithValues: w.weights.map { ($0.method.rawValue, ShareText.exact($0.weight)) }) },
                    trusts: s.trusts.map { t in
                        SharesJSON.Trust(trust: t.trust, categories: categories(for: s.method, trust: t.trust),
                                         total: t.value?.plain, share: t.shareText, percent: t.percent)
                    })
            },
            unavailable: unavailable.map { SharesJSON.Unavailable(method: $0.method.rawValue, reason: $0.reason) },
            notes: notes)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(doc), as: UTF8.self) + "\n"
    }

    /// The inputs a method divides, per trust: the nine categories for contribution, the single figure otherwise.
    func categories(for method: ShareMethod, trust: String) -> [String: String] {
        guard let v = valuations.first(where: { $0.trust == trust }) else { return [:] }
        switch method {
        case .contribution: return Dictionary(uniqueKeysWithValues: ValuationCategory.allCases.map { ($0.key, v[$0].plain) })
        case .volume: return ["activity": v[.activity].plain]
        case .pay: return ["pay": v.costs.pay.plain]
        case .nonPay: return ["non_pay": v.costs.nonPay.plain]
        case .operating: return ["operating": v.costs.operating.plain]
        case .goingConcern:
            return ["imaging_equipment": v[.imagingEquipment].plain, "working_capital": v[.workingCapital].plain,
                    "liabilities": v.liabilities.plain, "net_assets": v.netAssets.plain]
        case .blend:
            var out: [String: String] = [:]
            for s in sets where s.method != .blend { if let t = s.share(of: trust) { out["\(s.method.rawValue)_share"] = t.shareText } }
            return out
        }
    }
}

/// The JSON document of a shares report (`capital shares compute --format json`), also read by Funding.
struct SharesJSON: Codable {
    struct Trust: Codable {
        var trust: String
        var categories: [String: String]
        var total: String?
        var share: String
        var percent: String
    }
    struct Method: Codable {
        var method: String
        var total: String?
        var weights: [String: String]?
        var trusts: [Trust]
    }
    struct Unavailable: Codable {
        var method: String
        var reason: String
    }
    var formed: String?
    var asOf: String?
    var discountRate: String?
    var methods: [Method]
    var unavailable: [Unavailable]
    /// Warnings and per-trust notes (e.g. investments left out and why); absent in documents written before them.
    var notes: [String]? = nil

    enum CodingKeys: String, CodingKey {
        case formed, asOf = "as_of", discountRate = "discount_rate", methods, unavailable, notes
    }
}
