import CapitalCore

/// The year a charge falls in for statements: the NHS financial year (1 April–31 March) by default.
///
/// With `startMonth` 4 a date in April 2025–March 2026 is in "2025/26"; with `startMonth` 1 the
/// years are calendar years labelled "2025". Labels sort in date order.
public struct FundingYear: Sendable, Equatable {
    /// The month the year starts in, 1...12 (4: April, the NHS financial year).
    public let startMonth: Int

    /// The NHS financial year, 1 April to 31 March, labelled "2025/26".
    public static let nhsFinancial = FundingYear(startMonth: 4)
    /// Calendar years, labelled "2025".
    public static let calendar = FundingYear(startMonth: 1)

    /// A year starting in `startMonth` (1...12; anything else traps).
    public init(startMonth: Int) {
        precondition((1...12).contains(startMonth), "year start month must be 1–12")
        self.startMonth = startMonth
    }

    /// The year `date` belongs to, by its first calendar year.
    public func startYear(of date: CalendarDate) -> Int { date.month >= startMonth ? date.year : date.year - 1 }

    /// The label of the year `date` falls in ("2025/26", or "2025" for calendar years).
    public func label(of date: CalendarDate) -> String { label(startYear: startYear(of: date)) }

    /// The label of the year starting in calendar year `y`.
    public func label(startYear y: Int) -> String {
        if startMonth == 1 { return String(y) }
        let next = (y + 1) % 100
        return "\(y)/\(next < 10 ? "0" : "")\(next)"
    }
}
