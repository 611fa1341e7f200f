import CapitalCore
import Optimizer
import Planning
import Testing
@testable import Procurement

/// The window brings a purchase forward only into the lot year's budget headroom; what does not fit stays in its
/// own year and is flagged on the lot it could have joined. Additional units are purchases too.
@Suite struct HeadroomTests {
    /// 2026: RAA/CT-1 £1,000,000 and RAA/US-1 £100,000. 2027: RAA/CT-2 £1,030,000, RBB/CT-9 £800,000 and
    /// RBB/US-2 £60,000. Budgets: `budget2026`, then £2,000,000.
    static let buys = [
        Buy(tag: "CT-1", year: 2026, cost: .pounds(1_000_000)),
        Buy(tag: "US-1", modality: .ultrasound, year: 2026, cost: .pounds(100_000)),
        Buy(site: "S2", tag: "CT-2", year: 2027, cost: .pounds(1_030_000)),
        Buy(trust: "RBB", tag: "CT-9", year: 2027, cost: .pounds(800_000)),
        Buy(trust: "RBB", tag: "US-2", modality: .ultrasound, year: 2027, cost: .pounds(60_000)),
    ]

    static func plan(budget2026: Pence) -> Plan { handPlan(buys, budgets: [budget2026, .pounds(2_000_000)]) }

    /// Lot id → member keys.
    func members(_ lots: [PurchaseLot]) -> [String: [String]] {
        Dictionary(uniqueKeysWithValues: lots.map { ($0.id, $0.members.map(\.key)) })
    }

    /// The lots bought in each year, in total.
    func yearTotals(_ lots: [PurchaseLot]) -> [Int: Pence] {
        lots.reduce(into: [:]) { $0[$1.year, default: .zero] = $0[$1.year, default: .zero] + $1.value }
    }

    @Test func nextYearsItemsThatWouldOverrunThisYearsBudgetStayInTheirYearAndAreFlagged() throws {
        // 2026 spends £1,100,000 of £2,000,000: £900,000 of headroom. CT-2 (£1,030,000) does not fit and is held
        // back; CT-9 (£800,000) fits, leaving £100,000; US-2 (£60,000) fits, leaving £40,000.
        let plan = Self.plan(budget2026: .pounds(2_000_000))
        let lots = try PurchaseLots.build(plan: plan, assets: [], window: 1)
        #expect(members(lots) == ["CT-2026-1": ["RAA/CT-1", "RBB/CT-9"], "US-2026-1": ["RAA/US-1", "RBB/US-2"],
                                  "CT-2027-1": ["RAA/CT-2"]])
        let ct = lots.first { $0.id == "CT-2026-1" }!
        #expect(ct.heldBack.count == 1)
        let held = try #require(ct.heldBack.first)
        #expect(held.member.key == "RAA/CT-2" && held.member.plannedYear == 2027 && held.year == 2026)
        #expect(held.headroom == .pounds(900_000) && held.shortfall == .pounds(130_000))
        #expect(held.reason == "held back: needs £1,030,000.00, 2026/27 has £900,000.00 of budget headroom left; bought in a later lot (planned 2027/28)")
        #expect(ct.heldBackValue == .pounds(1_030_000))
        #expect(lots.first { $0.id == "CT-2027-1" }!.moves.isEmpty) // bought in its own planned year
        #expect(lots.filter { $0.id != "CT-2026-1" }.allSatisfy { $0.heldBack.isEmpty })
        #expect(yearTotals(lots) == [2026: .pounds(1_960_000), 2027: .pounds(1_030_000)])
        try PurchaseLots.reconcile(lots: lots, plan: plan, window: 1)

        let table = LotRendering.table(lots, threshold: .nhsGoods2026, window: 1)
        #expect(table.contains("CT-2026-1: RAA/CT-2 (planned 2027) held back: needs £1,030,000.00, 2026/27 has £900,000.00"))
        #expect(table.contains("CT-2026-1: RBB/CT-9 brought forward from 2027 to 2026"))
    }

    @Test func aYearAtItsBudgetBringsNothingForward() throws {
        let plan = Self.plan(budget2026: .pounds(1_100_000))
        let lots = try PurchaseLots.build(plan: plan, assets: [], window: 1)
        try #require(lots.map(\.id) == ["CT-2026-1", "US-2026-1", "CT-2027-1", "US-2027-1"])
        #expect(lots.allSatisfy { $0.moves.isEmpty })
        #expect(lots[0].heldBack.map(\.member.key) == ["RAA/CT-2", "RBB/CT-9"] && lots[1].heldBack.map(\.member.key) == ["RBB/US-2"])
        #expect(lots[0].heldBack.allSatisfy { $0.headroom == .zero })
        try PurchaseLots.reconcile(lots: lots, plan: plan, window: 1)
    }

    @Test func enoughHeadroomPullsEverythingForward() throws {
        let plan = Self.plan(budget2026: .pounds(3_000_000)) // £1,900,000 headroom ≥ £1,890,000 planned in 2027
        let lots = try PurchaseLots.build(plan: plan, assets: [], window: 1)
        #expect(members(lots) == ["CT-2026-1": ["RAA/CT-1", "RAA/CT-2", "RBB/CT-9"], "US-2026-1": ["RAA/US-1", "RBB/US-2"]])
        #expect(lots.allSatisfy { $0.heldBack.isEmpty })
        #expect(yearTotals(lots) == [2026: .pounds(2_990_000)])
        try PurchaseLots.reconcile(lots: lots, plan: plan, window: 1)
    }

    @Test func headroomExactlyEqualToTheCostIsEnough() throws {
        // £1,030,000 of headroom: CT-2 fits exactly, leaving nothing for CT-9 or US-2.
        let plan = Self.plan(budget2026: .pounds(2_130_000))
        let lots = try PurchaseLots.build(plan: plan, assets: [], window: 1)
        try #require(lots.first?.id == "CT-2026-1")
        #expect(members(lots)["CT-2026-1"] == ["RAA/CT-1", "RAA/CT-2"])
        #expect(lots[0].heldBack.map(\.member.key) == ["RBB/CT-9"] && lots[0].heldBack.first?.headroom == .zero)
        #expect(yearTotals(lots)[2026] == .pounds(2_130_000))
        try PurchaseLots.reconcile(lots: lots, plan: plan, window: 1)
    }

    @Test func aPlanWithoutYearSummariesHasNoHeadroomSoTheWindowMovesEverything() throws {
        let plan = handPlan(Self.buys, budgets: nil)
        let lots = try PurchaseLots.build(plan: plan, assets: [], window: 1)
        #expect(members(lots) == ["CT-2026-1": ["RAA/CT-1", "RAA/CT-2", "RBB/CT-9"], "US-2026-1": ["RAA/US-1", "RBB/US-2"]])
        #expect(lots.allSatisfy { $0.heldBack.isEmpty })
        try PurchaseLots.reconcile(lots: lots, plan: plan, window: 1)

        // The same lots against the plan with its budgets take 2026 over budget, and reconciliation says so.
        let budgeted = Self.plan(budget2026: .pounds(2_000_000))
        let failure = #expect(throws: ReconciliationFailure.self) { try PurchaseLots.reconcile(lots: lots, plan: budgeted, window: 1) }
        #expect(failure?.problems == ["lots bought in 2026/27 total £2,990,000.00, over its budget £2,000,000.00"])
    }

    @Test func aHeldBackPurchaseCanStillJoinALaterLotBeforeItsOwnYear() throws {
        // Window 2. 2026 has no headroom: CT-B (2027) and CT-C (2028) are held back from CT-2026-1. 2027 has room
        // for CT-C, so the 2027 lot brings it forward from 2028.
        let buys = [Buy(tag: "CT-A", year: 2026, cost: .pounds(900_000)), Buy(site: "S2", tag: "CT-B", year: 2027, cost: .pounds(900_000)),
                    Buy(site: "S3", tag: "CT-C", year: 2028, cost: .pounds(900_000))]
        let plan = handPlan(buys, budgets: [.pounds(900_000), .pounds(2_000_000), .pounds(900_000)])
        let lots = try PurchaseLots.build(plan: plan, assets: [], window: 2)
        try #require(members(lots) == ["CT-2026-1": ["RAA/CT-A"], "CT-2027-1": ["RAA/CT-B", "RAA/CT-C"]])
        #expect(lots[0].heldBack.map(\.member.key) == ["RAA/CT-B", "RAA/CT-C"])
        #expect(lots[1].moves.map(\.fromYear) == [2028] && lots[1].heldBack.isEmpty)
        try PurchaseLots.reconcile(lots: lots, plan: plan, window: 2)
    }

    @Test func aYearThePlanAlreadyOverspendsTakesNothingMore() throws {
        let plan = Self.plan(budget2026: .pounds(1_000_000)) // spends £1,100,000: £100,000 over
        let lots = try PurchaseLots.build(plan: plan, assets: [], window: 1)
        try #require(lots.map(\.id) == ["CT-2026-1", "US-2026-1", "CT-2027-1", "US-2027-1"])
        #expect(lots.allSatisfy { $0.moves.isEmpty })
        #expect(lots[0].heldBack.first?.headroom == .pounds(-100_000))
        try PurchaseLots.reconcile(lots: lots, plan: plan, window: 1)
    }

    @Test func additionalUnitsAreLotMembers() throws {
        // Two sites each add their first extra CT (both tagged NEW-CT-1): distinct units, both in the lot.
        let buys = [Buy(tag: "CT-1", year: 2026, cost: .pounds(1_000_000)),
                    Buy(tag: "NEW-CT-1", year: 2026, cost: .pounds(1_200_000), unit: 1),
                    Buy(site: "S2", tag: "NEW-CT-1", year: 2027, cost: .pounds(1_236_000), unit: 1)]
        let plan = handPlan(buys, budgets: [.pounds(5_000_000), .pounds(5_000_000)])
        #expect(plan.additions.map(\.key) == ["RAA/S1/NEW-CT-1", "RAA/S2/NEW-CT-1"])
        #expect(plan.totalSpend == .pounds(3_436_000))
        let lots = try PurchaseLots.build(plan: plan, assets: [], window: 1)
        try #require(lots.count == 1)
        let lot = lots[0]
        #expect(lot.members.map(\.key) == ["RAA/CT-1", "RAA/S1/NEW-CT-1", "RAA/S2/NEW-CT-1"])
        #expect(lot.members.map(\.kind) == [.replacement, .addition, .addition])
        #expect(lot.sites.map { "\($0.site!):\($0.quantity)" } == ["S1:2", "S2:1"])
        #expect(lot.value == plan.totalSpend)
        try PurchaseLots.reconcile(lots: lots, plan: plan, window: 1)

        // Leaving an addition out fails reconciliation, naming it.
        var dropped = lots
        dropped[0].members.removeAll { $0.site == "S2" }
        let failure = #expect(throws: ReconciliationFailure.self) { try PurchaseLots.reconcile(lots: dropped, plan: plan) }
        #expect(failure?.problems.contains("additional unit RAA/S2/NEW-CT-1 in 2027 at £1,236,000.00 is in no lot") == true)
        #expect(failure?.problems.contains { $0.hasPrefix("lot values sum to £2,200,000.00; the plan spends £3,436,000.00") } == true)
        #expect(failure?.problems.contains("members planned in 2027/28 cost £0.00; the plan spends £1,236,000.00 that year") == true)
    }

    /// The planner's additional unit (one CT at a site needing 25,000 scans a year) is bought in a lot.
    @Test func aPlannedAdditionalUnitIsInALot() throws {
        let assets = [asset("CT-1", .ct, installed: 2022)]
        let policy = PlanningPolicy(firstYear: 2026, years: 4, budgets: Array(repeating: .pounds(2_000_000), count: 4))
        let demand = [DemandEntry(trust: "RAA", modality: .ct, scansPerYear: 25_000, growth: 0)]
        let plan = try Planner.plan(assets: assets, policy: policy, demand: demand, options: SolverOptions(timeLimit: 20))
        let addition = try #require(plan.additions.first)
        let lots = try PurchaseLots.build(plan: plan, assets: assets, window: 1)
        let member = try #require(lots.flatMap(\.members).first { $0.kind == .addition })
        #expect(member.key == addition.key && member.tag == "NEW-CT-1")
        #expect(member.cost == addition.installations[0].cost && member.plannedYear == addition.installations[0].year)
        #expect(lots.reduce(Pence.zero) { $0 + $1.value } == plan.totalSpend)
        try PurchaseLots.reconcile(lots: lots, plan: plan, window: 1)
    }
}
