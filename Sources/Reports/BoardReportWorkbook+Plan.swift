import CapitalCore
import Foundation
import Spreadsheets

/// The sheets from the plan's document and the budget sweep: spend by modality, age profile, capacity, breaches and
/// the frontier.
extension BoardReportWorkbook {
    static func writePlanSheets(_ r: BoardReportInput, _ w: XLSXWriter) throws {
        let d = r.details
        let years = r.years.map(\.year)

        try w.beginSheet("Spend by modality")
        try header(w, ["modality", "modality_name", "units", "replaced", "replacements", "added"] + years.map(ReportText.financialYear)
                   + ["total_spend", "expected_cost_avoided", "avoided_per_pound"])
        let summaries = BoardReportHTML.modalitySummaries(r)
        let byModality = Dictionary(summaries.map { ($0.modality, $0) }, uniquingKeysWith: { a, _ in a })
        for m in Set(summaries.map(\.modality)).union(r.spendModalities).sorted() {
            let s = byModality[m]
            let amounts = years.map { r.spend(modality: m, year: $0) }
            try w.appendRow([.text(m.rawValue), .text(m.displayName), int(s?.units ?? 0), int(s?.replaced ?? 0),
                             int(s?.replacements ?? 0), int(s?.added ?? 0)] + amounts.map(money)
                            + [money(amounts.reduce(Pence.zero, +)), s?.avoided.map(whole) ?? .empty,
                               s?.avoidedPerPound.map { real($0, 4) } ?? .empty])
        }

        try w.beginSheet("Age profile")
        try header(w, ["year", "financial_year", "scope", "with_plan_le5", "with_plan_6_to_10", "with_plan_over_10", "with_plan_units",
                       "with_plan_share_le5", "with_plan_share_6_to_10", "with_plan_share_over_10", "with_plan_meets_rule",
                       "without_le5", "without_6_to_10", "without_over_10", "without_units", "without_share_le5",
                       "without_share_6_to_10", "without_share_over_10", "without_meets_rule"])
        func counts(_ c: PlanDetails.AgeCounts) -> [XLSXCell] {
            [int(c.le5), int(c.from6to10), int(c.over10), int(c.total), real(c.shareLE5, 4), real(c.shareFrom6to10, 4),
             real(c.shareOver10, 4), .text(c.total == 0 ? "" : c.meetsAll(r.ageRule) ? "yes" : "no")]
        }
        for a in d.ageProfile.sorted(by: { ($0.year, $0.modality?.rawValue ?? "") < ($1.year, $1.modality?.rawValue ?? "") }) {
            try w.appendRow([int(a.year), .text(ReportText.financialYear(a.year)), .text(a.modality?.rawValue ?? "network")]
                            + counts(a.withPlan) + counts(a.without))
        }

        try w.beginSheet("Capacity")
        try header(w, ["modality", "year", "financial_year", "demand", "capacity_with_plan", "capacity_without", "unmet_with_plan",
                       "unmet_without"])
        for c in d.capacity.sorted(by: { ($0.modality, $0.year) < ($1.modality, $1.year) }) {
            try w.appendRow([.text(c.modality.rawValue), int(c.year), .text(ReportText.financialYear(c.year)), whole(c.demand),
                             whole(c.capacityWithPlan), whole(c.capacityWithout), whole(c.unmetWithPlan), whole(c.unmetWithout)])
        }

        try w.beginSheet("Breaches")
        try header(w, ["kind", "trust", "asset", "modality", "year", "financial_year", "rule", "rule_text", "age", "units",
                       "over_10", "share_over_10", "target", "excess"])
        for b in d.breaches.sorted(by: { ($0.year, $0.trust, $0.asset, $0.rule) < ($1.year, $1.trust, $1.asset, $1.rule) }) {
            try w.appendRow([.text("unit"), .text(b.trust), .text(b.asset), .text(b.modality.rawValue), int(b.year),
                             .text(ReportText.financialYear(b.year)), .text(b.rule), .text(b.ruleText), int(b.age)])
        }
        for s in d.ageShareBreaches.sorted(by: { ($0.year, $0.modality) < ($1.year, $1.modality) }) {
            try w.appendRow([.text("age_share"), .empty, .empty, .text(s.modality.rawValue), int(s.year),
                             .text(ReportText.financialYear(s.year)), .text("age_profile_share"),
                             .text("share of units over 10 years above the target"), .empty, int(s.units), int(s.over10),
                             real(s.share, 4), real(s.target, 4), int(s.excess)])
        }

        guard let frontier = r.frontier else { return }
        try w.beginSheet("Frontier")
        try header(w, ["annual_budget", "share_of_need", "status", "expected_cost", "bound", "gap", "spend", "avoided_by_step",
                       "breach_years", "seconds"])
        var previous: Double?
        for f in frontier {
            var step: XLSXCell = .empty
            if let a = previous, let b = f.expectedCost { step = whole(a - b) }
            try w.appendRow([money(f.annualBudget), f.shareOfNeed.map { real($0, 4) } ?? .empty, .text(f.status),
                             f.expectedCost.map(whole) ?? .empty, f.bound.map(whole) ?? .empty, f.gap.map { real(max(0, $0), 6) } ?? .empty,
                             money(f.spend), step, int(f.breachYears), real(f.seconds, 1)])
            previous = f.expectedCost
        }
    }
}
