import CapitalCore
import Optimizer
import Planning
import Testing
@testable import Procurement

/// Hand-checked lots from small plans whose outcome the planner's own tests pin down.
@Suite struct PurchaseLotTests {
    let exact = SolverOptions(timeLimit: 20)

    /// Two old CTs at RAA/S1 (the site cap of one per year puts the second in 2027), one at RBB/S2, two old
    /// ultrasounds: CT 2026 × 2 (two trusts), CT 2027 × 1, US 2026 × 2.
    func scenario() throws -> ([PlanAsset], Plan) {
        let assets = [asset("CT-1", .ct, installed: 2012), asset("CT-2", .ct, installed: 2013),
                      asset("CT-9", .ct, installed: 2011, trust: "RBB", site: "S2"),
                      asset("US-1", .ultrasound, installed: 2012), asset("US-2", .ultrasound, installed: 2012, trust: "RBB", site: "S2")]
        let policy = PlanningPolicy(firstYear: 2026, years: 3, budgets: Array(repeating: .pounds(5_000_000), count: 3))
        let plan = try Planner.plan(assets: assets, policy: policy, options: exact)
        try #require(plan.status == .optimal)
        return (assets, plan)
    }

    /// The RAA CT the site cap pushes to 2027 (the planner may pick either).
    func laterCT(_ plan: Plan) -> String {
        plan.assets.first { $0.trust == "RAA" && $0.modality == .ct && $0.replacements.first?.year == 2027 }!.tag
    }

    func earlierCT(_ plan: Plan) -> String {
        plan.assets.first { $0.trust == "RAA" && $0.modality == .ct && $0.replacements.first?.year == 2026 }!.tag
    }

    /// The plan's whole price for `tag`'s first replacement.
    func cost(_ plan: Plan, _ tag: String, trust: String = "RAA") -> Pence {
        plan.assets.first { $0.trust == trust && $0.tag == tag }!.replacements[0].cost
    }

    @Test func sameYearLotsWithoutAWindow() throws {
        let (assets, plan) = try scenario()
        let lots = try PurchaseLots.build(plan: plan, assets: assets)
        try #require(lots.map(\.id) == ["CT-2026-1", "US-2026-1", "CT-2027-1"])
        let ct = lots[0]
        #expect(ct.quantity == 2 && ct.needDate == date(2026, 4, 1))
        #expect(ct.trusts == [.init(trust: "RAA", site: nil, quantity: 1), .init(trust: "RBB", site: nil, quantity: 1)])
        #expect(ct.sites.map { "\($0.trust)/\($0.site!)" } == ["RAA/S1", "RBB/S2"])
        // Whole prices (equipment, works, VAT) as the plan gives them.
        #expect(ct.value == cost(plan, earlierCT(plan)) + cost(plan, "CT-9", trust: "RBB"))
        #expect(ct.value > .pounds(1_400_000)) // more than two CTs' list price: works and VAT are in
        #expect(ct.aboveThreshold)
        #expect(lots[2].value.value * 100 == cost(plan, earlierCT(plan)).value * 103) // 2027 prices: 3% inflation
        #expect(lots[1].value == cost(plan, "US-1") + cost(plan, "US-2", trust: "RBB") && lots[1].aboveThreshold)
        #expect(lots.allSatisfy { $0.heldBack.isEmpty && $0.members.allSatisfy { $0.kind == .replacement } })
        try PurchaseLots.reconcile(lots: lots, plan: plan, window: 0)
    }

    @Test func aWindowBringsTheLaterCTForwardAndSaysSo() throws {
        let (assets, plan) = try scenario()
        // The later CT fits 2026's headroom (£5m budget): it is brought forward.
        try #require(plan.yearSummaries[0].headroom >= cost(plan, laterCT(plan)))
        let lots = try PurchaseLots.build(plan: plan, assets: assets, window: 1)
        try #require(lots.map(\.id) == ["CT-2026-1", "US-2026-1"])
        let ct = lots[0]
        #expect(ct.quantity == 3 && ct.year == 2026 && ct.lastPlannedYear == 2027 && ct.heldBack.isEmpty)
        #expect(ct.moves.map { "\($0.member.key) \($0.fromYear)→\($0.toYear)" } == ["RAA/\(laterCT(plan)) 2027→2026"])
        // Valued at planned costs: reconciles to the plan.
        #expect(ct.value == cost(plan, earlierCT(plan)) + cost(plan, "CT-9", trust: "RBB") + cost(plan, laterCT(plan)))
        try PurchaseLots.reconcile(lots: lots, plan: plan, window: 1)
        let table = LotRendering.table(lots, threshold: .nhsGoods2026, window: 1)
        #expect(table.contains("CT-2026-1: RAA/\(laterCT(plan)) brought forward from 2027 to 2026"))
    }

    @Test func specificationClassesSplitAModality() throws {
        let (assets, plan) = try scenario()
        let lots = try PurchaseLots.build(plan: plan, assets: assets) { $0.tag == "CT-9" ? "128-slice" : nil }
        try #require(lots.map(\.id) == ["CT-2026-1", "CT-2026-2", "US-2026-1", "CT-2027-1"])
        #expect(lots[0].specification == "128-slice" && lots[0].members.map(\.tag) == ["CT-9"])
        #expect(lots[1].specification == nil && lots[1].members.map(\.tag) == [earlierCT(plan)])
        try PurchaseLots.reconcile(lots: lots, plan: plan)
    }

    @Test func aUnitDueTwiceNeverSharesALotWithItself() throws {
        // A 2-year-life ultrasound is replaced more than once in six years; a wide window still keeps one unit per lot.
        let assets = [asset("US-1", .ultrasound, installed: 2020, life: 2, failures: 3)]
        let policy = PlanningPolicy(firstYear: 2026, years: 6, budgets: Array(repeating: .pounds(5_000_000), count: 6))
        let plan = try Planner.plan(assets: assets, policy: policy, options: exact)
        let planned = plan.assets[0].replacements.count
        try #require(planned >= 2)
        let lots = try PurchaseLots.build(plan: plan, assets: assets, window: 5)
        #expect(lots.count == planned && lots.allSatisfy { $0.quantity == 1 && $0.moves.isEmpty })
        try PurchaseLots.reconcile(lots: lots, plan: plan, window: 5)
    }

    @Test func negativeWindowIsAUserError() throws {
        let (assets, plan) = try scenario()
        #expect(throws: UserError.self) { try PurchaseLots.build(plan: plan, assets: assets, window: -1) }
    }

    @Test func thresholdComparesGrossedUpValueAtOrAbove() {
        let t = ProcurementThreshold.nhsGoods2026
        // £112,515.00 ex VAT × 1.2 = £135,018.00: exactly at the threshold counts.
        #expect(t.isMet(byExVAT: Pence(11_251_500)))
        #expect(!t.isMet(byExVAT: Pence(11_251_499)))
        let ex = ProcurementThreshold.exVAT(.pounds(100_000))
        #expect(ex.isMet(byExVAT: .pounds(100_000)) && !ex.isMet(byExVAT: Pence(9_999_999)))
        #expect(t.description == "£135,018.00 inc VAT")
    }

    /// Plan costs include the VAT the network cannot recover; the threshold is tested on the value without it.
    @Test func thresholdIsTestedOnTheValueExVAT() throws {
        // £108,000 whole price of which £18,000 is VAT: £90,000 ex VAT, below an ex-VAT limit of £100,000 that the
        // whole price would pass; statutory: £90,000 × 1.2 = £108,000 < £135,018.
        let plan = handPlan([Buy(tag: "US-1", modality: .ultrasound, year: 2026, cost: .pounds(108_000), vat: .pounds(18_000))],
                            budgets: [.pounds(1_000_000)])
        let ownLimit = try PurchaseLots.build(plan: plan, assets: [], threshold: .exVAT(.pounds(100_000)))
        try #require(ownLimit.count == 1)
        #expect(ownLimit[0].value == .pounds(108_000) && ownLimit[0].valueExVAT == .pounds(90_000))
        #expect(!ownLimit[0].aboveThreshold)
        #expect(try PurchaseLots.build(plan: plan, assets: [], threshold: .exVAT(.pounds(90_000)))[0].aboveThreshold)
        #expect(try !PurchaseLots.build(plan: plan, assets: [])[0].aboveThreshold)
        #expect(ownLimit[0].members[0].vat == .pounds(18_000) && ownLimit[0].members[0].costExVAT == .pounds(90_000))
        try PurchaseLots.reconcile(lots: ownLimit, plan: plan)
    }

    @Test func financialYearDates() {
        #expect(FinancialYear.start(2027) == date(2027, 4, 1))
        #expect(FinancialYear.endOnOrAfter(date(2027, 3, 31)) == date(2027, 3, 31))
        #expect(FinancialYear.endOnOrAfter(date(2027, 4, 1)) == date(2028, 3, 31))
        #expect(FinancialYear.endOnOrAfter(date(2027, 1, 15)) == date(2027, 3, 31))
        #expect(FinancialYear.label(2029) == "2029/30" && FinancialYear.label(2099) == "2099/00")
    }
}
