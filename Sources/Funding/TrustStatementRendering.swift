import CapitalCore
import Foundation

extension FundingRendering {
    // MARK: one trust's obligations (`capital calls statement --trust CODE`)

    /// One trust's obligations as CSV: a row per charge it shares (year, date, reference, kind, description,
    /// the whole charge as `call_amount`, the trust, its part as `amount`), amounts as pounds (`1234.56`).
    public static func trustCSV(_ s: FundingStatement, trust: String) -> String {
        CSVWriter.document(header: ["year", "date", "reference", "kind", "description", "call_amount", "trust", "amount", "early_exit_charge"],
                           rows: s.lines(for: trust).map { l in
                               [l.year, l.allocation.charge.date.iso, l.allocation.charge.reference,
                                l.allocation.charge.kind.rawValue, l.allocation.charge.description,
                                l.allocation.charge.amount.plain, trust, l.amount.plain,
                                s.exits.contains { $0.trust == trust && $0.isEarlyExitCharge(on: l.allocation.charge.date) } ? "true" : "false"]
                           })
    }

    /// One trust's obligations as JSON `{"trust", "lines": [{"year", "date", "reference", "kind", "description",
    /// "call_amount", "amount"}], "years": {year: amount}, "total"}`, amounts as strings of pounds.
    public static func trustJSON(_ s: FundingStatement, trust: String) throws -> String {
        struct Line: Encodable { var year, date, reference, kind, description, callAmount, amount: String
            enum CodingKeys: String, CodingKey { case year, date, reference, kind, description, callAmount = "call_amount", amount } }
        struct Doc: Encodable {
            var trust: String; var lines: [Line]; var years: [String: String]; var total: String; var earlyExitCharge: String
            enum CodingKeys: String, CodingKey { case trust, lines, years, total, earlyExitCharge = "early_exit_charge" }
        }
        return try encode(Doc(
            trust: trust,
            lines: s.lines(for: trust).map { l in
                Line(year: l.year, date: l.allocation.charge.date.iso, reference: l.allocation.charge.reference,
                     kind: l.allocation.charge.kind.rawValue, description: l.allocation.charge.description,
                     callAmount: l.allocation.charge.amount.plain, amount: l.amount.plain)
            },
            years: Dictionary(uniqueKeysWithValues: s.years.map { ($0, s.amount(trust: trust, year: $0).plain) }),
            total: s.total(trust: trust).plain, earlyExitCharge: s.earlyExitTotal(trust: trust).plain))
    }
}
