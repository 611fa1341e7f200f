import CapitalCore

/// A trust's notice to leave the network, and the date from which it no longer shares calls.
///
/// The rule (NHS England/IPEM 2021 §5.3: 12 months' notice is appropriate): the exit takes effect
/// on notice date + notice period in calendar months (`CalendarDate.adding(months:)`, clamped to
/// month end). A charge dated *before* that day is shared by all trusts, the leaver included;
/// a charge dated *on or after* it is shared by the remaining trusts by their re-normalised shares.
public struct TrustExit: Sendable, Equatable {
    /// The leaving trust's code.
    public let trust: String
    /// The day notice was given.
    public let noticeDate: CalendarDate
    /// The notice period in calendar months (12 by default).
    public let noticeMonths: Int

    /// An exit; throws a `UserError` for a negative notice period.
    public init(trust: String, noticeDate: CalendarDate, noticeMonths: Int = 12) throws {
        guard noticeMonths >= 0 else { throw UserError("trust \(trust): the notice period cannot be negative (\(noticeMonths) months)") }
        self.trust = trust
        self.noticeDate = noticeDate
        self.noticeMonths = noticeMonths
    }

    /// The first day the trust no longer shares in charges.
    public var effectiveDate: CalendarDate { noticeDate.adding(months: noticeMonths) }

    /// Whether a charge dated `date` excludes the leaver.
    public func excludes(on date: CalendarDate) -> Bool { date >= effectiveDate }

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
