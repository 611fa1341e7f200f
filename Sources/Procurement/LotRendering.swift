import CapitalCore

/// Terminal tables and CSV for purchase lots.
///
/// Money prints exactly: `£1,234.50` in tables, `1234.50` in CSV. CSV cells go through ``CSVWriter`` (RFC 4180,
/// formula-looking text defused), so a trust or tag such as `=HYPERLINK(…)` opens in a spreadsheet as text.
public enum LotRendering {
    /// One line per lot, a total line equal to the plan's spend, and a footer naming the threshold and every
    /// replacement brought forward.
    public static func table(_ lots: [PurchaseLot], threshold: ProcurementThreshold, window: Int) -> String {
        var t = TextTable(header: ["Lot", "Category", "Year", "Need date", "Qty", "Trusts", "Sites", "Value", "Threshold", "Moved"],
                          alignments: [.left, .left, .left, .left, .right, .left, .right, .right, .left, .right])
        for lot in lots {
            t.append([lot.id, lot.category.description, FinancialYear.label(lot.year), lot.needDate.iso, String(lot.quantity),
                      trustsText(lot), String(lot.sites.count), lot.value.formatted, lot.aboveThreshold ? "at/above" : "below",
                      String(lot.moves.count)])
        }
        let total = lots.reduce(Pence.zero) { $0 + $1.value }
        t.append(["Total", "", "", "", String(lots.reduce(0) { $0 + $1.quantity }), "", "", total.formatted, "", ""])
        t.footer.append("threshold: \(threshold) (lot values are ex VAT); window: \(window) year\(window == 1 ? "" : "s")")
        for lot in lots {
            for m in lot.moves {
                t.footer.append("\(lot.id): \(m.member.key) brought forward from \(m.fromYear) to \(m.toYear) "
                                + "(valued at its \(m.fromYear) planned cost \(m.member.cost.formatted))")
            }
        }
        return t.render()
    }

    /// `R1A×2, R1B×1`.
    public static func trustsText(_ lot: PurchaseLot) -> String {
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
                             "value", "above_threshold", "moved", "last_planned_year"]

    /// One row per lot.
    public static func lotsCSV(_ lots: [PurchaseLot]) -> String {
        CSVWriter.document(header: lotColumns, rows: lots.map { lot in
            [lot.id, lot.modality.rawValue, lot.specification ?? "", String(lot.year), lot.needDate.iso,
             String(lot.quantity), trustsCSV(lot), sitesCSV(lot), lot.value.plain, lot.aboveThreshold ? "yes" : "no",
             String(lot.moves.count), String(lot.lastPlannedYear)]
        })
    }

    static let memberColumns = ["lot_id", "modality", "specification", "lot_year", "trust", "site", "tag",
                                "planned_year", "moved", "cost"]

    /// One row per lot member (planned replacement).
    public static func membersCSV(_ lots: [PurchaseLot]) -> String {
        CSVWriter.document(header: memberColumns, rows: lots.flatMap { lot in
            lot.members.map { m in
                [lot.id, lot.modality.rawValue, lot.specification ?? "", String(lot.year), m.trust, m.site, m.tag,
                 String(m.plannedYear), m.plannedYear == lot.year ? "no" : "yes", m.cost.plain]
            }
        })
    }
}
