import CapitalCore
import Foundation
@testable import Reports

/// A small hand-made network: three trusts (one with a name that needs escaping), three plan years, a plan in pounds
/// with its cost breakdown, per-modality figures, age profile, capacity, one unit breaking two hard rules, and a
/// budget sweep.
enum Sample {
    static let asOf = CalendarDate(year: 2026, month: 4, day: 1)!
    static func d(_ y: Int, _ m: Int = 6, _ day: Int = 1) -> CalendarDate { CalendarDate(year: y, month: m, day: day)! }

    // The plan's figures, named so that the tests derive what they expect from them.
    static let objective = 9_000_000.0, bound = 8_910_000.0, costWithout = 12_000_000.0
    /// The parts add up to the objective and to the cost without the plan.
    static let costsWithPlan = PlanDetails.Costs(lostScans: 4_000_000, repairs: 2_000_000, upkeep: 2_500_000, unmetDemand: 300_000,
                                                 rulesPrice: 150_000, backlogAtEnd: 50_000)
    static let costsWithout = PlanDetails.Costs(lostScans: 6_000_000, repairs: 3_000_000, upkeep: 2_400_000, unmetDemand: 500_000,
                                                rulesPrice: 60_000, backlogAtEnd: 40_000)
    /// Year, budget, spend, expected cost with the plan, without.
    static let yearFigures: [(Int, Int64, Int64, Double, Double)] = [(2026, 1_000_000, 1_000_000, 3_500_000, 3_800_000),
                                                                      (2027, 800_000, 700_000, 3_000_000, 4_000_000),
                                                                      (2028, 600_000, 400_000, 2_500_000, 4_200_000)]
    static let network: [(year: Int, with: PlanDetails.AgeCounts, without: PlanDetails.AgeCounts)] = [
        (2026, .init(le5: 2, from6to10: 1, over10: 2), .init(le5: 2, from6to10: 1, over10: 2)),
        (2027, .init(le5: 3, from6to10: 1, over10: 1), .init(le5: 1, from6to10: 2, over10: 2)),
        (2028, .init(le5: 4, from6to10: 0, over10: 1), .init(le5: 1, from6to10: 1, over10: 3)),
    ]
    static let breaches = [
        PlanDetails.Breach(trust: "BBB", asset: "CT-OLD", modality: .ct, year: 2026, rule: "max_age", age: 13),
        PlanDetails.Breach(trust: "BBB", asset: "CT-OLD", modality: .ct, year: 2027, rule: "max_age", age: 14),
        PlanDetails.Breach(trust: "BBB", asset: "CT-OLD", modality: .ct, year: 2027, rule: "support_ended", age: 14),
    ]
    static let moneyToMeetRules = [PlanDetails.YearAmount(year: 2026, amount: .pounds(650_000)),
                                   PlanDetails.YearAmount(year: 2027, amount: .pounds(125_000))]
    static let need = Pence.pounds(1_000_000)
    /// Budget, expected cost, spend, breaches.
    static let frontierFigures: [(Int64, Double, Int64, Int)] = [(500_000, 15_000_000, 1_500_000, 10), (1_000_000, 9_000_000, 2_100_000, 3),
                                                                  (1_500_000, 7_500_000, 2_600_000, 0)]

    static func details() -> PlanDetails {
        var age: [PlanDetails.AgeYear] = network.map { .init(modality: nil, year: $0.year, withPlan: $0.with, without: $0.without) }
        age += [.init(modality: .ct, year: 2026, withPlan: .init(le5: 1, from6to10: 0, over10: 2), without: .init(le5: 1, from6to10: 0, over10: 2)),
                .init(modality: .ct, year: 2028, withPlan: .init(le5: 2, from6to10: 0, over10: 1), without: .init(le5: 0, from6to10: 1, over10: 2))]
        return PlanDetails(
            costsWithPlan: costsWithPlan, costsWithout: costsWithout,
            spendByModality: [2026: [.ct: .pounds(700_000), .generalRadiography: .pounds(300_000)], 2027: [.ct: .pounds(700_000)],
                              2028: [.mammography: .pounds(400_000)]],
            modalities: [.init(modality: .ct, units: 3, replaced: 2, replacements: 2, added: 0, spend: .pounds(1_400_000), avoided: 2_100_000),
                         .init(modality: .generalRadiography, units: 1, replaced: 1, replacements: 1, added: 0, spend: .pounds(300_000), avoided: 150_000),
                         .init(modality: .mammography, units: 1, replaced: 1, replacements: 1, added: 0, spend: .pounds(400_000), avoided: 800_000)],
            ageProfile: age,
            capacity: [.init(modality: .ct, year: 2026, demand: 30_000, capacityWithPlan: 28_000, capacityWithout: 28_000, unmetWithPlan: 2_000, unmetWithout: 2_000),
                       .init(modality: .ct, year: 2027, demand: 31_234, capacityWithPlan: 42_000, capacityWithout: 28_000, unmetWithPlan: 0, unmetWithout: 3_234),
                       .init(modality: .ct, year: 2028, demand: 32_000, capacityWithPlan: 42_000, capacityWithout: 28_000, unmetWithPlan: 0, unmetWithout: 4_000)],
            breaches: breaches,
            ageShareBreaches: [.init(modality: .ct, year: 2026, units: 3, over10: 2, target: 0.1, excess: 2)],
            moneyToMeetRules: moneyToMeetRules)
    }

    static func frontier() -> [BoardReportInput.FrontierRow] {
        frontierFigures.map { .init(annualBudget: .pounds($0.0), shareOfNeed: Double($0.0) / 1_000_000, status: "optimal",
                                    expectedCost: $0.1, gap: 0.005, spend: .pounds($0.2), breachYears: $0.3) }
    }

    static func input(frontier: Bool = true, generatedOn: CalendarDate? = nil) -> BoardReportInput {
        let plan = BoardReportInput.PlanInfo(
            id: 7, version: 2, name: "Board <draft> & \"final\"", status: "approved", approvedBy: "Network board",
            approvedAt: "2026-03-01T10:00:00Z", createdAt: "2026-02-20T09:30:00Z", firstYear: 2026, years: 3,
            solverStatus: "optimal", unit: .pounds, objective: objective, bound: bound, gap: (objective - bound) / objective,
            seconds: 1.5, costWithout: costWithout, totalSpend: .pounds(2_100_000), replacements: 4, unfunded: 2,
            breachYears: breaches.count, policyFile: "policy.yaml", policySHA256: String(repeating: "ab", count: 32))
        let trusts = [BoardReportInput.TrustInfo(code: "AAA", name: "Alpha & <Beta> Hospitals"),
                      BoardReportInput.TrustInfo(code: "BBB", name: "Bravo NHS Trust"),
                      BoardReportInput.TrustInfo(code: "CCC", name: "Charlie's Trust")]
        let years = yearFigures.map { y in
            BoardReportInput.Year(year: y.0, budget: .pounds(y.1), spend: .pounds(y.2), replacements: y.0 == 2026 ? 2 : 1,
                                  expectedCostWithPlan: y.3, expectedCostWithout: y.4)
        }
        let replacements = [
            BoardReportInput.Replacement(trust: "AAA", site: "S1", asset: "CT-1", modality: .ct, year: 2026, cost: .pounds(700_000)),
            BoardReportInput.Replacement(trust: "BBB", site: "S2", asset: "XR-9", modality: .generalRadiography, year: 2026, cost: .pounds(300_000)),
            BoardReportInput.Replacement(trust: "CCC", site: "S3", asset: "<script>", modality: .ct, year: 2027, cost: .pounds(700_000)),
            BoardReportInput.Replacement(trust: "AAA", site: "S1", asset: "MAM-2", modality: .mammography, year: 2028, cost: .pounds(400_000)),
        ]
        let fleet = [BoardReportInput.FleetUnit(trust: "AAA", modality: .ct, installDate: d(2024)),
                     BoardReportInput.FleetUnit(trust: "AAA", modality: .ct, installDate: d(2018)),
                     BoardReportInput.FleetUnit(trust: "BBB", modality: .ct, installDate: d(2012)),
                     BoardReportInput.FleetUnit(trust: "BBB", modality: .generalRadiography, installDate: d(2023)),
                     BoardReportInput.FleetUnit(trust: "CCC", modality: .mammography, installDate: nil)]
        let shares = BoardReportInput.Shares(id: 3, version: 1, method: "contribution", status: "approved", approvedBy: "Board",
                                             approvedAt: "2026-01-10T12:00:00Z", valuedAsOf: d(2025, 4, 1), entries: [
                                                 .init(trust: "AAA", percent: "50.0000", value: .pounds(5_000_000)),
                                                 .init(trust: "BBB", percent: "30.0000", value: .pounds(3_000_000)),
                                                 .init(trust: "CCC", percent: "20.0000", value: .pounds(2_000_000))])
        let calls = [BoardReportInput.Call(reference: "CC-2026-001", date: d(2026, 4, 1), yearLabel: "2026/27",
                                           purpose: "Replacements 2026/27 <urgent>", status: "issued", amount: .pounds(1_000_000),
                                           parts: ["AAA": .pounds(500_000), "BBB": .pounds(300_000), "CCC": .pounds(200_000)])]
        let lots = [BoardReportInput.Lot(id: "CT-2026-1", category: "CT", year: 2026, needDate: d(2026, 4, 1), quantity: 1,
                                         trusts: "AAA×1", value: .pounds(700_000), aboveThreshold: true)]
        let batches = [BoardReportInput.Batch(id: 11, trust: "AAA", fileName: "alpha <register>.csv", sha256: String(repeating: "c", count: 64),
                                              importedOn: d(2026, 1, 5), rowsLoaded: 120, rowsRejected: 3)]
        return BoardReportInput(networkName: "Test & <Network>", asOf: asOf, generatedOn: generatedOn, plan: plan, trusts: trusts, years: years,
                                replacements: replacements, fleet: fleet, details: details(),
                                frontier: frontier ? Self.frontier() : nil, steadyStateNeed: frontier ? need : nil,
                                shares: shares, calls: calls, lotThreshold: "£135,018.00 inc VAT", lots: lots, batches: batches)
    }

    /// The same plan as if saved before costs were in pounds: risk-years, a version-1 document (no details).
    static func oldPlan() -> BoardReportInput {
        var r = input(frontier: false)
        r.plan.unit = .riskYears
        r.plan.objective = 900; r.plan.bound = 891; r.plan.gap = 0.01; r.plan.costWithout = 1_200; r.plan.breachYears = 0
        r.years = [BoardReportInput.Year(year: 2026, budget: .pounds(1_000_000), spend: .pounds(1_000_000), replacements: 2, expectedCostWithPlan: 350, expectedCostWithout: 380),
                   BoardReportInput.Year(year: 2027, budget: .pounds(800_000), spend: .pounds(700_000), replacements: 1, expectedCostWithPlan: 300, expectedCostWithout: 400),
                   BoardReportInput.Year(year: 2028, budget: .pounds(600_000), spend: .pounds(400_000), replacements: 1, expectedCostWithPlan: 250, expectedCostWithout: 420)]
        r.details = PlanDetails()
        return r
    }

    /// The text between `<section id="id"` and the next `</section>`.
    static func section(_ html: String, _ id: String) -> String {
        guard let start = html.range(of: "<section id=\"\(id)\"") else { return "" }
        let end = html.range(of: "</section>", range: start.upperBound..<html.endIndex)?.lowerBound ?? html.endIndex
        return String(html[start.lowerBound..<end])
    }

    /// Table cells as the page writes them: `<td>a</td><td>b</td>…`.
    static func cells(_ values: String...) -> String { values.map { "<td>\($0)</td>" }.joined() }
}
