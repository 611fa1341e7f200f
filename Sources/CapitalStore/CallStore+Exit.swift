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
    /// The first day the trust no longer shares calls.
    public let effectiveDate: CalendarDate
    /// Draft calls whose parts were worked out again under the new exit.
    public let reapportioned: [String]
    /// Approved or issued calls dated on or after the effective date that still include the trust (fixed once approved).
    public let fixedIncludingLeaver: [String]
}

extension CallStore {
    // MARK: exit

    /// Records a trust's notice to leave: from notice date + notice months it shares no further calls.
    ///
    /// Draft calls are apportioned again (by their own share set); approved and issued calls are fixed
    /// and are reported if they fall after the exit yet include the trust.
    @discardableResult
    public func recordExit(network: Network, trustCode: String, noticeDate: CalendarDate, noticeMonths: Int = 12) throws -> ExitRecorded {
        let trust = try NetworkStore(connection).trust(network: network, code: trustCode)
        let exit = try TrustExit(trust: trust.odsCode, noticeDate: noticeDate, noticeMonths: noticeMonths)
        guard noticeMonths <= 120 else { throw UserError("trust \(trust.odsCode): a notice period of \(noticeMonths) months is too long (at most 120)") }
        return try connection.transaction { c in
            try c.execute("SELECT pg_advisory_xact_lock(\(CallStore.lockBase + network.id))")
            do {
                try c.execute("""
                    UPDATE trust SET notice_given_on = \(noticeDate), notice_months = \(noticeMonths), left_on = \(exit.effectiveDate)
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
                  AND c.call_date >= \(exit.effectiveDate)
                ORDER BY c.call_date, c.reference
                """).map { try $0.decode("reference", as: String.self) }
            return ExitRecorded(trust: trust.odsCode, noticeDate: noticeDate, noticeMonths: noticeMonths,
                                effectiveDate: exit.effectiveDate, reapportioned: redone, fixedIncludingLeaver: fixed)
        }
    }
}
