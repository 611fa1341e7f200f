import CapitalCore
import Foundation
import Testing
@testable import Planning

@Suite struct PolicyTests {
    static let example = """
    horizon:
      first_year: 2026
      years: 15
    budget: 12m
    trust_limits:
      RAA: 2000000
    inflation: 0.03
    price_basis: purchase_cost
    expected_life:
      US: 6
    prices:
      CT: 750k
    criticality:
      DEXA: 3
    risk:
      failures_at_least: 4
      age_bands: [0.5, 0.75, 1.0, 1.25]
    max_per_site_modality_year:
      default: unlimited
      CT: 1
      MRI: 2
    must_replace:
      - {trust: RAA, asset: CT-001, by: 2028}
    exclude:
      - {trust: RBB, asset: US-9}
      - {modality: DENTAL}
    """

    @Test func parsesEveryField() throws {
        let p = try PlanningPolicy.parse(yaml: Self.example)
        #expect(p.firstYear == 2026 && p.years == 15)
        #expect(p.budgets == Array(repeating: Pence.pounds(12_000_000), count: 15))
        #expect(p.trustLimits["RAA"]?.first == .pounds(2_000_000))
        #expect(p.inflation == 0.03)
        #expect(p.priceBasis == .purchaseCost)
        #expect(p.expectedLife[.ultrasound] == 6 && p.expectedLife[.ct] == 10)
        #expect(p.prices[.ct] == .pounds(750_000) && p.prices[.mri] == .pounds(1_000_000))
        #expect(p.criticality[.dexa] == 3)
        #expect(p.risk.failuresAtLeast == 4 && p.risk.ageBands == [0.5, 0.75, 1.0, 1.25])
        #expect(p.maxPerSiteModalityYear == [.ct: 1, .mri: 2])
        #expect(p.mustReplace == [.init(trust: "RAA", tag: "CT-001", year: 2028)])
        #expect(p.exclusions.count == 2 && p.exclusions[1].modality == .dental)
    }

    @Test func defaultsAndBudgetList() throws {
        let p = try PlanningPolicy.parse(yaml: "horizon: {first_year: 2026, years: 3}\nbudget: [1m, 2m, '3,000,000']\n")
        #expect(p.budgets == [.pounds(1_000_000), .pounds(2_000_000), .pounds(3_000_000)])
        #expect(p.maxPerSiteModalityYear == PlanningPolicy.defaultCaps)
        #expect(p.expectedLife[.ultrasound] == 7 && p.prices[.petCT] == .pounds(2_000_000))
        #expect(p.priceBasis == .modality)
    }

    @Test(arguments: [
        ("horizon: {first_year: 2026, years: 3}\nbudget: 1m\nbudgte: 3\n", "plan.yaml:3: field budgte: unknown key"),
        ("horizon: {first_year: 2026, years: 3}\nbudget:\n  - 1m\n  - 2m\n", "plan.yaml:3: field budget: has 2 yearly amounts"),
        ("horizon: {first_year: 2026, years: 3}\nbudget: 1m\nprices:\n  CAT: 5\n", "plan.yaml:4: field prices.CAT: unknown modality"),
        ("horizon: {first_year: 2026, years: 3}\nbudget: 1m\nmust_replace:\n  - trust: RAA\n    asset: X\n    by: 2035\n",
         "plan.yaml:6: field must_replace[0].by: 2035 is out of range 2026–2028"),
        ("horizon: {first_year: 2026, years: 3}\nbudget: lots\n", "plan.yaml:2: field budget: `lots` is not an amount"),
        ("horizon: {first_year: 2026, years: 3}\nbudget: 1m\ninflation: 0.03\nrisk:\n  due_likelihood: 9\n",
         "plan.yaml:5: field risk.due_likelihood: 9 is out of range 1–5"),
        ("horizon: {years: 3}\nbudget: 1m\n", "plan.yaml:1: field horizon.first_year: missing"),
    ])
    func errorsNameFileLineAndField(yaml: String, expected: String) {
        #expect {
            try PlanningPolicy.parse(yaml: yaml, fileName: "plan.yaml")
        } throws: { error in
            guard let e = error as? UserError else { return false }
            return e.message.hasPrefix(expected)
        }
    }

    @Test func examplePolicyFileParses() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("examples/policy.yaml")
        let text = try String(contentsOf: url, encoding: .utf8)
        let p = try PlanningPolicy.parse(yaml: text, fileName: "policy.yaml")
        #expect(p.years == 15)
    }

    @Test func moneyAndBudgetRanges() throws {
        #expect(MoneyText.parse("8m") == .pounds(8_000_000))
        #expect(MoneyText.parse("1.25m") == .pounds(1_250_000))
        #expect(MoneyText.parse("750k") == .pounds(750_000))
        #expect(MoneyText.parse("£1,200.50") == Pence(120_050))
        #expect(MoneyText.parse("1.0000001k") == nil)
        let b = try BudgetRange.parse("8m..20m", steps: 7)
        #expect(b == [8, 10, 12, 14, 16, 18, 20].map { Pence.pounds($0 * 1_000_000) })
        #expect(try BudgetRange.parse("12m", steps: 7) == [.pounds(12_000_000)])
        #expect(throws: UserError.self) { try BudgetRange.parse("20m..8m", steps: 3) }
        #expect(throws: UserError.self) { try BudgetRange.parse("8x..9m", steps: 3) }
    }
}
