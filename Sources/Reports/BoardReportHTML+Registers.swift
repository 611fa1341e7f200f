import CapitalCore
import Foundation

/// One trust's two registers as the last `capital reconcile` left them (issue 18): how much of the finance register
/// is matched to engineering's assets, and the value of what only one list has.
public struct RegisterReconciliation: Sendable, Equatable {
    /// The trust's ODS code.
    public let trust: String
    /// Engineering (CMMS) assets, finance records, and the records matched to an asset.
    public let assets: Int, financeRecords: Int, matched: Int
    /// Assets no finance record is matched to (not on the books), and their purchase cost.
    public let cmmsOnly: Int, cmmsOnlyValue: Pence
    /// Finance records matched to no asset (ghosts, or still to decide), and their cost.
    public let financeOnly: Int, financeOnlyValue: Pence

    /// Creates a row from its parts.
    public init(trust: String, assets: Int, financeRecords: Int, matched: Int, cmmsOnly: Int, cmmsOnlyValue: Pence,
                financeOnly: Int, financeOnlyValue: Pence) {
        self.trust = trust; self.assets = assets; self.financeRecords = financeRecords; self.matched = matched
        self.cmmsOnly = cmmsOnly; self.cmmsOnlyValue = cmmsOnlyValue; self.financeOnly = financeOnly; self.financeOnlyValue = financeOnlyValue
    }
}

extension BoardReportHTML {
    static func registers(_ r: BoardReportInput) -> String {
        var h = open("registers", r)
        guard r.registers.contains(where: { $0.financeRecords > 0 }) else {
            return h + "<p class=\"lead\">No finance fixed-asset register has been imported: the register is engineering's list alone, valued from its purchase costs (docs/reconcile.md).</p>\n</section>\n"
        }
        h += "<p class=\"lead\">Each trust's engineering (CMMS) list against its finance fixed-asset register, as `capital reconcile` last matched them. "
            + "Matched assets are valued from finance's cost, in-service date and useful life; finance-only records are on the books but not found by engineering; "
            + "CMMS-only assets are in service but not on the books.</p>\n"
        h += "<table class=\"num\">\n<thead><tr><th>Trust</th><th>Assets</th><th>Finance records</th><th>Matched</th><th>Match rate</th>"
            + "<th>Finance only</th><th>Their value</th><th>CMMS only</th><th>Their value</th></tr></thead>\n<tbody>\n"
        for x in r.registers {
            let rate = x.financeRecords == 0 ? "–" : String(format: "%.1f%%", Double(x.matched) * 100 / Double(x.financeRecords))
            h += "<tr><td>\(e(x.trust))</td><td>\(x.assets)</td><td>\(x.financeRecords)</td><td>\(x.matched)</td><td>\(rate)</td>"
                + "<td>\(x.financeOnly)</td><td>\(money(x.financeOnlyValue))</td><td>\(x.cmmsOnly)</td><td>\(money(x.cmmsOnlyValue))</td></tr>\n"
        }
        let fo = r.registers.reduce(Pence.zero) { $0 + $1.financeOnlyValue }, co = r.registers.reduce(Pence.zero) { $0 + $1.cmmsOnlyValue }
        h += "</tbody>\n<tfoot><tr><td>Total</td><td>\(r.registers.map(\.assets).reduce(0, +))</td><td>\(r.registers.map(\.financeRecords).reduce(0, +))</td>"
            + "<td>\(r.registers.map(\.matched).reduce(0, +))</td><td></td><td>\(r.registers.map(\.financeOnly).reduce(0, +))</td><td>\(money(fo))</td>"
            + "<td>\(r.registers.map(\.cmmsOnly).reduce(0, +))</td><td>\(money(co))</td></tr></tfoot>\n</table>\n"
        return h + "</section>\n"
    }
}
