import Foundation
import Testing
import CapitalCore

@Suite struct TimestampTests {
    @Test func readsAndWritesTheStoresFormat() throws {
        let t = try #require(Timestamp(iso: "2026-12-01T05:18:54Z"))
        #expect(t.iso == "2026-12-01T05:18:54Z")
        #expect(t.day == CalendarDate(year: 2026, month: 12, day: 1))
        #expect(t.date == ISO8601DateFormatter().date(from: "2026-12-01T05:18:54Z"))
        #expect(Timestamp(t.date) == t)
        // Before 1970, and the last second of a day.
        #expect(Timestamp(iso: "1969-12-31T23:59:59Z")?.iso == "1969-12-31T23:59:59Z")
        #expect(Timestamp(iso: "1969-12-31T23:59:59Z")?.day == CalendarDate(year: 1969, month: 12, day: 31))
        #expect(Timestamp(iso: "2024-02-29T00:00:00Z")! < Timestamp(iso: "2024-02-29T00:00:01Z")!)
    }

    @Test func refusesWhatIsNotOne() {
        for text in ["", "2026-12-01", "2026-12-01 05:18:54Z", "2026-02-30T00:00:00Z", "2026-12-01T24:00:00Z",
                     "2026-12-01T05:60:00Z", "2026-12-01T05:18:54", "+026-12-01T05:18:54Z", "2026-12-01T05:18:5ZZ"] {
            #expect(Timestamp(iso: text) == nil, "\(text)")
        }
    }

    @Test func travelsAsItsText() throws {
        let t = try #require(Timestamp(iso: "2025-04-01T09:30:00Z"))
        let json = String(decoding: try JSONEncoder().encode([t]), as: UTF8.self)
        #expect(json == "[\"2025-04-01T09:30:00Z\"]")
        #expect(try JSONDecoder().decode([Timestamp].self, from: Data(json.utf8)) == [t])
    }
}
