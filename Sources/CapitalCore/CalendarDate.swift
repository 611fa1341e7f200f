/// A day in the proleptic Gregorian calendar, with no time of day and no time zone.
///
/// Registers, formation dates, plan years and call dates are calendar days: storing them as
/// instants invites the classic "off by one day in British Summer Time" bug. `CalendarDate`
/// keeps only year, month and day, and only ever holds a date that exists (no 30 February).
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The year, 1...9999.
    public let year: Int
    /// The month, 1 (January) ... 12.
    public let month: Int
    /// The day of the month, 1 ... 31 (always a day the month has).
    public let day: Int

    /// Creates a date, or `nil` when the day does not exist (30 February, month 13, year 0).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= CalendarDate.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD` exactly (ISO 8601 calendar date, as PostgreSQL prints `date`).
    public init?(iso text: some StringProtocol) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// Whether `year` is a Gregorian leap year (29 February exists).
    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// The number of days in `month` (1...12) of `year`: 28 to 31.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (negative before). Exact integer arithmetic (Howard Hinnant's algorithm).
    public var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01.
    public init(daysSinceEpoch days: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    /// Whole days from `self` to `other` (positive when `other` is later).
    public func days(to other: CalendarDate) -> Int { other.daysSinceEpoch - daysSinceEpoch }

    /// The date `n` days later (earlier when `n` is negative).
    public func adding(days n: Int) -> CalendarDate { CalendarDate(daysSinceEpoch: daysSinceEpoch + n) }

    /// Calendar months later; the day is clamped to the end of a shorter month (31 Jan + 1 month = 28/29 Feb).
    public func adding(months n: Int) -> CalendarDate {
        let total = year * 12 + (month - 1) + n
        let y = total / 12, m = total % 12 + 1
        return CalendarDate(year: y, month: m, day: min(day, CalendarDate.daysIn(month: m, year: y)))!
    }

    /// Calendar months later, as ``adding(months:)``, but held within 0001-01-01 … 9999-12-31 instead of trapping:
    /// for dates that come from input (a formation date, a notice date) plus an agreed period.
    public func addingClamped(months n: Int) -> CalendarDate {
        let (scaled, o1) = year.multipliedReportingOverflow(by: 12)
        let (total, o2) = (scaled + (month - 1)).addingReportingOverflow(n)
        if o1 || o2 || total >= 10_000 * 12 { return CalendarDate(year: 9999, month: 12, day: 31)! }
        if total < 12 { return CalendarDate(year: 1, month: 1, day: 1)! }
        return adding(months: n)
    }

    /// The date `n` years later; 29 February becomes 28 February in a year that is not leap.
    public func adding(years n: Int) -> CalendarDate { adding(months: 12 * n) }

    /// Whole years completed from `self` to `other` (an age in years, as people count birthdays).
    public func wholeYears(to other: CalendarDate) -> Int {
        var years = other.year - year
        if (other.month, other.day) < (month, day) { years -= 1 }
        return years
    }

    /// Today in UTC (the CLI's default valuation and plan dates).
    public static func today() -> CalendarDate {
        CalendarDate(daysSinceEpoch: Int(Double(currentUnixSeconds()) / 86_400.0))
    }

    /// `YYYY-MM-DD`, zero-padded (the form PostgreSQL and the files use).
    public var iso: String {
        func pad(_ v: Int, _ width: Int) -> String {
            let s = String(v)
            return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// The ISO form, `YYYY-MM-DD`.
    public var description: String { iso }

    /// Whether `a` is an earlier day than `b`.
    public static func < (a: CalendarDate, b: CalendarDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }
}

extension CalendarDate: ISOTextCodable {
    /// `YYYY-MM-DD`, for messages.
    public static var isoPattern: String { "YYYY-MM-DD" }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

func currentUnixSeconds() -> Int { Int(time(nil)) }
