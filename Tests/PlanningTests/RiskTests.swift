import CapitalCore
import Testing
@testable import Planning

@Suite struct RiskTests {
    let model = RiskModel(RiskParameters())

    @Test func likelihoodFromAgeAgainstLife() {
        // life 10: bands at 6, 8, 10, 12 years.
        #expect([0, 5, 6, 7, 8, 10, 11, 12, 14].map { model.ageLikelihood(ageYears: $0, lifeYears: 10) }
                == [1, 1, 2, 2, 3, 4, 4, 5, 5])
        // Past 15 years: 5 whatever the life.
        #expect(model.ageLikelihood(ageYears: 15, lifeYears: 30) == 5)
        #expect(model.ageLikelihood(ageYears: 14, lifeYears: 30) == 1)
    }

    @Test func supportFailuresAndDowntimeRaiseLikelihoodCappedAtFive() {
        let a = asset("CT-1", .ct, installed: 2020, supportEnd: date(2027, 6, 30), failures: 3, downtime: 80)
        // 2026: age 6 of 10 → 2; support still running; failures +1; downtime +1 → 4.
        #expect(model.likelihood(of: a, lifeYears: 10, in: 2026) == 4)
        // 2027: support ends during the year → +1 → 5.
        #expect(model.likelihood(of: a, lifeYears: 10, in: 2027) == 5)
        // 2029: age 9 → 3, +3 → 6, capped at 5.
        #expect(model.likelihood(of: a, lifeYears: 10, in: 2029) == 5)
        let quiet = asset("CT-2", .ct, installed: 2020, failures: 2, downtime: 79.5)
        #expect(model.likelihood(of: quiet, lifeYears: 10, in: 2026) == 2)
    }

    @Test func impactFromCriticalitySoleUnitAndUtilisation() {
        #expect(model.impact(criticality: 5, soleUnit: true, utilisation: 0.95) == 5)
        #expect(model.impact(criticality: 3, soleUnit: true, utilisation: nil) == 4)
        #expect(model.impact(criticality: 3, soleUnit: true, utilisation: 0.9) == 5)
        #expect(model.impact(criticality: 2, soleUnit: false, utilisation: 0.5) == 2)
    }

    @Test func riskRowResetsAfterReplacement() throws {
        // A DEXA (life 10, criticality 2) installed 2016, the trust's only one: impact 3.
        let a = asset("DX-1", .dexa, installed: 2016)
        let policy = PlanningPolicy(firstYear: 2026, years: 5, budgets: Array(repeating: .pounds(1_000_000), count: 5))
        let pm = try PlanModel(assets: [a], policy: policy)
        let e = pm.entries[0]
        #expect(e.impact == 3)
        // Ages 10..14 → likelihood 4, 4, 5, 5, 5 → risk 12, 12, 15, 15, 15.
        #expect(e.baselineRisk == [12, 12, 15, 15, 15])
        #expect(e.dueYear == 2026)
        // Replaced in 2028: ages 0, 1, 2 of the new unit → likelihood 1 → risk 3.
        #expect(e.risk(under: ReplacementPattern(years: [2028])) == [12, 12, 3, 3, 3])
        #expect(e.penalty(ReplacementPattern(years: [2028])) == 33)
        #expect(e.penalty(.none) == 69)
    }

    @Test func inflatedPrices() {
        let policy = PlanningPolicy(firstYear: 2026, years: 3, budgets: Array(repeating: .zero, count: 3), inflation: 0.03)
        let ct = asset("CT-1", .ct, installed: 2016)
        #expect(PlanModel.price(of: ct, in: 2026, policy: policy) == .pounds(700_000))
        #expect(PlanModel.price(of: ct, in: 2028, policy: policy) == .pounds(742_630))
        var byCost = policy
        byCost.priceBasis = .purchaseCost
        var bought = ct
        bought.purchaseCost = .pounds(500_000)
        // Inflated from the install year (2016) to 2026: 500,000 × 1.03^10 = 671,958.19…
        #expect(PlanModel.price(of: bought, in: 2026, policy: byCost) == Pence(67_195_819))
    }
}
