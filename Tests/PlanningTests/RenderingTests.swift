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
        #expect(text.contains("(optimal,"))
        #expect(text.contains("this plan: £") && text.contains("no plan within these budgets can do better than £"))
        #expect(text.contains("£100,000.00"))
        // The CT's whole price in 2026: £700,000 + 30% works + 20% VAT, against a £100,000 budget.
        let unfunded = PlanRenderer.unfundedTable(plan)
        #expect(unfunded.contains("budget 2026: needs £1,092,000.00, £100,000.00 left"))
        // The ultrasound, due in 2027, fits then; the plan replaces it in 2028 (the 2027 budget went on the CT).
        #expect(unfunded.contains("RAA/=US-1") && unfunded.contains("would fit in its due year"))
    }

    @Test func csvDefusesFormulasAndWritesPlainMoney() throws {
        let (plan, _) = try samplePlan()
        let csv = PlanRenderer.assetsCSV(plan)
        #expect(csv.hasPrefix("trust,site,asset,modality,installed,expected_life,replacement_years,cost,equipment,works,vat,"))
        #expect(csv.contains("'=US-1"))
        // 2027: £721,000 equipment + £216,300 works + £187,460 VAT.
        #expect(csv.contains("RAA,S1,CT-1,CT,2012,10,2027,1124760.00,721000.00,216300.00,187460.00,"))
    }

    @Test func jsonDocumentCarriesMoneyAsDecimalStrings() throws {
        let (plan, policy) = try samplePlan()
        let json = PlanDocument(plan: plan, policy: policy).json()
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        let years = object["years"] as! [[String: Any]]
        #expect(years[0]["budget"] as? String == "100000.00")
        let certificate = object["certificate"] as! [String: Any]
        #expect(certificate["status"] as? String == "optimal" && certificate["unit"] as? String == "GBP")
        #expect((certificate["objective"] as? String)?.hasSuffix(".00") == true)
        let asset = (object["assets"] as! [[String: Any]]).first { $0["asset"] as? String == "CT-1" }!
        #expect(asset["installed"] as? Int == 2012 && asset["expected_life"] as? Int == 10)
        let replacement = (asset["replacements"] as! [[String: Any]])[0]
        #expect(replacement["works"] as? String == "216300.00" && replacement["vat"] as? String == "187460.00")
        let profile = years[0]["age_profile"] as! [String: Any]
        #expect(((profile["without"] as! [String: Any])["units"] as? Int) == 2)
        let unfunded = object["unfunded"] as! [[String: Any]]
        let binding = unfunded[0]["binding"] as! [[String: Any]]
        #expect(binding[0]["kind"] as? String == "budget" && binding[0]["needed"] as? String == "1092000.00")
        // The CT in 2027 (£1,124,760.00) and the ultrasound in 2028 (£72,000 × 1.03² = £76,384.80).
        #expect(object["total_spend"] as? String == "1201144.80")
    }

    @Test func frontierRenderings() throws {
        let points = [
            FrontierPoint(budget: .pounds(8_000_000), status: .optimal, expectedCost: 100_000, breachYears: 3, bound: 100_000,
                          gap: 0, spend: .pounds(7_000_000), seconds: 0.1),
            FrontierPoint(budget: .pounds(9_000_000), status: .feasible, expectedCost: 90_000, breachYears: 0, bound: 89_500.4,
                          gap: 0.0056, spend: .pounds(9_000_000), seconds: 0.2),
        ]
        #expect(FrontierRenderer.table(points).contains("£9,000,000.00"))
        #expect(FrontierRenderer.table(points).contains("£10,000"))
        let csv = FrontierRenderer.csv(points)
        #expect(csv.contains("annual_budget,status,expected_cost,bound,gap,spend,avoided,breach_years"))
        #expect(csv.contains("9000000.00,feasible,90000.00,89500.00,0.0056,9000000.00,10000.00,0"))
        let json = FrontierRenderer.json(points)
        #expect(json.contains("\"annual_budget\" : \"8000000.00\""))
    }
}
