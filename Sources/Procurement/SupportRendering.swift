import CapitalCore

/// Terminal tables and CSV for grouped maintenance contracts (same conventions as ``LotRendering``).
public enum SupportRendering {
    /// One line per group; a footer lists contracts with no end date, which the co-termination date ignores; then
    /// the trusts in each group (a column of them would take the table past 100 columns).
    public static func table(_ groups: [SupportGroup]) -> String {
        // Fits 100 columns: the earliest end date is in the CSV, JSON and workbook.
        var t = TextTable(header: ["Modality", "Manufacturer", "Contracts", "Trusts", "Annual cost", "Latest end", "Co-term", "Undated"],
                          alignments: [.left, .left, .right, .right, .right, .left, .left, .right])
        for g in groups {
            t.append([g.modality.rawValue, g.manufacturer ?? "(unknown)", String(g.count), String(g.trusts.count),
                      g.totalAnnualCost.formatted + (g.unknownCostCount > 0 ? " (+\(g.unknownCostCount) unknown)" : ""),
                      g.latestEnd?.iso ?? "", g.coTerminationDate?.iso ?? "", String(g.undated.count)])
        }
        t.footer.append("co-term: the proposed common end date, the first 31 March on or after the group's latest end date, never before "
                        + (groups.first.map { "the as-of date \($0.asOf.iso)" } ?? "the as-of date"))
        let expired = groups.flatMap { g in g.expired.map { (g, $0) } }
        if !expired.isEmpty {
            t.footer.append("EXPIRED before \(groups[0].asOf.iso) (\(expired.count)): support has lapsed; renew or bridge now")
            for (g, c) in expired {
                t.footer.append("  \(c.key) \(g.modality.rawValue) \(g.manufacturer ?? "(unknown)") ended \(c.endDate!.iso) supplier \(c.supplier ?? "(unknown)")")
            }
        }
        let undated = groups.flatMap { g in g.undated.map { (g, $0) } }
        if !undated.isEmpty {
            t.footer.append("without an end date (\(undated.count)):")
            for (g, c) in undated {
                t.footer.append("  \(c.key) \(g.modality.rawValue) \(g.manufacturer ?? "(unknown)") supplier \(c.supplier ?? "(unknown)")")
            }
        }
        let labels = groups.map { "\($0.modality.rawValue) \($0.manufacturer ?? "(unknown)")" }
        let width = labels.map(\.count).max() ?? 0
        var trusts = ["", "Trusts in each group:"]
        for (label, g) in zip(labels, groups) {
            trusts += LotRendering.wrapped(g.trusts, first: label.padding(toLength: width, withPad: " ", startingAt: 0) + "  ", width: 100)
        }
        return t.render() + (groups.isEmpty ? "" : trusts.joined(separator: "\n") + "\n")
    }

    static let groupColumns = ["modality", "manufacturer", "contracts", "trusts", "suppliers", "annual_cost",
                               "unknown_cost_contracts", "earliest_end", "latest_end", "co_termination", "undated_contracts", "expired_contracts"]

    /// One row per group.
    public static func groupsCSV(_ groups: [SupportGroup]) -> String {
        CSVWriter.document(header: groupColumns, rows: groups.map { g in
            [g.modality.rawValue, g.manufacturer ?? "", String(g.count), g.trusts.joined(separator: ";"),
             g.suppliers.joined(separator: ";"), g.totalAnnualCost.plain, String(g.unknownCostCount),
             g.earliestEnd?.iso ?? "", g.latestEnd?.iso ?? "", g.coTerminationDate?.iso ?? "", String(g.undated.count),
             String(g.expired.count)]
        })
    }

    static let contractColumns = ["modality", "manufacturer", "trust", "site", "tag", "supplier", "end_date",
                                  "annual_cost", "co_termination", "extension_days", "expired"]

    /// One row per contract, dated contracts of each group first; an undated contract has an empty `end_date`.
    public static func contractsCSV(_ groups: [SupportGroup]) -> String {
        CSVWriter.document(header: contractColumns, rows: groups.flatMap { g in
            g.contracts.map { c in
                [g.modality.rawValue, g.manufacturer ?? "", c.trust, c.site ?? "", c.tag, c.supplier ?? "",
                 c.endDate?.iso ?? "", c.annualCost?.plain ?? "", g.coTerminationDate?.iso ?? "",
                 g.extensionDays(for: c).map(String.init) ?? "", g.isExpired(c) ? "true" : "false"]
            }
        })
    }
}
