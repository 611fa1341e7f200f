import CapitalCore
import Foundation
import Testing

@Suite struct CalendarDateTests {
    @Test func rejectsDaysThatDoNotExist() {
        #expect(CalendarDate(year: 2022, month: 2, day: 30) == nil)
        #expect(CalendarDate(year: 2023, month: 2, day: 29) == nil)
        #expect(CalendarDate(year: 2024, month: 2, day: 29) != nil)
        #expect(CalendarDate(year: 1900, month: 2, day: 29) == nil)
        #expect(CalendarDate(year: 2000, month: 2, day: 29) != nil)
        #expect(CalendarDate(iso: "2022-13-01") == nil)
        #expect(CalendarDate(iso: "22-01-01") == nil)
        #expect(CalendarDate(iso: "2022-1-01") == nil)
    }

    @Test func epochDaysRoundTripOverCenturies() {
        #expect(CalendarDate(iso: "1970-01-01")!.daysSinceEpoch == 0)
        #expect(CalendarDate(iso: "2000-03-01")!.daysSinceEpoch == 11_017)
        var day = CalendarDate(iso: "1899-12-25")!.daysSinceEpoch
        var previous = CalendarDate(daysSinceEpoch: day - 1)
        while day < CalendarDate(iso: "2101-01-10")!.daysSinceEpoch {
            let date = CalendarDate(daysSinceEpoch: day)
            #expect(date.daysSinceEpoch == day)
            #expect(previous < date)
            #expect(CalendarDate(iso: date.iso) == date)
            previous = date
            day += 1
        }
    }

    @Test func calendarArithmetic() {
        let jan31 = CalendarDate(iso: "2024-01-31")!
        #expect(jan31.adding(months: 1).iso == "2024-02-29")
        #expect(jan31.adding(months: 13).iso == "2025-02-28")
        #expect(jan31.adding(years: 1).iso == "2025-01-31")
        #expect(CalendarDate(iso: "2025-04-01")!.days(to: CalendarDate(iso: "2029-04-01")!) == 1461)
        #expect(CalendarDate(iso: "2012-03-14")!.wholeYears(to: CalendarDate(iso: "2022-03-13")!) == 9)
        #expect(CalendarDate(iso: "2012-03-14")!.wholeYears(to: CalendarDate(iso: "2022-03-14")!) == 10)
    }
}

@Suite struct PenceTests {
    @Test func parsesTheFormsFinanceFilesUse() {
        #expect(Pence(pounds: "1234.5")?.value == 123_450)
        #expect(Pence(pounds: "£1,234.50")?.value == 123_450)
        #expect(Pence(pounds: " 845,000.00 ")?.value == 84_500_000)
        #expect(Pence(pounds: "-12.01")?.value == -1201)
        #expect(Pence(pounds: "0.07")?.value == 7)
        #expect(Pence(pounds: ".5")?.value == 50)
    }

    @Test func refusesWhatWouldNeedGuessing() {
        #expect(Pence(pounds: "1.234") == nil)      // a third decimal: rounding nobody asked for
        #expect(Pence(pounds: "12,34.00") == nil)   // separators in the wrong place
        #expect(Pence(pounds: "1e5") == nil)
        #expect(Pence(pounds: "") == nil)
        #expect(Pence(pounds: "twelve") == nil)
    }

    @Test func printsExactly() {
        #expect(Pence(123_456_789).formatted == "£1,234,567.89")
        #expect(Pence(-5).formatted == "-£0.05")
        #expect(Pence(100).plain == "1.00")
        #expect(Pence(-1201).plain == "-12.01")
    }
}

@Suite struct ApportionmentTests {
    @Test func partsAlwaysSumToTheWhole() throws {
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            seed &+= 0x9E37_79B9_7F4A_7C15
            var z = seed
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        for _ in 0..<2_000 {
            let n = Int(next() % 19) + 1
            let weights = (0..<n).map { _ in Decimal(next() % 1_000_000) / Decimal(1 + next() % 1000) }
            guard weights.contains(where: { $0 > 0 }) else { continue }
            let total = Int64(next() % 10_000_000_000) - 1_000_000_000
            let parts = try Apportionment.largestRemainder(total: total, weights: weights)
            #expect(parts.reduce(0, +) == total)
            let sum = weights.reduce(0, +)
            for (part, weight) in zip(parts, weights) {
                let quota = Decimal(total) * weight / sum
                let diff = Decimal(part) - quota
                #expect(diff > -1 && diff < 1)
            }
        }
    }

    @Test func tiesFallTheSameWayEveryTime() throws {
        #expect(try Apportionment.largestRemainder(total: 1, weights: [1, 1, 1]) == [1, 0, 0])
        #expect(try Apportionment.largestRemainder(total: 2, weights: [1, 1, 1]) == [1, 1, 0])
        #expect(try Apportionment.largestRemainder(total: 100, weights: [1, 1, 1]) == [34, 33, 33])
        #expect(try Apportionment.largestRemainder(total: -100, weights: [1, 1, 1]) == [-34, -33, -33])
    }

    @Test func percentagesShowExactlyOneHundred() throws {
        let units = try Apportionment.percentUnits(weights: [1, 1, 1])
        #expect(units == [3334, 3333, 3333])
        #expect(units.map { Apportionment.formatUnits($0) } == ["33.34", "33.33", "33.33"])
    }

    @Test func refusesMeaninglessWeights() {
        #expect(throws: Apportionment.Failure.zeroTotalWeight) { try Apportionment.largestRemainder(total: 5, weights: [0, 0]) }
        #expect(throws: Apportionment.Failure.negativeWeight(index: 1)) { try Apportionment.largestRemainder(total: 5, weights: [1, -1]) }
        #expect(throws: Apportionment.Failure.noWeights) { try Apportionment.largestRemainder(total: 5, weights: []) }
    }
}

@Suite struct TabularTests {
    @Test func csvDefusesFormulasAndQuotes() {
        #expect(Tabular.csvCell("=SUM(A1)") == "'=SUM(A1)")
        #expect(Tabular.csvCell("@cmd") == "'@cmd")
        #expect(Tabular.csvCell("-12.50") == "-12.50")
        #expect(Tabular.csvCell("AQLB,7741") == "\"AQLB,7741\"")
        #expect(Tabular.csvCell("say \"hi\"") == "\"say \"\"hi\"\"\"")
        let t = Tabular(columns: ["a", "n"], rows: [["x", "3"], [nil, "4"]], numericColumns: ["n"])
        #expect(t.csv() == "a,n\r\nx,3\r\n,4\r\n")
        #expect(t.json().contains("\"n\" : 3"))
        #expect(t.json().contains("\"a\" : null"))
    }
}
