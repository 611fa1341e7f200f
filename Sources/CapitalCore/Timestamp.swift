import Foundation

/// When something happened (a plan approved, a call issued, a batch imported), as the database records it: an instant
/// in UTC, to the second, written `YYYY-MM-DDTHH:MM:SSZ` in JSON, CSV and tables.
public struct Timestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z.
    public let secondsSince1970: Int64

    /// The instant `date`, to the second.
    public init(_ date: Date) {
        secondsSince1970 = Int64(date.timeIntervalSince1970.rounded(.down))
    }

    /// Parses `YYYY-MM-DDTHH:MM:SSZ` exactly (as the stores ask PostgreSQL to print times); nil otherwise.
    public init?(iso text: some StringProtocol) {
        let s = Array(text.utf8)
        guard s.count == 20, s[4] == 0x2D, s[7] == 0x2D, s[10] == 0x54, s[13] == 0x3A, s[16] == 0x3A, s[19] == 0x5A else {
            return nil
        }
        func number(_ range: Range<Int>) -> Int? {
            var n = 0
            for i in range {
                guard (0x30...0x39).contains(s[i]) else { return nil }
                n = n * 10 + Int(s[i] - 0x30)
            }
            return n
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
              let date = CalendarDate(year: year, month: month, day: day),
              hour < 24, minute < 60, second < 60 else { return nil }
        secondsSince1970 = Int64(date.daysSinceEpoch) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    }

    /// The instant as a `Date`.
    public var date: Date { Date(timeIntervalSince1970: TimeInterval(secondsSince1970)) }

    /// The UTC calendar day it fell on.
    public var day: CalendarDate {
        let (q, r) = secondsSince1970.quotientAndRemainder(dividingBy: 86_400)
        return CalendarDate(daysSinceEpoch: Int(r < 0 ? q - 1 : q))
    }

    /// `YYYY-MM-DDTHH:MM:SSZ`.
    public var iso: String {
        let seconds = Int(((secondsSince1970 % 86_400) + 86_400) % 86_400)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
        return "\(day.iso)T\(two(seconds / 3600)):\(two(seconds / 60 % 60)):\(two(seconds % 60))Z"
    }

    /// The same as ``iso``.
    public var description: String { iso }

    /// Earlier first.
    public static func < (a: Timestamp, b: Timestamp) -> Bool { a.secondsSince1970 < b.secondsSince1970 }
}

extension Timestamp: ISOTextCodable {
    /// `YYYY-MM-DDTHH:MM:SSZ`, for messages.
    public static var isoPattern: String { "YYYY-MM-DDTHH:MM:SSZ" }
}
