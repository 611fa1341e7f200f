import CapitalCore
import Foundation
import Testing
@testable import Valuation

/// The partnership guidance's valuation rules on small hand-worked cases (issue 17).
@Suite struct GuidanceRulesTests {
    let base = """
    formed: 2026-04-01
    discount_rate: 0.05
    price_list: {CT: 100.00}

    """

    func report(_ yaml: String, equipment: [EquipmentHolding] = [], exclusiveOnly: Bool = false,
                lifespan: Int? = nil) throws -> SharesReport {
        try SharesReport.compute(contributions: try ContributionsFile.parse(yaml: yaml, fileName: "c.yaml"), equipment: equipment,
                                 exclusiveOnly: exclusiveOnly, lifespanYears: lifespan)
    }

    @Test func threeMonthRuleBothSidesOfFormation() throws {
        let r = try report(base + """
        trusts:
          RAA:
            staff: 1000.00
            investments:
              - {amount: 50000.00, date: 2026-03-01}
              - {amount: 70000.00, date: 2024-04-01}
              - {amount: 30000.00, date: 2026-01-01}
          RBB:
            staff: 1000.00
        """)
        let a = r.valuations[0]
        // One month before formation: at cost. Two years before: left out. 2026-01-01 is exactly formation − 3 months: counts.
        #expect(a.investments.map(\.value.plain) == ["50000.00", "0.00", "30000.00"])
        #expect(a.investments.map { $0.excluded == nil } == [true, false, true])
        #expect(a.investments[0].discountFactor == nil)
        #expect(a[.capitalInvestment].plain == "80000.00")
        #expect(r.notes.contains { $0.hasPrefix("RAA: investment of £70,000.00 dated 2024-04-01 is more than three months before formation (2026-04-01; the window opens 2026-01-01): left out") })
        // Contribution: RAA 81,000 of 82,000.
        #expect(r.set(.contribution)?.share(of: "RAA")?.percent == "98.78")
    }

    @Test func aDayBeforeTheWindowIsLeftOut() {
        let v = Valuer.valueInvestment(Investment(amount: .pounds(10), date: CalendarDate(year: 2025, month: 12, day: 31)!),
                                       formed: CalendarDate(year: 2026, month: 4, day: 1)!, rate: 0.05)
        #expect(v.excluded == .beforeWindow(windowStart: CalendarDate(year: 2026, month: 1, day: 1)!) && v.value == .zero)
    }

    @Test func investmentsBeyondTheAgreedLifespanAreLeftOut() throws {
        let yaml = base + """
        lifespan_years: 10
        trusts:
          RAA:
            investments:
              - {amount: 875.75, date: 2125-04-01}
              - {amount: 1050.00, date: 2027-04-01}
        """
        let r = try report(yaml)
        let a = r.valuations[0]
        #expect(a.investments[0].excluded == .beyondLifespan(lifespanEnd: CalendarDate(year: 2036, month: 4, day: 1)!, years: 10))
        // 1,050 / 1.05^(365/365.25) = 1,000.03 (one non-leap year of 365 days, a hair short of a full 365.25)
        #expect(a.investments[1].value.plain == "1000.03")
        #expect(r.notes.contains { $0.contains("after the entity's agreed lifespan (10 years, to 2036-04-01): left out") })
        // An agreement's lifespan, passed in, wins over the file's.
        let longer = try report(yaml, lifespan: 200)
        #expect(longer.valuations[0].investments[0].excluded == nil)
    }

    let register = [
        EquipmentHolding(trust: "RAA", assetTag: "A1", modality: .ct, netBookValue: .pounds(300_000), exclusiveToNetwork: true),
        EquipmentHolding(trust: "RBB", assetTag: "B1", modality: .ct, netBookValue: .pounds(100_000)),
    ]
    let twoTrusts = """
    trusts:
      RAA:
        working_capital: 0.00
      RBB:
        working_capital: 0.00
    """

    @Test func equipmentIsTheWholeInventoryUnlessExclusiveOnly() throws {
        let all = try report(base + twoTrusts, equipment: register)
        #expect(all.valuations.map { $0[.imagingEquipment].plain } == ["300000.00", "100000.00"])
        #expect(all.set(.contribution)?.trusts.map(\.percent) == ["75.00", "25.00"])
        #expect(all.warnings.isEmpty)
        let flagged = try report(base + twoTrusts, equipment: register, exclusiveOnly: true)
        #expect(flagged.valuations.map { $0[.imagingEquipment].plain } == ["300000.00", "0.00"])
        #expect(flagged.warnings == ["warning: --exclusive-only, but the registers of RBB flag no asset exclusive to the network, so their imaging equipment counts £0.00 while others' counts; flag their assets or value the whole inventory"])
        let none = try report(base + twoTrusts, equipment: register.map {
            EquipmentHolding(trust: $0.trust, assetTag: $0.assetTag, modality: $0.modality, netBookValue: $0.netBookValue)
        }, exclusiveOnly: true)
        #expect(none.warnings.first?.hasPrefix("warning: --exclusive-only, but no register flags any asset exclusive") == true)
    }

    @Test func goingConcernIsNetAssets() throws {
        let r = try report(base + """
        trusts:
          RAA:
            working_capital: 50000.00
            liabilities: 150000.00
          RBB:
            working_capital: 20000.00
            liabilities: 20000.00
        """, equipment: register)
        // RAA 300,000 + 50,000 − 150,000 = 200,000; RBB 100,000 + 20,000 − 20,000 = 100,000.
        #expect(r.valuations.map(\.netAssets.plain) == ["200000.00", "100000.00"])
        let gc = try #require(r.set(.goingConcern))
        #expect(gc.trusts.map(\.percent) == ["66.67", "33.33"])
        #expect(gc.total?.plain == "300000.00")
        #expect(try ShareMethod.parse("going_concern") == .goingConcern)
        // Liabilities beyond assets: the method does not apply, and says why.
        let negative = try report(base + "trusts:\n  RAA:\n    liabilities: 400000.00\n  RBB:\n    staff: 1.00\n", equipment: register)
        #expect(negative.set(.goingConcern) == nil)
        #expect(negative.unavailable.first { $0.method == .goingConcern }?.reason.contains("trust RAA's net assets") == true)
    }

    /// Hostile dates: a formation in year 1 or 9999 and a long lifespan are held within the calendar, never a trap.
    @Test func windowsAtTheEdgesOfTheCalendarDoNotTrap() throws {
        let early = try report("formed: 0001-02-01\ndiscount_rate: 0\nprice_list: {CT: 1}\nlifespan_years: 200\ntrusts:\n  RAA:\n    staff: 1\n    investments:\n      - {amount: 1, date: 0001-01-01}\n")
        #expect(early.valuations[0][.capitalInvestment].plain == "1.00")
        let late = try report("formed: 9999-12-01\ndiscount_rate: 0\nprice_list: {CT: 1}\nlifespan_years: 200\ntrusts:\n  RAA:\n    staff: 1\n    investments:\n      - {amount: 1, date: 9999-12-31}\n")
        #expect(late.valuations[0][.capitalInvestment].plain == "1.00")
        #expect(CalendarDate(year: 9999, month: 12, day: 1)!.addingClamped(months: 2400) == CalendarDate(year: 9999, month: 12, day: 31)!)
        #expect(CalendarDate(year: 1, month: 2, day: 1)!.addingClamped(months: -3) == CalendarDate(year: 1, month: 1, day: 1)!)
    }
}
