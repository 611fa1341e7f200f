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
    whole_price:
      works: {default: 0.2, MRI: 0.8}
      site_works: {RAA/S1: {PET-CT: 1.5m}}
      vat_recoverable: true
    service_cost:
      scan_cost: {MRI: 250}
      breakdowns_per_year_new: {CT: 1.5}
      criticality_weights: [0.2, 0.6, 1, 1.4, 1.8]
      new_unit_support_years: none
    rules:
      max_age: {CT: 9, MRI: 10}
      absolute_max_age: 14
      replace_within_years_of_support_end: 2
    age_profile:
      mode: hard
    capacity:
      growth: {default: 0.02, MRI: 0.08}
      additional_units_per_site: {default: 0, CT: 2}
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
        #expect(p.wholePrice.worksFraction[.mri] == 0.8 && p.wholePrice.worksFraction[.ct] == 0.2)
        #expect(p.wholePrice.siteWorks["RAA/S1"]?[.petCT] == .pounds(1_500_000) && p.wholePrice.vatRecoverable)
        #expect(p.serviceCost.scanCost[.mri] == .pounds(250) && p.serviceCost.scanCost[.ct] == .pounds(150))
        #expect(p.serviceCost.breakdownsPerYearNew[.ct] == 1.5 && p.serviceCost.criticalityWeights[4] == 1.8)
        #expect(p.rules.maxAge == [.ct: 9, .mri: 10] && p.rules.absoluteMaxAge == 14)
        #expect(p.rules.replaceWithinYearsOfSupportEnd == 2 && p.ageProfile.mode == .hard)
        #expect(p.capacity.growth[.mri] == 0.08 && p.capacity.growth[.ultrasound] == 0.02)
        #expect(p.capacity.additionalUnitsPerSite[.ct] == 2 && p.capacity.additionalUnitsPerSite[.mri] == 0)
        // Years between replacements: CT life 10 shortened to its maximum 9; a hard age profile caps XR at 10.
        #expect(p.replacementStep(modality: .ct, lifeYears: 10) == 9)
        #expect(p.replacementStep(modality: .generalRadiography, lifeYears: 12) == 10)
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
         "plan.yaml:4: field risk: the likelihood × impact score was replaced by an expected cost in pounds"),
        ("horizon: {first_year: 2026, years: 3}\nbudget: 1m\nrules:\n  max_age: {CT: 0}\n",
         "plan.yaml:4: field rules.max_age.CT: 0 is out of range 1–100"),
        ("horizon: {first_year: 2026, years: 3}\nbudget: 150 of need\n",
         "plan.yaml:2: field budget: `150 of need`: write `need` or a share of it"),
        ("horizon: {first_year: 2026, years: 100}\nbudget: 1m\n", "plan.yaml:1: field horizon.years: 100 is out of range 1–50"),
        ("horizon: {first_year: 2026, years: 3}\nbudget: 1m\nage_profile: {mode: strict}\n",
         "plan.yaml:3: field age_profile.mode: `strict` is not one of: priced, hard, report"),
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
