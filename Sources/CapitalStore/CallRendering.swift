import CapitalCore
import Foundation
import Funding

/// Text, CSV and JSON forms of saved capital calls (`capital calls`), so the CLI stays thin.
///
/// Amounts are `£1,234.56` in text and `1234.56` in CSV and listings; years are NHS financial years (`2026/27`).
package enum CallRendering {
    /// One call in `format`: JSON is the whole record; CSV is a row per part (reference, trust, share, amount);
    /// the table is a header (kind, amount, due date and year, status, purpose, business case, plan, share set,
    /// who approves and who did) above each trust's share and amount, with a total row and any trusts excluded by exit.
    package static func call(_ call: SavedCall, format: Tabular.Format) throws -> String {
        switch format {
        case .json:
            return try RecordJSON.encode(call)
        case .csv:
            return Tabular(columns: ["reference", "trust", "share", "amount"],
                           rows: call.parts.map { [call.reference, $0.trust, $0.share, $0.amount.plain] }).render(.csv)
        case .table:
            var lines = ["\(call.reference) (id \(call.id)): \(call.kind.rawValue), \(call.amount.formatted) due \(call.date.iso) (\(FundingYear.nhsFinancial.label(of: call.date))), \(call.status.rawValue)",
                         "purpose: \(call.purpose)",
                         "business case: \(call.businessCaseRef ?? "none yet")"]
            if let plan = call.planID, let year = call.planYear { lines.append("plan: \(plan), year \(year)") }
            if let by = call.redeploymentExhaustedBy, let on = call.redeploymentExhaustedOn {
                lines.append("redeployment routes exhausted: stated by \(by) on \(on.iso)")
            }
            lines.append("shares: share set \(call.shareSetID) (version \(call.shareSetVersion))")
            let threshold = call.approvalThreshold.map { "threshold \($0.formatted)" } ?? "no threshold set"
            lines.append("approval: " + (call.needsOwnerApproval ? "management board and owner trusts (\(threshold))" : "management board (\(threshold))"))
            if let by = call.approvedBy { lines.append("approved by \(by) at \(call.approvedAt?.iso ?? "")" + (call.ownerApprovalRef.map { "; owner trusts: \($0)" } ?? "")) }
            if let by = call.issuedBy { lines.append("issued by \(by) at \(call.issuedAt?.iso ?? "")") }
            var t = TextTable(header: ["Trust", "Share", "Amount"], alignments: [.left, .right, .right])
            for p in call.parts { t.append([p.trust, Tabular.percent(p.share, decimals: 4) ?? p.share, p.amount.formatted]) }
            t.append(["Total", "", call.parts.reduce(Pence.zero) { $0 + $1.amount }.formatted])
            if !call.excluded.isEmpty { t.footer.append("excluded (exit in effect by \(call.date.iso)): \(call.excluded.joined(separator: ", "))") }
            return lines.joined(separator: "\n") + "\n" + t.render()
        }
    }

    /// The calls, a row each: id, reference, kind, date, financial year, amount, status, who approves
    /// (`management_board` or `owner_trusts`), plan id/year and purpose.
    package static func list(_ calls: [SavedCall]) -> Tabular {
        Tabular(columns: ["id", "reference", "kind", "date", "year", "amount", "status", "approval", "plan", "purpose"],
                rows: calls.map { call in
                    [String(call.id), call.reference, call.kind.rawValue, call.date.iso,
                     FundingYear.nhsFinancial.label(of: call.date), call.amount.plain, call.status.rawValue,
                     call.needsOwnerApproval ? "owner_trusts" : "management_board",
                     call.planID.map { "\($0)/\(call.planYear ?? 0)" }, call.purpose]
                }, numericColumns: ["id"], moneyColumns: ["amount"],
                optionalColumns: ["approval", "plan", "kind", "date"], trimmableColumns: ["purpose"])
    }

    /// A trust's recorded notice as text: when it stops sharing calls, the draft calls apportioned again, and the
    /// approved or issued calls that still include it.
    package static func exit(_ exit: ExitRecorded) -> String {
        var text: String
        if let until = exit.chargedUntil {
            text = "\(exit.trust) gave notice on \(exit.noticeDate.iso) (\(exit.noticeMonths) months, early: the agreement's minimum is "
                + "\(exit.minimumNoticeMonths)): it leaves on \(exit.effectiveDate.iso) but is charged its share, as if still a member, "
                + "of calls and redundancy or stranded costs dated before \(until.iso); none from then on\n"
        } else {
            text = "\(exit.trust) gave notice on \(exit.noticeDate.iso) (\(exit.noticeMonths) months): it shares calls dated before \(exit.effectiveDate.iso), none from then on\n"
        }
        if let decision = exit.boardDecision { text += "board decision for leaving within the initial contract period: \(decision)\n" }
        if !exit.reapportioned.isEmpty { text += "re-apportioned draft calls: \(exit.reapportioned.joined(separator: ", "))\n" }
        if !exit.fixedIncludingLeaver.isEmpty {
            text += "note: \(exit.fixedIncludingLeaver.joined(separator: ", ")) (approved or issued) still include \(exit.trust)\n"
        }
        return text
    }
}
