import CapitalCore
import Foundation
import Optimizer
import Planning
import Reports
import Testing

/// A plan written by the planner (`plan.json`, `capital plan --format json`) is read back by the report exactly
/// (issue 19: every output capital writes that is also an input reads back).
@Suite struct PlanRoundTripTests {
    func asset(_ tag: String, _ modality: Modality, installed: Int, trust: String) -> PlanAsset {
        PlanAsset(trust: trust, site: "\(trust)01", tag: tag, modality: modality,
                  installDate: CalendarDate(year: installed, month: 6, day: 1)!, expectedLifeYears: nil, supportEnd: nil,
                  failuresLastYear: 0, downtimeHoursLastYear: 0, criticality: nil)
    }

    @Test func thePlanDocumentReadsBackWithTheSameFigures() throws {
        let policy = PlanningPolicy(firstYear: 2026, years: 4, budgets: Array(repeating: .pounds(1_500_000), count: 4))
        let assets = [asset("CT-1", .ct, installed: 2013, trust: "RAA"), asset("MR-1", .mri, installed: 2015, trust: "RBB"),
                      asset("US-1", .ultrasound, installed: 2017, trust: "RAA"), asset("XR-1", .generalRadiography, installed: 2014, trust: "RBB")]
        let plan = try Planner.plan(assets: assets, policy: policy, options: SolverOptions(timeLimit: 5))
        let json = try PlanDocument(plan: plan, policy: policy).json()
        let details = try PlanDetails.decode(planDocument: json)

        // Money to the penny: each year's spend by modality sums to the plan's spend that year.
        for year in plan.yearSummaries {
            let read = details.spendByModality[year.year, default: [:]].values.reduce(Pence.zero, +)
            #expect(read == year.spend, "\(year.year)")
        }
        // The per-modality rows and the age profile are the planner's own.
        let rows = PlanRenderer.modalityRows(plan).filter { $0.units > 0 }
        #expect(details.modalities.map(\.modality) == rows.map(\.modality))
        for (read, row) in zip(details.modalities, rows) {
            #expect(read.units == row.units && read.replaced == row.replaced && read.replacements == row.replacements && read.spend == row.spend)
        }
        #expect(details.ageProfile.count == plan.ageProfile.count)
        let costs = try #require(details.costsWithPlan)
        #expect(abs(costs.expected - plan.breakdownWithPlan.expected) < 1, "\(costs.expected) vs \(plan.breakdownWithPlan.expected)")
    }
}
