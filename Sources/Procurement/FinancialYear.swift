import CapitalCore

/// NHS financial-year dates: the year runs from 1 April to 31 March, and plan year `2027` means 2027/28.
///
/// Rule kept: a plan's integer years are financial years named by the calendar year they start in, so the need
/// date of plan year `Y` is `Y-04-01` (the first day money for that year can be spent) and a contract aligned to
/// year-ends ends on a `31 March`.
public enum FinancialYear {
    /// The first day of financial year `year` (`year`-04-01).
    public static func start(_ year: Int) -> CalendarDate {
        CalendarDate(year: year, month: 4, day: 1)!
    }

    /// The first 31 March on or after `date` (the end of the financial year `date` falls in).
    public static func endOnOrAfter(_ date: CalendarDate) -> CalendarDate {
        let march31 = CalendarDate(year: date.year, month: 3, day: 31)!
        // Held at 9999 (the last year a date has) so a hostile as-of or end date cannot trap.
        return date <= march31 ? march31 : CalendarDate(year: min(date.year + 1, 9999), month: 3, day: 31)!
    }

    /// `2027/28` for 2027.
    public static func label(_ year: Int) -> String {
        let next = (year + 1) % 100
        return "\(year)/\(next < 10 ? "0" : "")\(next)"
    }
}
