import CapitalCore

/// A trust's notice to leave the network, and the date from which it no longer shares calls.
///
/// The rule (NHS England/IPEM 2021 §5.3: 12 months' notice is appropriate): the exit takes effect
/// on notice date + notice period in calendar months (`CalendarDate.adding(months:)`, clamped to
/// month end). A charge dated *before* that day is shared by all trusts, the leaver included;
/// a charge dated *on or after* it is shared by the remaining trusts by their re-normalised shares.
///
/// An early exit (notice shorter than the agreement's minimum, ``underAgreement(trust:noticeDate:noticeMonths:agreement:early:boardDecision:)``)
/// has ``chargedUntil``, notice date + the minimum notice: the leaver leaves on its effective date, but a charge dated
/// from then until ``chargedUntil`` is still apportioned to it as if it were a member (its share of the network's
/// extra costs for the unserved notice); only charges from ``chargedUntil`` on exclude it.
public struct TrustExit: Sendable, Equatable {
    /// The leaving trust's code.
    public let trust: String
    /// The day notice was given.
    public let noticeDate: CalendarDate
    /// The notice period in calendar months (12 by default).
    public let noticeMonths: Int
    /// For an early exit: the end of the minimum notice (exclusive); charges dated before it are still the leaver's to share.
    public let chargedUntil: CalendarDate?
    /// The board decision that allowed an exit before the initial contract period ends; nil when none was needed.
    public let boardDecision: String?

    /// An exit; throws a `UserError` for a negative notice period or a charge period ending before the exit.
    public init(trust: String, noticeDate: CalendarDate, noticeMonths: Int = 12, chargedUntil: CalendarDate? = nil,
                boardDecision: String? = nil) throws {
        guard noticeMonths >= 0 else { throw UserError("trust \(trust): the notice period cannot be negative (\(noticeMonths) months)") }
        self.trust = trust
        self.noticeDate = noticeDate
        self.noticeMonths = noticeMonths
        self.chargedUntil = chargedUntil
        self.boardDecision = boardDecision
        if let chargedUntil, chargedUntil < effectiveDate {
            throw UserError("trust \(trust): the early-exit charge period cannot end (\(chargedUntil.iso)) before the exit (\(effectiveDate.iso))")
        }
    }

    /// An exit as the network agreement allows it; throws a `UserError` citing the rule when it does not:
    /// - notice shorter than the agreement's minimum is refused unless `early`; an early exit is charged to notice
    ///   date + the minimum (the guidance: "If the termination is before the full required notice period then the
    ///   terminating organisation may be responsible for any additional costs incurred by the network for the notice
    ///   period following the termination");
    /// - leaving before the initial contract period ends (formation + its years) needs `boardDecision` (the guidance:
    ///   "A seven-year initial contract period is considered the minimum required").
    public static func underAgreement(trust: String, noticeDate: CalendarDate, noticeMonths: Int, agreement: NetworkAgreement,
                                      early: Bool, boardDecision: String?) throws -> TrustExit {
        let minimum = agreement.minimumNoticeMonths
        var chargedUntil: CalendarDate?
        if noticeMonths < minimum {
            guard early else {
                throw UserError("trust \(trust): \(noticeMonths) months' notice is shorter than the agreement's minimum of \(minimum) months "
                                + "(the guidance: a defined notice period \"should be set as the minimum in the initial service agreement\"; "
                                + "\"a 12-month notice period would be appropriate\"). Give --early to leave sooner: the trust then bears its share "
                                + "of the network's extra costs to \(noticeDate.addingClamped(months: minimum).iso), as if still a member")
            }
            chargedUntil = noticeDate.addingClamped(months: minimum)
        } else if early {
            throw UserError("trust \(trust): --early is for notice shorter than the agreement's minimum (\(minimum) months); \(noticeMonths) months is not")
        }
        let decision = boardDecision?.trimmingCharacters(in: .whitespacesAndNewlines)
        let leaves = noticeDate.addingClamped(months: noticeMonths)
        if leaves < agreement.initialContractEnd, decision?.isEmpty ?? true {
            throw UserError("trust \(trust) would leave on \(leaves.iso), before the initial contract period ends (\(agreement.initialContractYears) "
                            + "years from formation, \(agreement.initialContractEnd.iso); the guidance: \"A seven-year initial contract period is "
                            + "considered the minimum required\"): record the board decision that allows it with --board-decision REF")
        }
        return try TrustExit(trust: trust, noticeDate: noticeDate, noticeMonths: noticeMonths, chargedUntil: chargedUntil,
                             boardDecision: leaves < agreement.initialContractEnd ? decision : nil)
    }

    /// The first day the trust no longer receives the service (its membership ends).
    public var effectiveDate: CalendarDate { noticeDate.addingClamped(months: noticeMonths) }

    /// The first day the trust no longer shares in charges: the effective date, or for an early exit the end of the minimum notice.
    public var sharesUntil: CalendarDate { max(effectiveDate, chargedUntil ?? effectiveDate) }

    /// Whether a charge dated `date` excludes the leaver.
    public func excludes(on date: CalendarDate) -> Bool { date >= sharesUntil }

    /// Whether the leaver's part of a charge dated `date` is an early-exit charge: dated after it left, before its minimum notice ended.
    public func isEarlyExitCharge(on date: CalendarDate) -> Bool {
        guard let chargedUntil else { return false }
        return date >= effectiveDate && date < chargedUntil
    }

    /// The trusts that have left by `date` under `exits`.
    public static func leavers(_ exits: [TrustExit], on date: CalendarDate) -> Set<String> {
        Set(exits.filter { $0.excludes(on: date) }.map(\.trust))
    }

    /// Checks exits against the shares: each names a member, at most once.
    public static func validate(_ exits: [TrustExit], against shares: OwnershipShares) throws {
        var seen: Set<String> = []
        for e in exits {
            guard shares.share(of: e.trust) != nil else {
                throw UserError("exit of trust \(e.trust): not one of the trusts with shares (\(shares.trusts.joined(separator: ", ")))")
            }
            guard seen.insert(e.trust).inserted else { throw UserError("trust \(e.trust) has two exits; give one") }
        }
    }
}
