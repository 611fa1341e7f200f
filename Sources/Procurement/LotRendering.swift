import CapitalCore

/// Terminal tables and CSV for purchase lots.
///
/// Money prints exactly: `£1,234.50` in tables, `1234.50` in CSV. CSV cells go through ``CSVWriter`` (RFC 4180,
/// formula-looking text defused), so a trust or tag such as `=HYPERLINK(…)` opens in a spreadsheet as text.
public enum LotRendering {
    /// Up to this many held-back purchases, the table footer lists each; beyond it, one line per lot.
    public static let heldBackItemLimit = 20

    /// One line per lot, a total line equal to the plan's spend, and a footer naming the threshold, every purchase
    /// brought forward, and the purchases held back because the lot year's budget headroom could not pay for them:
    /// each with its reason when there are at most ``heldBackItemLimit`` in all, else one line per lot (count, value,
    /// the most headroom any of them met); the CSV, JSON and workbook list every one.
    public static func table(_ lots: [PurchaseLot], threshold: ProcurementThreshold, window: Int) -> String {
        // Fits 100 columns: the category is the lot id's prefix and the need date is in the CSV and workbook; which
        // trusts share each lot is listed under the table, wrapped.
        var t = TextTable(header: ["Lot", "Year", "Qty", "Trusts", "Sites", "Value", "Threshold", "Moved", "Held back"],
                          alignments: [.left, .left, .right, .right, .right, .right, .left, .right, .right])
        for lot in lots {
            t.append([lot.id, FinancialYear.label(lot.year), String(lot.quantity), String(lot.trusts.count),
                      String(lot.sites.count), lot.value.formatted, lot.aboveThreshold ? "at/above" : "below",
                      String(lot.moves.count), String(lot.heldBack.count)])
        }
        let total = lots.reduce(Pence.zero) { $0 + $1.value }
        t.append(["Total", "", String(lots.reduce(0) { $0 + $1.quantity }), "", "", total.formatted, "", "", ""])
        t.footer.append("threshold: \(threshold), tested on lot values ex VAT (values shown include irrecoverable VAT); window: \(window) year\(window == 1 ? "" : "s")"
                        + (window > 0 ? ", bringing purchases forward only into the lot year's budget headroom" : ""))
        let itemise = lots.reduce(0) { $0 + $1.heldBack.count } <= heldBackItemLimit
        for lot in lots {
            for m in lot.moves {
                t.footer.append("\(lot.id): \(m.member.key) brought forward from \(m.fromYear) to \(m.toYear) "
                                + "(valued at its \(m.fromYear) planned cost \(m.member.cost.formatted))")
            }
            if itemise {
                for h in lot.heldBack {
                    t.footer.append("\(lot.id): \(h.member.key) (planned \(h.member.plannedYear)) \(h.reason)")
                }
            } else if let most = lot.heldBack.map(\.headroom).max() {
                t.footer.append("\(lot.id): \(lot.heldBack.count) purchase\(lot.heldBack.count == 1 ? "" : "s") held back "
                                + "(\(lot.heldBackValue.formatted); at most \(most.formatted) of \(FinancialYear.label(lot.year)) "
                                + "budget headroom was left)")
            }
        }
        let idWidth = lots.map(\.id.count).max() ?? 0
        var trusts = ["", "Trusts in each lot (units each):"]
        for lot in lots {
            trusts += wrapped(lot.trusts.map { "\($0.trust)×\($0.quantity)" }, first: lot.id.padding(toLength: idWidth, withPad: " ", startingAt: 0) + "  ",
                              width: 100)
        }
        return t.render() + trusts.joined(separator: "\n") + "\n"
    }

    /// `items` joined with ", " after `first`, broken into lines of at most `width` (a single long item aside), each
    /// continuation indented under the first item.
    static func wrapped(_ items: [String], first: String, width: Int) -> [String] {
        var lines: [String] = [], line = first
        let indent = String(repeating: " ", count: first.count)
        for (n, item) in items.enumerated() {
            let piece = item + (n < items.count - 1 ? "," : "")
            if line.count > indent.count, line.count + 1 + piece.count > width {
                lines.append(line); line = indent + piece
            } else {
                line += (line.count > indent.count ? " " : "") + piece
            }
        }
        lines.append(line)
        return lines
    }

    /// `R1A×2, R1B×1`.
    package static func trustsText(_ lot: PurchaseLot) -> String {
        lot.trusts.map { "\($0.trust)×\($0.quantity)" }.joined(separator: ", ")
    }

    /// `R1A:2;R1B:1` (CSV form).
    static func trustsCSV(_ lot: PurchaseLot) -> String {
        lot.trusts.map { "\($0.trust):\($0.quantity)" }.joined(separator: ";")
    }

    /// `R1A/S1:1;R1B/S3:1` (CSV form).
    static func sitesCSV(_ lot: PurchaseLot) -> String {
        lot.sites.map { "\($0.trust)/\($0.site ?? ""):\($0.quantity)" }.joined(separator: ";")
    }

    static let lotColumns = ["lot_id", "modality", "specification", "year", "need_date", "quantity", "trusts", "sites",
                             "value", "above_threshold", "moved", "last_planned_year", "held_back", "held_back_value",
                             "value_ex_vat"]

    /// One row per lot.
    public static func lotsCSV(_ lots: [PurchaseLot]) -> String {
        CSVWriter.document(header: lotColumns, rows: lots.map { lot in
            [lot.id, lot.modality.rawValue, lot.specification ?? "", String(lot.year), lot.needDate.iso,
             String(lot.quantity), trustsCSV(lot), sitesCSV(lot), lot.value.plain, lot.aboveThreshold ? "yes" : "no",
             String(lot.moves.count), String(lot.lastPlannedYear), String(lot.heldBack.count), lot.heldBackValue.plain,
             lot.valueExVAT.plain]
        })
    }

    static let memberColumns = ["lot_id", "modality", "specification", "lot_year", "trust", "site", "tag",
                                "planned_year", "moved", "cost", "kind"]

    /// One row per lot member (a planned replacement, or an additional unit: `kind` is `replacement` or `addition`).
    public static func membersCSV(_ lots: [PurchaseLot]) -> String {
        CSVWriter.document(header: memberColumns, rows: lots.flatMap { lot in
            lot.members.map { m in
                [lot.id, lot.modality.rawValue, lot.specification ?? "", String(lot.year), m.trust, m.site, m.tag,
                 String(m.plannedYear), m.plannedYear == lot.year ? "no" : "yes", m.cost.plain, m.kind.rawValue]
            }
        })
    }

    static let heldBackColumns = ["lot_id", "modality", "specification", "lot_year", "trust", "site", "tag", "kind",
                                  "planned_year", "cost", "headroom", "shortfall", "reason"]

    /// One row per purchase held back from a lot (it is a member of a later lot): `headroom` is what was left of
    /// the lot year's budget headroom, `shortfall` how much more would have brought it forward.
    public static func heldBackCSV(_ lots: [PurchaseLot]) -> String {
        CSVWriter.document(header: heldBackColumns, rows: lots.flatMap { lot in
            lot.heldBack.map { h in
                [lot.id, lot.modality.rawValue, lot.specification ?? "", String(lot.year), h.member.trust, h.member.site,
                 h.member.tag, h.member.kind.rawValue, String(h.member.plannedYear), h.member.cost.plain, h.headroom.plain,
                 h.shortfall.plain, h.reason]
            }
        })
    }
}
