import CapitalCore

/// The statement a redundancy cost needs before it is shared: who said that every redeployment route is exhausted, and when.
///
/// Rule kept (NHS England/IPEM 2021 §5.3, "Redundancy costs"): "Redundancy only considered after all redeployment
/// routes are exhausted". A redundancy call without this statement, or with one dated after the call, is refused.
public struct RedeploymentStatement: Sendable, Equatable {
    /// Who made the statement (name or role), e.g. "Network HR director".
    public let by: String
    /// The day it was made.
    public let on: CalendarDate

    /// A statement; throws a `UserError` when `by` is empty.
    public init(by: String, on: CalendarDate) throws {
        let who = by.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !who.isEmpty else { throw UserError("the redeployment statement needs who made it") }
        self.by = who
        self.on = on
    }

    /// The guidance's words, for messages and docs.
    public static let rule = "redundancy is \"only considered after all redeployment routes are exhausted\" (NHS England/IPEM 2021 §5.3)"

    /// Checks a charge of `kind` dated `date` against `statement`: a redundancy cost needs one, dated on or before the charge.
    public static func check(kind: ChargeKind, date: CalendarDate, statement: RedeploymentStatement?) throws {
        guard kind == .redundancy else { return }
        guard let statement else {
            throw UserError("a redundancy call needs a recorded statement that redeployment routes are exhausted "
                            + "(--redeployment-exhausted-by WHO --redeployment-exhausted-on DATE): \(rule)")
        }
        guard statement.on <= date else {
            throw UserError("the redeployment statement (\(statement.on.iso)) is dated after the redundancy call (\(date.iso)): \(rule)")
        }
    }
}
