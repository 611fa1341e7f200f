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

    @Test func sameYearLotsWithoutAWindow() throws {
        let (assets, plan) = try scenario()
        let lots = try PurchaseLots.build(plan: plan, assets: assets)
        #expect(lots.map(\.id) == ["CT-2026-1", "US-2026-1", "CT-2027-1"])
        let ct = lots[0]
        #expect(ct.quantity == 2 && ct.needDate == date(2026, 4, 1))
        #expect(ct.trusts == [.init(trust: "RAA", site: nil, quantity: 1), .init(trust: "RBB", site: nil, quantity: 1)])
        #expect(ct.sites.map { "\($0.trust)/\($0.site!)" } == ["RAA/S1", "RBB/S2"])
        #expect(ct.value == .pounds(1_400_000))
        #expect(ct.aboveThreshold)
        #expect(lots[2].value == .pounds(721_000)) // 2027 prices: 3% inflation
        #expect(lots[1].value == .pounds(120_000) && lots[1].aboveThreshold) // £144,000 inc VAT ≥ £135,018
        try PurchaseLots.reconcile(lots: lots, plan: plan, window: 0)
    }

    @Test func aWindowBringsTheLaterCTForwardAndSaysSo() throws {
        let (assets, plan) = try scenario()
        let lots = try PurchaseLots.build(plan: plan, assets: assets, window: 1)
        #expect(lots.map(\.id) == ["CT-2026-1", "US-2026-1"])
        let ct = lots[0]
        #expect(ct.quantity == 3 && ct.year == 2026 && ct.lastPlannedYear == 2027)
        #expect(ct.moves.map { "\($0.member.key) \($0.fromYear)→\($0.toYear)" } == ["RAA/\(laterCT(plan)) 2027→2026"])
        #expect(ct.value == .pounds(2_121_000)) // valued at planned costs: reconciles to the plan
        try PurchaseLots.reconcile(lots: lots, plan: plan, window: 1)
        let table = LotRendering.table(lots, threshold: .nhsGoods2026, window: 1)
        #expect(table.contains("CT-2026-1: RAA/\(laterCT(plan)) brought forward from 2027 to 2026"))
    }

    @Test func specificationClassesSplitAModality() throws {
        let (assets, plan) = try scenario()
        let lots = try PurchaseLots.build(plan: plan, assets: assets) { $0.tag == "CT-9" ? "128-slice" : nil }
        #expect(lots.map(\.id) == ["CT-2026-1", "CT-2026-2", "US-2026-1", "CT-2027-1"])
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

    @Test func financialYearDates() {
        #expect(FinancialYear.start(2027) == date(2027, 4, 1))
        #expect(FinancialYear.endOnOrAfter(date(2027, 3, 31)) == date(2027, 3, 31))
        #expect(FinancialYear.endOnOrAfter(date(2027, 4, 1)) == date(2028, 3, 31))
        #expect(FinancialYear.endOnOrAfter(date(2027, 1, 15)) == date(2027, 3, 31))
        #expect(FinancialYear.label(2029) == "2029/30" && FinancialYear.label(2099) == "2099/00")
    }
}
