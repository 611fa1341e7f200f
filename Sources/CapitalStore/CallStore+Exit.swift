import CapitalCore
import Foundation
import Funding
import Postgres

/// The outcome of recording a trust's notice to leave.
public struct ExitRecorded: Sendable, Equatable {
    /// The trust's ODS code.
    public let trust: String
    /// The day notice was given.
    public let noticeDate: CalendarDate
    /// The notice period in months.
    public let noticeMonths: Int
    /// The first day the trust is no longer a member.
    public let effectiveDate: CalendarDate
    /// For an early exit: the end of the agreement's minimum notice; calls dated before it are still charged to the trust.
    public let chargedUntil: CalendarDate?
    /// The agreement's minimum notice in months, when the exit was recorded.
    public let minimumNoticeMonths: Int
    /// The board decision recorded for an exit before the initial contract period ends.
    public let boardDecision: String?
    /// Draft calls whose parts were worked out again under the new exit.
    public let reapportioned: [String]
    /// Approved or issued calls dated on or after the effective date that still include the trust (fixed once approved).
    public let fixedIncludingLeaver: [String]
}

extension CallStore {
    // MARK: exit

    /// Records a trust's notice to leave, as the network agreement allows (``TrustExit/underAgreement(trust:noticeDate:noticeMonths:agreement:early:boardDecision:)``):
    /// from notice date + notice months it is no longer a member; after an early exit it is still charged its share of
    /// calls dated before notice date + the minimum notice.
    ///
    /// Draft calls are apportioned again (by their own share set); approved and issued calls are fixed
    /// and are reported if they fall after the exit yet include the trust.
    @discardableResult
    public func recordExit(network: Network, trustCode: String, noticeDate: CalendarDate, noticeMonths: Int = 12,
                           early: Bool = false, boardDecision: String? = nil) throws -> ExitRecorded {
        let trust = try NetworkStore(connection).trust(network: network, code: trustCode)
        guard noticeMonths <= 120 else { throw UserError("trust \(trust.odsCode): a notice period of \(noticeMonths) months is too long (at most 120)") }
        let agreement = try AgreementStore(connection).current(network: network).agreement
        let exit = try TrustExit.underAgreement(trust: trust.odsCode, noticeDate: noticeDate, noticeMonths: noticeMonths,
                                                agreement: agreement, early: early, boardDecision: boardDecision)
        return try connection.transaction { c in
            try c.execute("SELECT pg_advisory_xact_lock(\(CallStore.lockBase + network.id))")
            do {
                try c.execute("""
                    UPDATE trust SET notice_given_on = \(noticeDate), notice_months = \(noticeMonths), left_on = \(exit.effectiveDate),
                                     exit_early = \(exit.chargedUntil != nil), exit_charged_until = \(exit.chargedUntil),
                                     exit_board_decision = \(exit.boardDecision)
                    WHERE id = \(trust.id)
                    """)
            } catch let e as PostgresError where e.isCheckViolation {
                throw UserError("trust \(trust.odsCode): notice not recorded: \(e.message)")
            }
            let drafts = try c.query("""
                SELECT id, reference, amount, call_date, share_set_id FROM capital_call
                WHERE network_id = \(network.id) AND status = 'draft' ORDER BY call_date, reference
                """)
            var redone: [String] = []
            for d in drafts {
                let callID: Int64 = try d.decode("id")
                let before = try c.query("SELECT trust_id, amount FROM capital_call_part WHERE call_id = \(callID) ORDER BY trust_id")
                    .map { "\(try $0.decode("trust_id", as: Int64.self))=\(try $0.decode("amount", as: Pence.self).plain)" }
                let apportioned = try apportion(amount: try d.decode("amount"), date: try d.decode("call_date"), network: network,
                                                connection: c, shareSetID: try d.decode("share_set_id"))
                let after = apportioned.parts.sorted { $0.trustID < $1.trustID }.map { "\($0.trustID)=\($0.amount.plain)" }
                guard before != after else { continue }
                try c.execute("DELETE FROM capital_call_part WHERE call_id = \(callID)")
                try writeParts(callID: callID, network: network, apportioned: apportioned, connection: c)
                redone.append(try d.decode("reference"))
            }
            let fixed = try c.query("""
                SELECT c.reference FROM capital_call c JOIN capital_call_part p ON p.call_id = c.id
                WHERE c.network_id = \(network.id) AND c.status <> 'draft' AND p.trust_id = \(trust.id)
                  AND c.call_date >= \(exit.sharesUntil)
                ORDER BY c.call_date, c.reference
                """).map { try $0.decode("reference", as: String.self) }
            return ExitRecorded(trust: trust.odsCode, noticeDate: noticeDate, noticeMonths: noticeMonths,
                                effectiveDate: exit.effectiveDate, chargedUntil: exit.chargedUntil,
                                minimumNoticeMonths: agreement.minimumNoticeMonths, boardDecision: exit.boardDecision,
                                reapportioned: redone, fixedIncludingLeaver: fixed)
        }
    }
}
