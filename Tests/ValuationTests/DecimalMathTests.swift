import CapitalCore
import Foundation
import Testing
@testable import Valuation

@Suite struct DecimalMathTests {
    @Test func lnAndExpAgreeWithFiftyDigitReferences() {
        // References from Python's decimal module at 50 digits.
        #expect(ShareText.exact(DecimalMath.ln(Decimal(string: "1.05")!)).hasPrefix("0.04879016416943200306537440422316"))
        #expect(ShareText.exact(DecimalMath.ln(2)).hasPrefix("0.69314718055994530941723212145817"))
        #expect(ShareText.exact(DecimalMath.exp(1)).hasPrefix("2.7182818284590452353602874713"))
        #expect(DecimalMath.ln(1) == 0)
        #expect(DecimalMath.exp(0) == 1)
    }

    @Test func fractionalPowersMatchReferences() {
        let f92 = Valuer.discountFactor(rate: Decimal(string: "0.035")!, days: 92)
        #expect(ShareText.exact(f92).hasPrefix("1.00870276026822169382716122353"))
        let f731 = Valuer.discountFactor(rate: Decimal(string: "0.035")!, days: 731)
        #expect(ShareText.exact(f731).hasPrefix("1.07127544837245237173592717116"))
    }

    @Test func wholeYearPowersAreExact() {
        #expect(Valuer.discountFactor(rate: Decimal(string: "0.05")!, days: 1461) == Decimal(string: "1.21550625")!)
    }

    @Test func investmentWindowIsFormationPlusThreeMonthsInclusive() {
        let formed = CalendarDate(year: 2025, month: 4, day: 1)!
        let rate = Decimal(string: "0.035")!
        let onEdge = Valuer.valueInvestment(Investment(amount: .pounds(1_500_000), date: CalendarDate(year: 2025, month: 7, day: 1)!), formed: formed, rate: rate)
        #expect(onEdge.value == .pounds(1_500_000) && onEdge.discountFactor == nil)
        let dayAfter = Valuer.valueInvestment(Investment(amount: .pounds(1_000_000), date: CalendarDate(year: 2025, month: 7, day: 2)!), formed: formed, rate: rate)
        #expect(dayAfter.discountFactor != nil)
        // 1,500,000 / 1.035^(731/365.25) = 1,400,200.11 (Python decimal, 50 digits)
        let later = Valuer.valueInvestment(Investment(amount: .pounds(1_500_000), date: CalendarDate(year: 2027, month: 4, day: 2)!), formed: formed, rate: rate)
        #expect(later.value.plain == "1400200.11")
    }

    @Test func depreciationNeverGoesBelowZero() {
        let old = EquipmentValuer.depreciated(cost: .pounds(100_000), installed: CalendarDate(year: 2000, month: 1, day: 1)!,
                                              lifeYears: 10, asOf: CalendarDate(year: 2025, month: 4, day: 1)!)
        #expect(old == .zero)
        let future = EquipmentValuer.depreciated(cost: .pounds(100_000), installed: CalendarDate(year: 2026, month: 1, day: 1)!,
                                                 lifeYears: 10, asOf: CalendarDate(year: 2025, month: 4, day: 1)!)
        #expect(future == .pounds(100_000))
        let noData = EquipmentValuer.value(EquipmentHolding(trust: "A", assetTag: "X", modality: .ct), asOf: CalendarDate(year: 2025, month: 1, day: 1)!)
        #expect(noData.basis == .noValueData && noData.value == .zero)
    }
}
