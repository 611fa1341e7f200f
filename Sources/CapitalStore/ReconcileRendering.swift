import CapitalCore
import Foundation
import Reconciliation
import Spreadsheets

/// `capital reconcile`'s output: a summary per trust and every line (matched pairs with their differences, CMMS
/// only, finance only, ambiguous groups), as a table, CSV, JSON or a workbook.
public enum ReconcileRendering {
    static let columns = ["trust", "category", "asset_tag", "asset_number", "rule", "confidence", "group", "cmms_cost", "finance_cost",
                          "cost_difference", "cmms_date", "finance_date", "days_difference", "cmms_site", "finance_site", "description"]

    /// Every line of every trust.
    package static func lines(_ trusts: [TrustReconciliation]) -> Tabular {
        Tabular(columns: columns, rows: trusts.flatMap { $0.lines.map(cells) },
                numericColumns: ["group", "days_difference"], moneyColumns: ["cmms_cost", "finance_cost", "cost_difference"],
                optionalColumns: ["cmms_date", "finance_date", "cmms_cost", "finance_cost", "group", "confidence", "trust", "description",
                                  "days_difference", "finance_site", "cmms_site"],
                trimmableColumns: ["description"],
                tableTitles: ["asset_number": "finance no", "cost_difference": "cost diff", "days_difference": "days", "asset_tag": "tag",
                              "cmms_site": "site", "finance_site": "fin site"])
    }

    static func cells(_ l: ReconcileLine) -> [String?] {
        [l.trust, l.category.rawValue, l.assetTag, l.assetNumber, l.rule, l.confidence, l.group.map(String.init), l.cmmsCost?.plain,
         l.financeCost?.plain, l.costDifference?.plain, l.cmmsDate?.iso, l.financeDate?.iso, l.dateDifferenceDays.map(String.init),
         l.cmmsSite, l.financeSite, l.description]
    }

    /// One row per trust: counts, match rate, and the value of what only one list has.
    package static func summary(_ trusts: [TrustReconciliation]) -> Tabular {
        Tabular(columns: ["trust", "assets", "finance", "matched", "cmms_only", "finance_only", "ambiguous", "match_rate",
                          "finance_only_value", "cmms_only_value"],
                rows: trusts.map { t in
                    [t.trust, String(t.assets), String(t.financeRecords), String(t.count(.matched)), String(t.count(.cmmsOnly)),
                     String(t.count(.financeOnly)), String(t.count(.ambiguous)), matchRate(t), t.value(.financeOnly).plain,
                     t.value(.cmmsOnly).plain]
                },
                numericColumns: ["assets", "finance", "matched", "cmms_only", "finance_only", "ambiguous"],
                moneyColumns: ["finance_only_value", "cmms_only_value"], percentColumns: ["match_rate"],
                optionalColumns: ["ambiguous", "assets"],
                tableTitles: ["finance_only_value": "fin-only £", "cmms_only_value": "cmms-only £", "finance_only": "fin only",
                              "cmms_only": "cmms only", "match_rate": "match %", "finance": "records", "ambiguous": "ambig"])
    }

    /// Matched finance records over all finance records (1 when there are none), as an exact decimal fraction.
    public static func matchRate(_ t: TrustReconciliation) -> String {
        guard t.financeRecords > 0 else { return "1" }
        return "\(Decimal(t.count(.matched)) / Decimal(t.financeRecords))"
    }

    static func proposals(_ trusts: [TrustReconciliation]) -> [String] {
        trusts.flatMap { t in
            t.aliasProposals.map {
                "proposed: capital site alias --trust \(t.trust) \($0.financeSite) \"\($0.assetSite)\"   (\($0.pairs) matched pair(s) name both)"
            }
        }
    }

    /// The summary and every line as aligned tables, then the proposed site aliases.
    public static func table(_ trusts: [TrustReconciliation]) -> String {
        var out = summary(trusts).render(.table) + "\n" + lines(trusts).render(.table)
        let p = proposals(trusts)
        if !p.isEmpty { out += "\n" + p.joined(separator: "\n") + "\n" }
        return out
    }

    /// Every line as CSV (formula-looking cells defused).
    public static func csv(_ trusts: [TrustReconciliation]) -> String { lines(trusts).render(.csv) }

    struct Document: Encodable {
        struct TrustPart: Encodable {
            let trust: String, assets: Int, financeRecords: Int, matched: Int, cmmsOnly: Int, financeOnly: Int, ambiguous: Int
            let matchRate: String, financeOnlyValue: Pence, cmmsOnlyValue: Pence, seconds: Double
            let aliasProposals: [Proposal]
            let lines: [ReconcileLine]
        }
        struct Proposal: Encodable { let financeSite: String, assetSite: String, pairs: Int }
        let trusts: [TrustPart]
    }

    /// One JSON document: `trusts`, each with its counts, values, alias proposals and lines (docs/json.md).
    public static func json(_ trusts: [TrustReconciliation]) throws -> String {
        let doc = Document(trusts: trusts.map { t in
            Document.TrustPart(trust: t.trust, assets: t.assets, financeRecords: t.financeRecords, matched: t.count(.matched),
                               cmmsOnly: t.count(.cmmsOnly), financeOnly: t.count(.financeOnly), ambiguous: t.count(.ambiguous),
                               matchRate: matchRate(t), financeOnlyValue: t.value(.financeOnly), cmmsOnlyValue: t.value(.cmmsOnly),
                               seconds: (t.seconds * 1000).rounded() / 1000,
                               aliasProposals: t.aliasProposals.map { .init(financeSite: $0.financeSite, assetSite: $0.assetSite, pairs: $0.pairs) },
                               lines: t.lines)
        })
        let e = JSONEncoder()
        e.keyEncodingStrategy = .convertToSnakeCase
        e.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try e.encode(doc), as: UTF8.self) + "\n"
    }

    /// A workbook: the summary sheet and the lines sheet, money as money cells and dates as dates.
    public static func xlsx(_ trusts: [TrustReconciliation], to url: URL) throws {
        let w = try XLSXWriter(url: url)
        for (name, t) in [("Summary", summary(trusts)), ("Lines", lines(trusts))] {
            try w.beginSheet(name)
            try w.appendHeader(t.columns)
            for row in t.rows {
                try w.appendRow(zip(t.columns, row).map { column, cell in
                    guard let cell else { return .empty }
                    if t.moneyColumns.contains(column), let p = Pence(pounds: cell) { return .money(p) }
                    if t.percentColumns.contains(column) { return .percent(cell) }
                    if t.numericColumns.contains(column) { return .number(cell) }
                    if column.hasSuffix("_date"), let d = CalendarDate(iso: cell) { return .date(d) }
                    return .text(cell)
                })
            }
            try w.endSheet()
        }
        try w.close()
    }
}
