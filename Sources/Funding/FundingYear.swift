import CapitalCore

/// The year a charge falls in for statements: the NHS financial year (1 April–31 March) by default.
///
/// With `startMonth` 4 a date in April 2025–March 2026 is in "2025/26"; with `startMonth` 1 the
/// years are calendar years labelled "2025". Labels sort in date order.
public struct FundingYear: Sendable, Equatable {
    public var startMonth: Int

    public static let nhsFinancial = FundingYear(startMonth: 4)
    public static let calendar = FundingYear(startMonth: 1)

    public init(startMonth: Int) {
        precondition((1...12).contains(startMonth), "year start month must be 1–12")
        self.startMonth = startMonth
    }

    /// The year `date` belongs to, by its first calendar year.
    public func startYear(of date: CalendarDate) -> Int { date.month >= startMonth ? date.year : date.year - 1 }

    public func label(of date: CalendarDate) -> String { label(startYear: startYear(of: date)) }

    public func label(startYear y: Int) -> String {
        if startMonth == 1 { return String(y) }
        let next = (y + 1) % 100
        return "\(y)/\(next < 10 ? "0" : "")\(next)"
    }
}
