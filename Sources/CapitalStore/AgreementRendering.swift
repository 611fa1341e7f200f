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
                optionalColumns: ["recorded_by", "recorded_at", "lifespan_ends", "initial_contract_ends", "host"])
    }
}
