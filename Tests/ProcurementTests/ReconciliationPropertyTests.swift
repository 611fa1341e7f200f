import CapitalCore
import Planning
import Testing
@testable import Procurement

/// Property tests over random plans: for windows 0–3, every replacement is in exactly one lot, values sum to the
/// plan's spend in pence, and lots obey the greedy window rule.
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
        let replacementCount = plan.assets.reduce(0) { $0 + $1.replacements.count }
        #expect(replacementCount > 0, "seed \(seed) plans nothing: the property would be empty")
        for window in 0...3 {
            let lots = try PurchaseLots.build(plan: plan, assets: assets, window: window, specification: Self.spec)
            try PurchaseLots.reconcile(lots: lots, plan: plan, window: window)
            #expect(lots.reduce(0) { $0 + $1.quantity } == replacementCount)
            #expect(lots.reduce(Pence.zero) { $0 + $1.value } == plan.totalSpend)
            #expect(Set(lots.map(\.id)).count == lots.count)
            checkGreedyRule(lots, window: window, assets: assets)
            if window == 0 { #expect(lots.allSatisfy { $0.moves.isEmpty && $0.lastPlannedYear == $0.year }) }
        }
    }

    /// Each lot is one category; its year is its earliest member's; a member of a later lot of the same category
    /// that the earlier lot's window covers must share a unit with it (else the greedy rule would have taken it).
    func checkGreedyRule(_ lots: [PurchaseLot], window: Int, assets: [PlanAsset]) {
        let byKey = Dictionary(uniqueKeysWithValues: assets.map { ($0.key, $0) })
        for lot in lots {
            #expect(lot.year == lot.members.map(\.plannedYear).min())
            for m in lot.members {
                let a = byKey[m.key]!
                #expect(EquipmentCategory(modality: a.modality, specification: Self.spec(a)) == lot.category)
            }
            #expect(lot.id.hasPrefix("\(lot.modality.rawValue)-\(lot.year)-"))
            #expect(lot.aboveThreshold == ProcurementThreshold.nhsGoods2026.isMet(byExVAT: lot.value))
        }
        let categories = Set(lots.map(\.category))
        for c in categories {
            let ordered = lots.filter { $0.category == c }
            #expect(ordered.map(\.year) == ordered.map(\.year).sorted())
            for (i, earlier) in ordered.enumerated() {
                let units = Set(earlier.members.map(\.key))
                for later in ordered[(i + 1)...] {
                    for m in later.members where m.plannedYear <= earlier.year + window {
                        #expect(units.contains(m.key), "\(m.key) \(m.plannedYear) fits \(earlier.id) but went to \(later.id)")
                    }
                }
            }
        }
    }

    /// The random plans do exercise the window: some lots bring replacements forward, and some units are planned
    /// twice (so the one-unit-per-lot rule matters).
    @Test func randomPlansExerciseMovesAndRepeatReplacements() throws {
        var moves = 0, repeats = 0
        for seed in 1...16 as ClosedRange<UInt64> {
            let (assets, plan) = try randomPlan(seed: seed)
            repeats += plan.assets.filter { $0.replacements.count > 1 }.count
            moves += try PurchaseLots.build(plan: plan, assets: assets, window: 2).reduce(0) { $0 + $1.moves.count }
        }
        #expect(moves > 0)
        #expect(repeats > 0)
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
}
