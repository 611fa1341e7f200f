import CapitalCore
import Foundation
import Spreadsheets

/// Writes a procurement report as an Excel workbook with Spreadsheets' ``XLSXWriter``.
///
/// Sheets: `Lots` (one row per lot), `Lot members` (one row per planned replacement or additional unit), `Held back`
/// (one row per purchase a lot could not bring forward within its year's budget headroom), `Support contracts` (one
/// row per modality × manufacturer group) and `Support contract list` (one row per contract, undated ones with an
/// empty end date). Money and quantities are real number cells (pounds with two decimals, so sums work), dates are
/// date cells (`dd/mm/yyyy`), and text is stored as text, so nothing in a cell is run as a formula. Headers match
/// the CSV column names.
public enum ProcurementWorkbook {
    /// Writes the workbook to `url` (replacing any file there).
    public static func write(lots: [PurchaseLot], support: [SupportGroup], to url: URL) throws {
        let w = try XLSXWriter(url: url, sharedStrings: true, customDateFormat: true)
        func header(_ names: [String]) throws {
            try w.appendHeader(names.map(XLSXWriter.title), widths: names.map { max(12, min(40, $0.count + 4)) })
        }
        func text(_ s: String?) -> XLSXCell { s.map { .text($0) } ?? .empty }
        func money(_ p: Pence?) -> XLSXCell { p.map { .money($0) } ?? .empty }
        func int(_ n: Int?) -> XLSXCell { n.map { .number(String($0)) } ?? .empty }
        func date(_ d: CalendarDate?) -> XLSXCell { d.map { .date($0) } ?? .empty }

        try w.beginSheet("Lots")
        try header(LotRendering.lotColumns)
        for lot in lots {
            try w.appendRow([.text(lot.id), .text(lot.modality.rawValue), text(lot.specification), int(lot.year),
                             date(lot.needDate), int(lot.quantity), .text(LotRendering.trustsCSV(lot)),
                             .text(LotRendering.sitesCSV(lot)), money(lot.value), .text(lot.aboveThreshold ? "yes" : "no"),
                             int(lot.moves.count), int(lot.lastPlannedYear), int(lot.heldBack.count), money(lot.heldBackValue),
                             money(lot.valueExVAT)])
        }

        try w.beginSheet("Lot members")
        try header(LotRendering.memberColumns)
        for lot in lots {
            for m in lot.members {
                try w.appendRow([.text(lot.id), .text(lot.modality.rawValue), text(lot.specification), int(lot.year),
                                 .text(m.trust), .text(m.site), .text(m.tag), int(m.plannedYear),
                                 .text(m.plannedYear == lot.year ? "no" : "yes"), money(m.cost), .text(m.kind.rawValue)])
            }
        }

        try w.beginSheet("Held back")
        try header(LotRendering.heldBackColumns)
        for lot in lots {
            for h in lot.heldBack {
                try w.appendRow([.text(lot.id), .text(lot.modality.rawValue), text(lot.specification), int(lot.year),
                                 .text(h.member.trust), .text(h.member.site), .text(h.member.tag), .text(h.member.kind.rawValue),
                                 int(h.member.plannedYear), money(h.member.cost), money(h.headroom), money(h.shortfall),
                                 .text(h.reason)])
            }
        }

        try w.beginSheet("Support contracts")
        try header(SupportRendering.groupColumns)
        for g in support {
            try w.appendRow([.text(g.modality.rawValue), text(g.manufacturer), int(g.count), .text(g.trusts.joined(separator: ";")),
                             .text(g.suppliers.joined(separator: ";")), money(g.totalAnnualCost), int(g.unknownCostCount),
                             date(g.earliestEnd), date(g.latestEnd), date(g.coTerminationDate), int(g.undated.count),
                             int(g.expired.count)])
        }

        try w.beginSheet("Support contract list")
        try header(SupportRendering.contractColumns)
        for g in support {
            for c in g.contracts {
                try w.appendRow([.text(g.modality.rawValue), text(g.manufacturer), .text(c.trust), text(c.site), .text(c.tag),
                                 text(c.supplier), date(c.endDate), money(c.annualCost), date(g.coTerminationDate),
                                 int(g.extensionDays(for: c)), .text(g.isExpired(c) ? "expired" : "")])
            }
        }
        try w.close()
    }
}
