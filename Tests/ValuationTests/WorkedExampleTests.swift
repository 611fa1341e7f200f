import ValuationFixtures
import CapitalCore
import Foundation
import Testing
@testable import Valuation

@Suite struct WorkedExampleTests {
    func valuations() throws -> [TrustValuation] {
        let c = try ContributionsFile.parse(yaml: WorkedExample.yaml, fileName: "example.yaml")
        // The hand-worked table counts only the assets flagged exclusive (--exclusive-only).
        return try Valuer.value(c, equipment: WorkedExample.register, exclusiveOnly: true)
    }

    func p(_ text: String) -> Pence { Pence(pounds: text)! }

    @Test func categoriesMatchTheHandWorkedTable() throws {
        let v = try valuations()
        #expect(v.map(\.trust) == ["AAA", "BBB", "CCC"])
        let expected: [String: [String]] = [
            // activity, staff, executive, land, capital, imaging, IT, working capital, stranded
            "AAA": ["2650000.00", "1000000.00", "100000.00", "500000.00", "1200000.00", "729904.18", "50000.00", "100000.00", "60000.00"],
            "BBB": ["1170000.00", "600000.00", "50000.00", "0.00", "0.00", "400000.00", "25000.00", "50000.00", "0.00"],
            "CCC": ["720000.00", "400000.00", "50000.00", "250000.00", "100000.00", "1000000.00", "25000.00", "50000.00", "40000.00"],
        ]
        for t in v {
            #expect(ValuationCategory.allCases.map { t[$0].plain } == expected[t.trust]!, "trust \(t.trust)")
        }
        #expect(v.map(\.total.plain) == ["6389904.18", "2295000.00", "2635000.00"])
    }

    @Test func investmentsAndEquipmentAreValuedByTheDocumentedRules() throws {
        let a = try valuations()[0]
        #expect(a.investments.map(\.value.plain) == ["200000.00", "1000000.00"])
        #expect(a.investments[0].discountFactor == nil) // formation + 3 months exactly: current cost
        #expect(ShareText.exact(a.investments[1].discountFactor!).hasPrefix("1.21550625")) // 1.05^4
        #expect(a.equipment.map(\.assetTag) == ["A-CT1", "A-MR1", "A-US9"]) // A-XR1 is not exclusive
        #expect(a.equipment.map(\.value.plain) == ["279904.18", "450000.00", "0.00"])
        #expect(a.equipment.map(\.basis) == [.depreciated, .netBookValue, .disposed])
        let b = try valuations()[1]
        #expect(b.equipment.isEmpty && b[.imagingEquipment] == p("400000.00")) // override beats the register
    }

    @Test func percentagesByEveryMethod() throws {
        let weights = try BlendWeights.parse("contribution=0.5,volume=0.3,operating=0.2")
        let report = ShareCalculator.sideBySide(try valuations(), weights: weights)
        #expect(report.unavailable.isEmpty)
        let expected: [ShareMethod: [String]] = [
            .contribution: ["56.45", "20.27", "23.28"],
            .volume: ["58.37", "25.77", "15.86"],
            .pay: ["50.00", "30.00", "20.00"],
            .nonPay: ["46.15", "30.77", "23.08"],
            .operating: ["50.00", "31.67", "18.33"],
            // net assets 829,904.18 / 450,000.00 / 1,050,000.00 of 2,329,904.18
            .goingConcern: ["35.62", "19.31", "45.07"],
            .blend: ["55.74", "24.20", "20.06"],
        ]
        for s in report.sets {
            #expect(s.trusts.map(\.percent) == expected[s.method]!, "method \(s.method)")
            #expect(s.trusts.reduce(0) { $0 + $1.percentUnits } == 10000)
        }
        #expect(report.set(.contribution)!.total == p("11319904.18"))
        #expect(report.set(.volume)!.total == p("4540000.00"))
        #expect(report.set(.operating)!.total == p("6000000.00"))
    }

    @Test func exactSharesCarryAtLeastTwentySignificantDigits() throws {
        let report = ShareCalculator.sideBySide(try valuations(), weights: try BlendWeights.parse("contribution=0.5,volume=0.3,operating=0.2"))
        let c = report.set(.contribution)!
        #expect(c.trusts[0].shareText.hasPrefix("0.564483946011634879404076"))
        #expect(c.trusts[1].shareText.hasPrefix("0.202740232029066521656723"))
        #expect(c.trusts[2].shareText.hasPrefix("0.232775821959298598939200"))
        #expect(report.set(.pay)!.trusts.map(\.shareText) == ["0.5", "0.3", "0.2"])
        #expect(report.set(.nonPay)!.trusts[0].shareText.hasPrefix("0.461538461538461538461538"))
        #expect(report.set(.blend)!.trusts[0].shareText.hasPrefix("0.557352105164407748072082"))
        #expect(report.set(.blend)!.trusts[2].shareText.hasPrefix("0.200631670157329181995297"))
    }

    @Test func theWholeInventoryCountsByDefault() throws {
        let c = try ContributionsFile.parse(yaml: WorkedExample.yaml, fileName: "example.yaml")
        let v = try Valuer.value(c, equipment: WorkedExample.register)
        // A-XR1: 330,000 × (1 − 365 / (12 × 365.25)) = 330,000 × 3018/4383 = 302,518.82 (rounded once)
        #expect(v[0].equipment.first { $0.assetTag == "A-XR1" }?.value.plain == "302518.82")
        #expect(v[0][.imagingEquipment].plain == "1032423.00")
    }

    @Test func asOfDateDepreciatesFurther() throws {
        let c = try ContributionsFile.parse(yaml: WorkedExample.yaml, fileName: "example.yaml")
        let v = try Valuer.value(c, equipment: WorkedExample.register, asOf: CalendarDate(year: 2026, month: 4, day: 1), exclusiveOnly: true)
        // C-MR1 one year (365 days) in: 1,000,000 × (1 − 365/3652.5) = 900,068.45
        #expect(v[2][.imagingEquipment].plain == "900068.45")
    }
}
