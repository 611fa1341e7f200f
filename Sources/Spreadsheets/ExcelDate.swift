import CapitalCore

/// Excel's serial day numbers and the calendar dates they stand for.
///
/// The 1900 date system counts 1900-01-01 as day 1 and, copying Lotus 1-2-3, pretends 1900 was a leap
/// year: serial 60 is the non-existent 29 February 1900, so from serial 61 on the date is 1899-12-30 plus
/// the serial. The 1904 system (old Mac workbooks) counts days from 1904-01-01. Time of day is dropped.
enum ExcelDate {
    private static let base1900 = CalendarDate(year: 1899, month: 12, day: 30)!
    private static let base1900Early = CalendarDate(year: 1899, month: 12, day: 31)!
    private static let base1904 = CalendarDate(year: 1904, month: 1, day: 1)!

    /// The date for a serial, or `nil` for serials before day 1, serial 60 in the 1900 system, or absurd values.
    static func date(serial: Double, date1904: Bool = false) -> CalendarDate? {
        guard serial.isFinite, serial >= (date1904 ? 0 : 1), serial < 2_958_466 else { return nil }
        let day = Int(serial.rounded(.down))
        if date1904 { return base1904.adding(days: day) }
        if day == 60 { return nil }
        return day < 60 ? base1900Early.adding(days: day) : base1900.adding(days: day)
    }

    /// The 1900-system serial for a date (what the XLSX writer stores).
    static func serial(for date: CalendarDate) -> Int {
        let d = base1900.days(to: date)
        return d <= 60 ? d - 1 : d
    }
}
