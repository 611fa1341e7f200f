import CapitalCore
import Foundation

/// Text, CSV and JSON forms of an apportionment and of funding statements, so the CLI stays thin.
///
/// Amounts are printed exactly: `£1,234.56` in tables, `1234.56` in CSV and JSON (JSON amounts are
/// strings so no reader meets a binary float). Every table ends in a total row that equals the sum above it.
public enum FundingRendering {
    // MARK: apportionment of one amount (`capital calls apportion`)

    /// A text table of each trust's share and amount, with a total row equal to `amount` and the share method below.
    public static func apportionmentTable(amount: Pence, shares: OwnershipShares, parts: [(trust: String, amount: Pence)]) -> String {
        var t = TextTable(header: ["Trust", "Share", "Amount"])
        for p in parts {
            let share = exact(shares.share(of: p.trust) ?? 0)
            t.append([p.trust, Tabular.percent(share, decimals: 4) ?? share, p.amount.formatted])
        }
        // People read shares as percentages (4 decimals); the exact ratios are in the CSV and JSON. Rounded
        // percentages need not add to 100.0000%: the amounts, which are exact, are what must add up.
        t.append(["Total", "100%", parts.reduce(Pence.zero) { $0 + $1.amount }.formatted])
        if let m = shares.method { t.footer.append("shares: \(m) method") }
        return t.render()
    }

    /// CSV with columns trust, share, amount (pounds, `1234.56`), one row per part, no total row.
    public static func apportionmentCSV(shares: OwnershipShares, parts: [(trust: String, amount: Pence)]) -> String {
        CSVWriter.document(header: ["trust", "share", "amount"],
                           rows: parts.map { [$0.trust, exact(shares.share(of: $0.trust) ?? 0), $0.amount.plain] })
    }

    /// JSON `{"amount", "method", "parts": [{"trust", "share", "amount"}]}`, amounts as strings of pounds.
    public static func apportionmentJSON(amount: Pence, shares: OwnershipShares, parts: [(trust: String, amount: Pence)]) throws -> String {
        struct Part: Encodable { var trust: String; var share: String; var amount: String }
        struct Doc: Encodable { var amount: String; var method: String?; var parts: [Part] }
        return try encode(Doc(amount: amount.plain, method: shares.method,
                              parts: parts.map { Part(trust: $0.trust, share: exact(shares.share(of: $0.trust) ?? 0), amount: $0.amount.plain) }))
    }

    // MARK: statements

    /// The network view: one row per trust, one column per year, totals on both edges.
    public static func networkTable(_ s: FundingStatement) -> String {
        let years = s.years
        var t = TextTable(header: ["Trust"] + years + ["Total"])
        for trust in s.trusts {
            t.append([trust] + years.map { s.amount(trust: trust, year: $0).formatted } + [s.total(trust: trust).formatted])
        }
        t.append(["Total"] + years.map { s.total(year: $0).formatted } + [s.grandTotal.formatted])
        for a in s.allocations where !a.excluded.isEmpty {
            t.footer.append("\(a.charge.reference) (\(a.charge.date.iso)) excludes \(a.excluded.joined(separator: ", ")): exit in effect")
        }
        t.footer += earlyExitNotes(s)
        return t.render()
    }

    /// One trust's obligations: a line per charge grouped by year, a subtotal per year, a total.
    public static func trustTable(_ s: FundingStatement, trust: String) -> String {
        var t = TextTable(header: ["Year", "Date", "Reference", "Kind", "Charge", "Share of charge"],
                          alignments: [.left, .left, .left, .left, .right, .right])
        let lines = s.lines(for: trust)
        for y in s.years {
            let inYear = lines.filter { $0.year == y }
            guard !inYear.isEmpty else { continue }
            for l in inYear {
                let early = s.exits.contains { $0.trust == trust && $0.isEarlyExitCharge(on: l.allocation.charge.date) }
                t.append([y, l.allocation.charge.date.iso, l.allocation.charge.reference,
                          l.allocation.charge.kind.statementLabel + (early ? " (early exit)" : ""),
                          l.allocation.charge.amount.formatted, l.amount.formatted])
            }
            t.append([y, "", "", "year total", "", inYear.reduce(Pence.zero) { $0 + $1.amount }.formatted])
        }
        t.append(["Total", "", "", "", "", s.total(trust: trust).formatted])
        let early = s.earlyExitTotal(trust: trust)
        if s.earlyExitCharges.contains(where: { $0.trust == trust }) {
            t.append(["", "", "", "of which early exit", "", early.formatted])
        }
        t.footer += earlyExitNotes(s).filter { $0.hasPrefix(trust + " ") }
        return "Obligations of \(trust)\n" + t.render()
    }

    /// A line per early leaver: when it left, to when it is charged, the rule, and its charge to the penny.
    static func earlyExitNotes(_ s: FundingStatement) -> [String] {
        s.exits.filter { $0.chargedUntil != nil }.map { e in
            "\(e.trust) left early on \(e.effectiveDate.iso) (\(e.noticeMonths) months' notice): charged \(s.earlyExitTotal(trust: e.trust).formatted), "
                + "its share as if still a member of the network's calls and redundancy or stranded costs dated to "
                + "\(e.chargedUntil!.adding(days: -1).iso), the rest of its minimum notice"
        }
    }

    /// Long form: one row per charge per trust sharing it.
    public static func statementCSV(_ s: FundingStatement) -> String {
        var rows: [[String]] = []
        for a in s.allocations {
            for p in a.parts {
                let early = s.exits.contains { $0.trust == p.trust && $0.isEarlyExitCharge(on: a.charge.date) }
                rows.append([s.year.label(of: a.charge.date), a.charge.date.iso, a.charge.reference, a.charge.kind.statementLabel,
                             a.charge.description, p.trust, p.amount.plain, early ? "true" : "false"])
            }
        }
        return CSVWriter.document(header: ["year", "date", "reference", "kind", "description", "trust", "amount", "early_exit_charge"], rows: rows)
    }

    /// JSON with each charge and its parts and exclusions, the trust × year amounts (`trust_years`), `trust_totals`, `year_totals` and `total`, amounts as strings of pounds.
    public static func statementJSON(_ s: FundingStatement) throws -> String {
        struct Part: Encodable { var trust: String; var amount: String }
        struct Charge: Encodable {
            var reference: String; var kind: String; var date: String; var year: String
            var amount: String; var description: String; var parts: [Part]; var excluded: [String]
        }
        struct EarlyExit: Encodable {
            var trust, reference, date, amount, leftOn, chargedUntil: String
            enum CodingKeys: String, CodingKey {
                case trust, reference, date, amount, leftOn = "left_on", chargedUntil = "charged_until"
            }
        }
        struct Doc: Encodable {
            var charges: [Charge]
            var trustYears: [String: [String: String]]
            var trustTotals: [String: String]
            var yearTotals: [String: String]
            var total: String
            var earlyExitCharges: [EarlyExit]
            enum CodingKeys: String, CodingKey {
                case charges, trustYears = "trust_years", trustTotals = "trust_totals", yearTotals = "year_totals", total,
                     earlyExitCharges = "early_exit_charges"
            }
        }
        let years = s.years
        let doc = Doc(
            charges: s.allocations.map { a in
                Charge(reference: a.charge.reference, kind: a.charge.kind.statementLabel, date: a.charge.date.iso,
                       year: s.year.label(of: a.charge.date), amount: a.charge.amount.plain, description: a.charge.description,
                       parts: a.parts.map { Part(trust: $0.trust, amount: $0.amount.plain) }, excluded: a.excluded)
            },
            trustYears: Dictionary(uniqueKeysWithValues: s.trusts.map { trust in
                (trust, Dictionary(uniqueKeysWithValues: years.map { ($0, s.amount(trust: trust, year: $0).plain) }))
            }),
            trustTotals: Dictionary(uniqueKeysWithValues: s.trusts.map { ($0, s.total(trust: $0).plain) }),
            yearTotals: Dictionary(uniqueKeysWithValues: years.map { ($0, s.total(year: $0).plain) }),
            total: s.grandTotal.plain,
            earlyExitCharges: s.earlyExitCharges.map {
                EarlyExit(trust: $0.trust, reference: $0.reference, date: $0.date.iso, amount: $0.amount.plain,
                          leftOn: $0.leftOn.iso, chargedUntil: $0.chargedUntil.iso)
            })
        return try encode(doc)
    }

    static func encode<T: Encodable>(_ value: T) throws -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try e.encode(value), as: UTF8.self) + "\n"
    }

    static func exact(_ d: Decimal) -> String {
        var s = d.description
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s
    }
}
