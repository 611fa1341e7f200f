import CapitalCore
import Foundation
import Optimizer
import Testing
@testable import Planning

@Suite struct RenderingTests {
    func samplePlan() throws -> (Plan, PlanningPolicy) {
        let policy = PlanningPolicy(firstYear: 2026, years: 3, budgets: [.pounds(100_000), .pounds(2_000_000), .pounds(2_000_000)])
        let plan = try Planner.plan(assets: [asset("CT-1", .ct, installed: 2012), asset("=US-1", .ultrasound, installed: 2020)],
                                    policy: policy, options: SolverOptions(timeLimit: 5))
        return (plan, policy)
    }

    @Test func summaryTableShowsEveryYearAndTheCertificate() throws {
        let (plan, _) = try samplePlan()
        let text = PlanRenderer.summaryTable(plan)
        #expect(text.contains("2026") && text.contains("2028") && text.contains("total"))
        #expect(text.contains("status optimal"))
        #expect(text.contains("£100,000.00"))
        #expect(PlanRenderer.unfundedTable(plan).contains("budget 2026: needs £700,000.00, £40,000.00 left"))
    }

    @Test func csvDefusesFormulasAndWritesPlainMoney() throws {
        let (plan, _) = try samplePlan()
        let csv = PlanRenderer.assetsCSV(plan)
        #expect(csv.hasPrefix("trust,site,asset,modality,replacement_years,cost,"))
        #expect(csv.contains("'=US-1"))
        #expect(csv.contains("RAA,S1,CT-1,CT,2027,721000.00,"))
    }

    @Test func jsonDocumentCarriesMoneyAsDecimalStrings() throws {
        let (plan, policy) = try samplePlan()
        let json = PlanDocument(plan: plan, policy: policy).json()
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        let years = object["years"] as! [[String: Any]]
        #expect(years[0]["budget"] as? String == "100000.00")
        #expect((object["certificate"] as! [String: Any])["status"] as? String == "optimal")
        let unfunded = object["unfunded"] as! [[String: Any]]
        let binding = unfunded[0]["binding"] as! [[String: Any]]
        #expect(binding[0]["kind"] as? String == "budget" && binding[0]["needed"] as? String == "700000.00")
        #expect(object["total_spend"] as? String == "781000.00")
    }

    @Test func frontierRenderings() throws {
        let points = [
            FrontierPoint(budget: .pounds(8_000_000), status: .optimal, residualRisk: 100, bound: 100, gap: 0,
                          spend: .pounds(7_000_000), seconds: 0.1),
            FrontierPoint(budget: .pounds(9_000_000), status: .feasible, residualRisk: 90, bound: 89.5, gap: 0.0056,
                          spend: .pounds(9_000_000), seconds: 0.2),
        ]
        #expect(FrontierRenderer.table(points).contains("£9,000,000.00"))
        let csv = FrontierRenderer.csv(points)
        #expect(csv.contains("annual_budget,status,residual_risk,bound,gap,spend,risk_saved"))
        #expect(csv.contains("9000000.00,feasible,90,89.50,0.0056,9000000.00,10"))
        let json = FrontierRenderer.json(points)
        #expect(json.contains("\"annual_budget\" : \"8000000.00\""))
    }
}
