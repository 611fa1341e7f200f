import CapitalCore
import Funding

/// The network agreement's versions as a listing (`capital network agreement show`).
public enum AgreementRendering {
    /// A row per version: the agreement's terms, with the dates they imply, and who recorded it when.
    package static func versions(_ versions: [AgreementVersion]) -> Tabular {
        Tabular(columns: ["version", "formed", "structure", "host", "initial_contract_years", "initial_contract_ends",
                          "minimum_notice_months", "lifespan_years", "lifespan_ends", "call_approval_threshold",
                          "recorded_at", "recorded_by"],
                rows: versions.map { v in
                    let a = v.agreement
                    return [String(v.version), a.formedOn.iso, a.structure.rawValue, a.hostTrust, String(a.initialContractYears),
                            a.initialContractEnd.iso, String(a.minimumNoticeMonths), a.lifespanYears.map(String.init),
                            a.lifespanEnd?.iso, a.callApprovalThreshold?.plain, v.recordedAt.description, v.recordedBy]
                },
                numericColumns: ["version", "initial_contract_years", "minimum_notice_months", "lifespan_years"],
                moneyColumns: ["call_approval_threshold"],
                optionalColumns: ["recorded_by", "recorded_at", "lifespan_ends", "initial_contract_ends", "host"],
                tableTitles: ["initial_contract_years": "contract_years", "initial_contract_ends": "contract_ends",
                              "minimum_notice_months": "notice_months", "call_approval_threshold": "approval_threshold"])
    }

    /// The agreement in force as people read it: a line per term, with the dates the terms imply.
    package static func terms(_ v: AgreementVersion) -> String {
        let a = v.agreement
        let lines: [(String, String)] = [
            ("formed", a.formedOn.iso),
            ("legal structure", a.structure.rawValue.replacingOccurrences(of: "_", with: " ") + (a.hostTrust.map { ", hosted by \($0)" } ?? "")),
            ("initial contract", "\(a.initialContractYears) years, to \(a.initialContractEnd.iso)"),
            ("minimum notice", "\(a.minimumNoticeMonths) months"),
            ("predicted lifespan", a.lifespanYears.map { "\($0) years, to \(a.lifespanEnd?.iso ?? "-")" } ?? "not agreed"),
            ("owner approval above", a.callApprovalThreshold?.formatted ?? "no threshold: every call needs the owner trusts"),
        ]
        let width = lines.map(\.0.count).max() ?? 0
        return "network agreement, version \(v.version) (recorded \(v.recordedAt.description) by \(v.recordedBy))\n"
            + lines.map { $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.1 }.joined(separator: "\n") + "\n"
    }
}
