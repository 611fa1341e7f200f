import CapitalCore
import Planning
import Testing
@testable import Procurement

/// Property tests over random plans: for windows 0–3, every purchase (replacement or additional unit) is in exactly
/// one lot, values sum to the plan's spend in pence, lots obey the greedy window rule, and the lots bought in a year
/// never total more than its budget.
@Suite struct ReconciliationPropertyTests {
    /// A specification class for some units, so categories split within a modality.
    static func spec(_ a: PlanAsset) -> String? {
        switch a.modality {
        case .ct: return a.trust == "RAA" ? "128-slice" : nil
        case .mri: return a.tag.hasSuffix("1") ? "3T" : "1.5T"
        default: return nil
        }
    }

    @Test(arguments: 1...16 as ClosedRange<UInt64>)
    func lotsReconcileWithRandomPlans(seed: UInt64) throws {
        let (assets, plan) = try randomPlan(seed: seed)
        let purchaseCount = plan.assets.reduce(0) { $0 + $1.replacements.count } + plan.additions.reduce(0) { $0 + $1.installations.count }
        #expect(purchaseCount > 0, "seed \(seed) plans nothing: the property would be empty")
        #expect(plan.yearSummaries.allSatisfy { $0.spend <= $0.budget }, "seed \(seed): the planner overspends")
        for window in 0...3 {
            let lots = try PurchaseLots.build(plan: plan, assets: assets, window: window, specification: Self.spec)
            try PurchaseLots.reconcile(lots: lots, plan: plan, window: window)
            #expect(lots.reduce(0) { $0 + $1.quantity } == purchaseCount)
            #expect(lots.reduce(Pence.zero) { $0 + $1.value } == plan.totalSpend)
            #expect(Set(lots.map(\.id)).count == lots.count)
            checkGreedyRule(lots, window: window, assets: assets)
            checkBudgets(lots, plan: plan)
            if window == 0 { #expect(lots.allSatisfy { $0.moves.isEmpty && $0.lastPlannedYear == $0.year && $0.heldBack.isEmpty }) }
        }
    }

    /// The category a member belongs in: from the register for a replacement; an additional unit has no known class.
    static func category(_ m: PurchaseLot.Member, _ byKey: [String: PlanAsset], modality: Modality) -> EquipmentCategory {
        guard m.kind == .replacement, let a = byKey[m.key] else { return EquipmentCategory(modality: modality) }
        return EquipmentCategory(modality: a.modality, specification: spec(a))
    }

    /// Each lot is one category; its year is its earliest member's; a member of a later lot of the same category
    /// that the earlier lot's window covers must share a unit with it or be listed as held back by it (else the
    /// greedy rule would have taken it).
    func checkGreedyRule(_ lots: [PurchaseLot], window: Int, assets: [PlanAsset]) {
        let byKey = Dictionary(uniqueKeysWithValues: assets.map { ($0.key, $0) })
        for lot in lots {
            #expect(lot.year == lot.members.map(\.plannedYear).min())
            for m in lot.members {
                #expect(Self.category(m, byKey, modality: lot.modality) == lot.category)
            }
            #expect(lot.id.hasPrefix("\(lot.modality.rawValue)-\(lot.year)-"))
            #expect(lot.aboveThreshold == ProcurementThreshold.nhsGoods2026.isMet(byExVAT: lot.valueExVAT))
            #expect(lot.valueExVAT <= lot.value && lot.valueExVAT == lot.members.reduce(Pence.zero) { $0 + $1.cost - $1.vat })
        }
        let categories = Set(lots.map(\.category))
        for c in categories {
            let ordered = lots.filter { $0.category == c }
            #expect(ordered.map(\.year) == ordered.map(\.year).sorted())
            for (i, earlier) in ordered.enumerated() {
                let units = Set(earlier.members.map(\.key) + earlier.heldBack.map(\.member.key))
                for later in ordered[(i + 1)...] {
                    for m in later.members where m.plannedYear <= earlier.year + window {
                        #expect(units.contains(m.key), "\(m.key) \(m.plannedYear) fits \(earlier.id) but went to \(later.id)")
                    }
                }
            }
        }
    }

    /// For every year the plan summarises: the lots bought in it total at most its budget (at most the plan's own
    /// spend where that is already over); what was brought into it is at most its headroom; each purchase held back
    /// from it cost more than the headroom left when it was considered, which lies between the year's starting
    /// headroom and what is left at the end (headroom only falls).
    func checkBudgets(_ lots: [PurchaseLot], plan: Plan) {
        for y in plan.yearSummaries {
            let inYear = lots.filter { $0.year == y.year }
            let bought = inYear.reduce(Pence.zero) { $0 + $1.value }
            let broughtIn = inYear.flatMap(\.moves).reduce(Pence.zero) { $0 + $1.member.cost }
            #expect(bought <= max(y.budget, y.spend), "\(y.year): lots \(bought) over budget \(y.budget)")
            if y.spend <= y.budget { #expect(bought <= y.budget) }
            let start = y.headroom, end = y.headroom - broughtIn
            if start < .zero { #expect(broughtIn == .zero) } else { #expect(end >= .zero) }
            for h in inYear.flatMap(\.heldBack) {
                #expect(h.member.cost > h.headroom)
                #expect(h.headroom <= start && (start < .zero || h.headroom >= end), "\(y.year): \(h.headroom) outside \(end)…\(start)")
            }
        }
    }

    /// Hundreds of random hand-made plans with tight, exact, ample and overspent years: the budget rule holds for
    /// windows 0–3 and lots still reconcile to the penny.
    @Test func lotsNeverTakeAYearOverItsBudget() throws {
        for seed in 1...400 as ClosedRange<UInt64> {
            let plan = randomHandPlan(seed: seed)
            for window in 0...3 {
                let lots = try PurchaseLots.build(plan: plan, assets: [], window: window, specification: Self.spec)
                try PurchaseLots.reconcile(lots: lots, plan: plan, window: window)
                #expect(lots.reduce(Pence.zero) { $0 + $1.value } == plan.totalSpend)
                checkGreedyRule(lots, window: window, assets: [])
                checkBudgets(lots, plan: plan)
            }
        }
    }

    /// The budget property is not vacuous: over the same random plans, headroom holds purchases back, and lots built
    /// ignoring the budgets (the plan without its year summaries) would take some year over budget, which
    /// reconciliation reports.
    @Test func theBudgetRuleBindsOnRandomPlans() throws {
        var held = 0, moved = 0, overruns = 0
        for seed in 1...400 as ClosedRange<UInt64> {
            let plan = randomHandPlan(seed: seed)
            let lots = try PurchaseLots.build(plan: plan, assets: [], window: 2)
            held += lots.reduce(0) { $0 + $1.heldBack.count }
            moved += lots.reduce(0) { $0 + $1.moves.count }
            var blind = plan
            blind.yearSummaries = []
            let unchecked = try PurchaseLots.build(plan: blind, assets: [], window: 2)
            #expect(unchecked.allSatisfy { $0.heldBack.isEmpty })
            do {
                try PurchaseLots.reconcile(lots: unchecked, plan: plan, window: 2)
            } catch let failure as ReconciliationFailure {
                #expect(failure.problems.allSatisfy { $0.contains("lots bought in") && $0.contains(", over its ") })
                overruns += 1
            }
        }
        #expect(held > 50 && moved > 50 && overruns > 50, "held \(held), moved \(moved), overruns \(overruns)")
    }

    /// The random plans do exercise the window: some lots bring purchases forward, some units are planned twice
    /// (so the one-unit-per-lot rule matters), and some plans buy additional units.
    @Test func randomPlansExerciseMovesRepeatsAndAdditions() throws {
        var moves = 0, repeats = 0, additions = 0
        for seed in 1...16 as ClosedRange<UInt64> {
            let (assets, plan) = try randomPlan(seed: seed)
            repeats += plan.assets.filter { $0.replacements.count > 1 }.count
            let lots = try PurchaseLots.build(plan: plan, assets: assets, window: 2)
            moves += lots.reduce(0) { $0 + $1.moves.count }
            additions += lots.flatMap(\.members).filter { $0.kind == .addition }.count
        }
        #expect(moves > 0)
        #expect(repeats > 0)
        #expect(additions > 0)
    }

    @Test func tamperedLotsFailToReconcileNamingTheProblem() throws {
        let (assets, plan) = try randomPlan(seed: 3)
        let lots = try PurchaseLots.build(plan: plan, assets: assets, window: 1)
        try PurchaseLots.reconcile(lots: lots, plan: plan, window: 1)
        let victim = try #require(lots.firstIndex { !$0.members.isEmpty })
        let member = lots[victim].members[0]

        var dropped = lots
        dropped[victim].members.removeFirst()
        let e1 = #expect(throws: ReconciliationFailure.self) { try PurchaseLots.reconcile(lots: dropped, plan: plan) }
        #expect(e1?.problems.contains { $0.contains("\(member.key) in \(member.plannedYear)") && $0.contains("in no lot") } == true)
        #expect(e1?.problems.contains { $0.contains("lot values sum to") } == true)

        var doubled = lots
        doubled.append(PurchaseLot(id: "EXTRA-1", category: lots[victim].category, year: member.plannedYear,
                                   members: [member], aboveThreshold: false))
        let e2 = #expect(throws: ReconciliationFailure.self) { try PurchaseLots.reconcile(lots: doubled, plan: plan) }
        #expect(e2?.problems.contains { $0.contains("is in 2 lots") } == true)

        var repriced = lots
        repriced[victim].members[0].cost = member.cost + Pence(1)
        let e3 = #expect(throws: ReconciliationFailure.self) { try PurchaseLots.reconcile(lots: repriced, plan: plan) }
        #expect(e3?.problems.contains { $0.contains("which the plan does not plan") } == true)

        var early = lots
        early[victim].year = member.plannedYear + 1
        #expect(throws: ReconciliationFailure.self) { try PurchaseLots.reconcile(lots: early, plan: plan) }
    }

    @Test func tamperedHeldBackItemsFailToReconcile() throws {
        // 2026 has £900,000 of headroom: RAA/CT-2 (£1,030,000, 2027) is held back from CT-2026-1.
        let plan = HeadroomTests.plan(budget2026: .pounds(2_000_000))
        let lots = try PurchaseLots.build(plan: plan, assets: [], window: 1)
        try PurchaseLots.reconcile(lots: lots, plan: plan, window: 1)
        let i = try #require(lots.firstIndex { !$0.heldBack.isEmpty })
        let later = try #require(lots.firstIndex { $0.members.contains { $0.key == "RAA/CT-2" } })

        // Bought in 2026 after all: over the year's budget.
        var forced = lots
        forced[i].members.append(lots[i].heldBack[0].member)
        forced[i].heldBack = []
        forced.remove(at: later)
        let e1 = #expect(throws: ReconciliationFailure.self) { try PurchaseLots.reconcile(lots: forced, plan: plan, window: 1) }
        #expect(e1?.problems == ["lots bought in 2026/27 total £2,990,000.00, over its budget £2,000,000.00"])

        // Held back though the headroom would have covered it.
        var roomy = lots
        roomy[i].heldBack[0].headroom = .pounds(1_030_000)
        let e2 = #expect(throws: ReconciliationFailure.self) { try PurchaseLots.reconcile(lots: roomy, plan: plan, window: 1) }
        #expect(e2?.problems == ["lot CT-2026-1 holds back RAA/CT-2 at £1,030,000.00 though £1,030,000.00 of headroom was left"])

        // Held back, but in no later lot.
        var lost = lots
        lost[i].heldBack[0].member.cost = .pounds(1_030_001)
        let e3 = #expect(throws: ReconciliationFailure.self) { try PurchaseLots.reconcile(lots: lost, plan: plan, window: 1) }
        #expect(e3?.problems.contains { $0.contains("which no later lot of CT holds") } == true)
    }
}
