import CapitalCore
import CapitalStore
import Foundation
import Optimizer
import Planning
import Postgres
import Procurement
import Testing
import TestSupport

@Suite struct PlanStoreTests {
    static func policy(budget: String) -> String {
        """
        horizon: {first_year: 2026, years: 5}
        budget: \(budget)
        inflation: 0.0
        max_per_site_modality_year: {default: unlimited, CT: 1}
        """
    }

    func setUp() throws -> (Connection, Network) {
        let (db, _) = try TestDatabase.fresh()
        let store = NetworkStore(db)
        let network = try store.createNetwork(name: "Plan test", formedOn: CalendarDate(iso: "2025-04-01")!)
        for code in ["RAA", "RBB"] {
            let trust = try store.addTrust(network: network, odsCode: code, name: "Trust \(code)", kind: .nhsTrust)
            let site = try store.addSite(network: network, trustCode: code, code: "\(code)01", name: "Main")
            for (i, (modality, year)) in [("CT", 2012), ("CT", 2013), ("MRI", 2014), ("US", 2016), ("XR", 2010)].enumerated() {
                try db.execute("""
                    INSERT INTO asset (trust_id, site_id, asset_tag, modality, install_date, purchase_cost, expected_life_years)
                    VALUES (\(trust.id), \(site.id), \("\(code)-\(i)"), \(modality), \(CalendarDate(year: year, month: 6, day: 1)!), 100000.00,
                            \(modality == "US" ? 7 : 10))
                    """)
            }
        }
        return (db, network)
    }

    func makePlan(_ db: Connection, _ network: Network, budget: String) throws -> (Plan, PlanningPolicy, String) {
        let text = Self.policy(budget: budget)
        let policy = try PlanningPolicy.parse(yaml: text, fileName: "p.yaml")
        let (assets, undated) = try PlanAssetQuery(db).assets(network: network)
        #expect(assets.count == 10)
        #expect(undated.isEmpty)
        return (try Planner.plan(assets: assets, policy: policy, options: SolverOptions(timeLimit: 10)), policy, text)
    }

    @Test func savedPlansKeepTheirContentCertificateAndSources() throws {
        let (db, network) = try setUp()
        let (plan, policy, text) = try makePlan(db, network, budget: "1.5m")
        #expect(plan.status == .optimal)
        let saved = try PlanStore(db).save(plan, policy: policy, name: "Tight", policyFile: "p.yaml", policyText: text, network: network)
        #expect(saved.version == 1)
        #expect(saved.status == .draft)
        #expect(saved.totalSpend == plan.totalSpend)
        #expect(saved.replacements == plan.assets.reduce(0) { $0 + $1.replacements.count })
        #expect(saved.unfunded == plan.unfunded.count)
        let years = try PlanStore(db).years(planID: saved.id)
        #expect(years.map(\.year) == Array(2026...2030))
        #expect(years.allSatisfy { $0.spend <= $0.budget })
        #expect(years.reduce(Pence.zero) { $0 + $1.spend } == plan.totalSpend)
        // The rows in the database add up to the plan's spend, to the penny.
        let rowsTotal: Pence = try db.scalar("SELECT coalesce(sum(cost), 0)::numeric(15,2) FROM plan_replacement WHERE plan_id = \(saved.id)")
        #expect(rowsTotal == plan.totalSpend)
        let sha: String = try db.scalar("SELECT policy_sha256 FROM plan WHERE id = \(saved.id)")
        #expect(sha.count == 64)
        #expect(saved.objectiveUnit == "GBP" && saved.breachYears == plan.breaches.count)
        // Each replacement keeps its whole price in parts, and the parts add up in the database.
        let parts: Pence = try db.scalar("""
            SELECT coalesce(sum(equipment + works + vat), 0)::numeric(15,2) FROM plan_replacement WHERE plan_id = \(saved.id)
            """)
        #expect(parts == plan.totalSpend)
        let loaded = try PlanStore(db).load(id: saved.id, network: network)
        let original = plan.assets.flatMap(\.replacements).map(\.price)
        #expect(loaded.assets.flatMap(\.replacements).map(\.price).sorted { $0.total < $1.total }
                == original.sorted { $0.total < $1.total })
        #expect(original.allSatisfy { $0.vat > .zero } && original.contains { $0.works > .zero })
    }

    /// A plan that adds a unit for demand saves it with its trust, loads it back, and a capital call for its year
    /// includes it.
    @Test func additionalUnitsAreSavedLoadedAndCalled() throws {
        let (db, network) = try setUp()
        let text = Self.policy(budget: "4m")
        let policy = try PlanningPolicy.parse(yaml: text, fileName: "p.yaml")
        let (assets, _) = try PlanAssetQuery(db).assets(network: network)
        let demand = [DemandEntry(trust: "RAA", modality: .mri, scansPerYear: 20_000, growth: 0)]
        let plan = try Planner.plan(assets: assets, policy: policy, demand: demand, options: SolverOptions(timeLimit: 10))
        let addition = try #require(plan.additions.first)
        #expect(addition.trust == "RAA" && addition.site == "RAA01" && addition.modality == .mri)
        let saved = try PlanStore(db).save(plan, policy: policy, name: "Growth", policyFile: "p.yaml", policyText: text, network: network)
        let loaded = try PlanStore(db).load(id: saved.id, network: network)
        #expect(loaded.additions.map(\.key) == plan.additions.map(\.key))
        #expect(loaded.totalSpend == plan.totalSpend)
        try PlanStore(db).approve(id: saved.id, by: "Board", network: network)
        try CallStoreTests().approveShareSet(db, network, [("RAA", "0.5", "50.00"), ("RBB", "0.5", "50.00")])
        let year = addition.installations[0].year
        let call = try CallStore(db).addFromPlan(network: network, year: year)
        let spend = plan.yearSummaries.first { $0.year == year }!.spend
        #expect(call.amount == spend)
        #expect(call.amount >= addition.installations[0].cost)
    }

    /// Plans saved before the objective was in pounds say so.
    @Test func olderPlansAreLabelledRiskYears() throws {
        let (db, network) = try setUp()
        let (plan, policy, text) = try makePlan(db, network, budget: "1m")
        let saved = try PlanStore(db).save(plan, policy: policy, name: "P", policyFile: "p.yaml", policyText: text, network: network)
        try db.execute("UPDATE plan SET objective_unit = 'risk-years' WHERE id = \(saved.id)")
        #expect(try PlanStore(db).plan(id: saved.id, network: network).objectiveUnit == "risk-years")
        #expect(throws: PostgresError.self) { try db.execute("UPDATE plan SET objective_unit = 'points' WHERE id = \(saved.id)") }
    }

    @Test func approvalHistoryAndComparison() throws {
        let (db, network) = try setUp()
        let store = PlanStore(db)
        let (tight, policy1, text1) = try makePlan(db, network, budget: "300k")
        let (loose, policy2, text2) = try makePlan(db, network, budget: "3m")
        #expect((loose.objective ?? 0) <= (tight.objective ?? 0))
        let a = try store.save(tight, policy: policy1, name: "Tight", policyFile: "p.yaml", policyText: text1, network: network)
        let b = try store.save(loose, policy: policy2, name: "Loose", policyFile: "p.yaml", policyText: text2, network: network)
        try store.approve(id: a.id, by: "Board", network: network)
        try store.approve(id: b.id, by: "Board", network: network)
        #expect(try store.list(network: network).map(\.status) == [.superseded, .approved])
        #expect(try store.inForce(network: network)?.id == b.id)
        #expect(throws: UserError.self) { try store.approve(id: a.id, by: "Board", network: network) }

        let cmp = try store.compare(a.id, b.id, network: network)
        #expect(cmp.years.count == 5)
        #expect(cmp.movedCount > 0)
        #expect(cmp.moved.allSatisfy { $0.yearsA != $0.yearsB })
        let same = try store.compare(a.id, a.id, network: network)
        #expect(same.movedCount == 0)
    }

    @Test func theDatabaseRefusesSpendOverBudget() throws {
        let (db, network) = try setUp()
        let (plan, policy, text) = try makePlan(db, network, budget: "1m")
        let saved = try PlanStore(db).save(plan, policy: policy, name: "P", policyFile: "p.yaml", policyText: text, network: network)
        #expect(throws: PostgresError.self) {
            try db.execute("UPDATE plan_year SET spend = budget + 0.01 WHERE plan_id = \(saved.id) AND year = 2026")
        }
    }
}

@Suite struct PurchaseListFromSavedPlanTests {
    @Test func lotsFromASavedPlanReconcileWithItsSpend() throws {
        let suite = PlanStoreTests()
        let (db, network) = try suite.setUp()
        let (plan, policy, text) = try suite.makePlan(db, network, budget: "1m")
        let saved = try PlanStore(db).save(plan, policy: policy, name: "P", policyFile: "p.yaml", policyText: text, network: network)
        let loaded = try PlanStore(db).load(id: saved.id, network: network)
        #expect(loaded.totalSpend == plan.totalSpend)
        #expect(loaded.assets.reduce(0) { $0 + $1.replacements.count } == plan.assets.reduce(0) { $0 + $1.replacements.count })
        for window in 0...2 {
            let lots = try PurchaseLots.build(plan: loaded, assets: [], window: window)
            try PurchaseLots.reconcile(lots: lots, plan: loaded, window: window)
            #expect(lots.reduce(Pence.zero) { $0 + $1.value } == plan.totalSpend)
        }
    }
}
