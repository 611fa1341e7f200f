import CapitalCore
import Foundation
import Optimizer
import Testing
@testable import Planning

/// The expected-cost formula on hand-worked cases (docs/planning.md, "Expected cost"), the whole price, and the
/// properties a planner in pounds must have.
@Suite struct ExpectedCostTests {
    let model = ServiceCostModel(ServiceCostParameters())

    func close(_ a: Double, _ b: Double, _ tolerance: Double = 0.01) -> Bool { abs(a - b) <= tolerance }

    /// A CT (£700,000, life 10, criticality 5) at age 0, under warranty:
    /// breakdowns = 1.0 × (1 + 2 × (0.5/10)²) = 1.005; lost scans = 1.005 × 2 days × 15,000/365 a day;
    /// service = that × £150 × weight 1.5; repairs = 1.005 × 1% × £700,000; no upkeep under warranty.
    @Test func newCTUnderWarranty() {
        let ct = UnitState(modality: .ct, lifeYears: 10, equipmentPounds: 700_000, criticality: 5)
        let c = model.year(ct, ageYears: 0, supportEnded: false, underWarranty: true)
        let rate = 1.005
        #expect(close(c.service, rate * 2 * 15_000 / 365 * 150 * 1.5))
        #expect(close(c.service, 18_585.62))
        #expect(close(c.repairs, rate * 0.01 * 700_000))
        #expect(c.upkeep == 0 && c.rules == 0 && c.unmetDemand == 0)
    }

    /// The same CT at 12 with support ended: breakdowns 1.0 × (1 + 2 × 1.25²) × 1.5 = 6.1875; days 2 × 2 = 4;
    /// repairs and the contract (9% of the price) × 1.5.
    @Test func oldCTOutOfSupport() {
        let ct = UnitState(modality: .ct, lifeYears: 10, equipmentPounds: 700_000, criticality: 5)
        let c = model.year(ct, ageYears: 12, supportEnded: true, underWarranty: false)
        let rate = (1 + 2 * 1.25 * 1.25) * 1.5
        #expect(close(rate, 6.1875))
        #expect(close(c.service, rate * 4 * 15_000 / 365 * 150 * 1.5))
        #expect(close(c.repairs, rate * 0.01 * 700_000 * 1.5))
        #expect(close(c.upkeep, 0.09 * 700_000 * 1.5))
        #expect(close(c.expected, c.service + c.repairs + c.upkeep))
    }

    /// The register's own record: 3 failures last year at a modelled 1.08 a year blend to (3 + 1.08) / 2 = 2.04,
    /// a factor of 2.04 / 1.08; 120 hours down over 3 failures is 1.667 days each, blended with the modality's 2
    /// days by count: (3 × 1.667 + 1 × 2) / 4 = 1.75, so the modality's 2 days stand. A quiet year never lowers
    /// either below the modality's figures; 240 hours over 3 failures (3.333 days) raise days to 3.
    @Test func recordedFailuresAndDowntimeBlendIn() {
        let modelled = model.modelledBreakdowns(.ct, ageYears: 2, lifeYears: 10)
        #expect(close(modelled, 1.08, 1e-9))
        #expect(close(model.historyFactor(.ct, failures: 3, ageYears: 2, lifeYears: 10), 2.04 / 1.08, 1e-9))
        #expect(model.historyFactor(.ct, failures: 0, ageYears: 2, lifeYears: 10) == 1)
        #expect(close(model.recordedDaysDown(.ct, failures: 3, downtimeHours: 120) ?? 0, 2, 1e-9))
        #expect(close(model.recordedDaysDown(.ct, failures: 3, downtimeHours: 240) ?? 0, 3, 1e-9))
        #expect(model.recordedDaysDown(.ct, failures: 0, downtimeHours: 60) == nil)
        // Hostile figures do not trap and stay finite.
        #expect(model.historyFactor(.ct, failures: Int.max, ageYears: 2, lifeYears: 10).isFinite)
        #expect(model.recordedDaysDown(.ct, failures: Int.max, downtimeHours: .infinity) == nil)
    }

    /// Criticality scales the consequence only.
    @Test func criticalityScalesLostScansOnly() {
        let low = model.year(UnitState(modality: .mri, lifeYears: 10, equipmentPounds: 1e6, criticality: 1),
                             ageYears: 8, supportEnded: false, underWarranty: false)
        let high = model.year(UnitState(modality: .mri, lifeYears: 10, equipmentPounds: 1e6, criticality: 5),
                              ageYears: 8, supportEnded: false, underWarranty: false)
        #expect(close(high.service, low.service * 3))
        #expect(high.repairs == low.repairs && high.upkeep == low.upkeep)
    }

    /// Whole price: CT £700,000 + works 30% (£210,000) + VAT 20% on both (£182,000) = £1,092,000; recoverable VAT
    /// drops the VAT; a site's own works figure replaces the fraction; inflation applies from the first year.
    @Test func wholePriceHasWorksAndIrrecoverableVAT() {
        var policy = PlanningPolicy(firstYear: 2026, years: 3, budgets: Array(repeating: .pounds(1), count: 3))
        let p = policy.wholePrice(modality: .ct, trust: "RAA", site: "S1", purchaseCost: nil, installYear: 2015, in: 2026)
        #expect(p == PriceBreakdown(equipment: .pounds(700_000), works: .pounds(210_000), vat: .pounds(182_000)))
        #expect(p.total == .pounds(1_092_000))
        let later = policy.wholePrice(modality: .ct, trust: "RAA", site: "S1", purchaseCost: nil, installYear: 2015, in: 2027)
        #expect(later.equipment == .pounds(721_000) && later.works == Pence(21_630_000))
        policy.wholePrice.vatRecoverable = true
        policy.wholePrice.siteWorks = ["RAA/S1": [.ct: .pounds(50_000)]]
        let own = policy.wholePrice(modality: .ct, trust: "RAA", site: "S1", purchaseCost: nil, installYear: 2015, in: 2026)
        #expect(own == PriceBreakdown(equipment: .pounds(700_000), works: .pounds(50_000), vat: .zero))
        // A century at 50% inflation neither traps nor overflows.
        let huge = policy.wholePrice(modality: .petCT, trust: "RAA", site: "S1", purchaseCost: nil, installYear: 1900, in: 2125)
        #expect(huge.total.value > 0)
    }

    /// Steady-state need: Σ whole price ÷ years between replacements (CT: £1,092,000 / 10; US: £72,000 / 7).
    @Test func steadyStateNeed() {
        let policy = PlanningPolicy(firstYear: 2026, years: 3, budgets: Array(repeating: .pounds(1), count: 3))
        let need = policy.steadyStateNeed([asset("CT-1", .ct, installed: 2015), asset("US-1", .ultrasound, installed: 2020)])
        #expect(need == .pounds(Int64((1_092_000.0 / 10 + 72_000.0 / 7).rounded())))
    }

    /// Keeping a unit costs more every year as it ages; replacing it resets the cost to the new unit's.
    @Test func entryCostsFollowAgeAndReplacement() throws {
        let policy = PlanningPolicy(firstYear: 2026, years: 5, budgets: Array(repeating: .pounds(5_000_000), count: 5))
        let pm = try PlanModel(assets: [asset("CT-1", .ct, installed: 2017)], policy: policy)
        let e = pm.entries[0]
        let kept = e.costs(under: .none).map(\.expected)
        #expect(zip(kept, kept.dropFirst()).allSatisfy { $0 < $1 })
        let replaced = e.costs(under: ReplacementPattern(years: [2028]))
        #expect(replaced[0] == e.installed[0] && replaced[1] == e.installed[1])
        #expect(replaced[2].expected < kept[2])
        // The penalty is the rounded total, and the model's option carries it.
        let option = try #require(pm.model.items[0].options.first { $0.label == "2028" })
        #expect(option.penalty == e.penalty(ReplacementPattern(years: [2028])))
        #expect(option.penalty == option.penalty.rounded())
    }

    /// A unit past its hard maximum age is a breach priced at 2 × its whole price × its criticality weight (MRI: 1.5) a
    /// year; the plan lists it and the
    /// money that would remove it when the budget cannot, and still returns a plan.
    @Test func hardRuleBreachIsListedWithTheMoneyToMeetIt() throws {
        let policy = PlanningPolicy(firstYear: 2026, years: 3, budgets: [.pounds(100_000), .pounds(100_000), .pounds(5_000_000)])
        let plan = try Planner.plan(assets: [asset("MR-1", .mri, installed: 2014)], policy: policy,
                                    options: SolverOptions(timeLimit: 5))
        #expect(plan.status == .optimal)
        #expect(plan.assets[0].replacements.map(\.year) == [2028])
        // Age 12 and 13 in 2026 and 2027: over the MRI maximum of 10.
        #expect(plan.breaches.map(\.year) == [2026, 2027])
        #expect(plan.breaches.allSatisfy { $0.rule == .maxAge && $0.key == "RAA/MR-1" })
        let price = PlanModel.price(of: asset("MR-1", .mri, installed: 2014), in: 2026, policy: policy)
        #expect(plan.moneyToMeetRules == [YearAmount(year: 2026, amount: price)])
        #expect(PlanRenderer.rulesLine(plan).contains("2026 \(price.formatted)"))
        let pm = try PlanModel(assets: [asset("MR-1", .mri, installed: 2014)], policy: policy)
        #expect(abs(pm.entries[0].installed[0].rules - 2 * 1.5 * Double(price.value) / 100) < 0.01)
        // An ultrasound (criticality 3, weight 1) past the absolute 15 years costs 2 × its own price.
        let us = try PlanModel(assets: [asset("US-1", .ultrasound, installed: 2008)], policy: policy)
        let usPrice = PlanModel.price(of: asset("US-1", .ultrasound, installed: 2008), in: 2026, policy: policy)
        #expect(abs(us.entries[0].installed[0].rules - 2 * Double(usPrice.value) / 100) < 0.01)
    }

    /// Properties on random small networks solved to optimality: raising an asset's consequence never makes it
    /// replaced later, and more budget never raises the objective.
    @Test(arguments: 1...10)
    func consequenceAndBudgetProperties(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        let modalities: [Modality] = [.ct, .ultrasound, .mri, .mobileXRay, .dexa]
        var assets = (0..<5).map { i in
            asset("A\(i)", modalities[Int(rng.next() % 5)], installed: 2008 + Int(rng.next() % 14),
                  site: "S\(rng.next() % 3)", failures: Int(rng.next() % 4), criticality: 1 + Int(rng.next() % 3))
        }
        let budget = Pence.pounds(Int64(200_000 + rng.next() % 1_500_000))
        let policy = PlanningPolicy(firstYear: 2026, years: 4, budgets: Array(repeating: budget, count: 4))
        let exact = SolverOptions(timeLimit: 20)
        let base = Planner.plan(try PlanModel(assets: assets, policy: policy), options: exact)
        #expect(base.status == .optimal)
        let target = Int(rng.next() % 5)
        let before = base.assets[target].replacements.first?.year ?? Int.max
        assets[target].criticality = 5
        let raised = Planner.plan(try PlanModel(assets: assets, policy: policy), options: exact)
        #expect(raised.status == .optimal)
        // Optima can tie; the property holds for the optimal value: the asset's first year under the raised
        // consequence is no later, unless an equally good plan exists that keeps the order (checked by value).
        let after = raised.assets[target].replacements.first?.year ?? Int.max
        // Exact optima can tie: then the base plan, priced under the raised consequence, is as good as the new one.
        let pm = try PlanModel(assets: assets, policy: policy)
        let basePriced = zip(pm.entries, base.assets).reduce(0.0) { total, pair in
            total + pair.0.penalty(ReplacementPattern(years: pair.1.replacements.map(\.year)))
        }
        #expect(after <= before || abs(basePriced - raised.objective!) < 1e-6,
                "asset \(target) moved from \(before) to \(after) when its consequence rose")
        let richer = Planner.plan(try PlanModel(assets: assets, policy: policy.withAnnualBudget(budget * 2)), options: exact)
        #expect(richer.objective! <= raised.objective! + 1e-6)
    }
}
