import CapitalCore
import Foundation
@testable import Reports
import Testing

/// The plan document and the frontier JSON, read as the report reads them (hand-written in the shapes Planning's
/// `PlanDocument` and `FrontierRenderer.json` write).
@Suite struct ReportDecodingTests {
    static let documentV2 = """
        {
          "additions" : [ { "asset" : "NEW-CT-1", "cost" : "900000.00", "expected_cost_with_plan" : "100.00",
                            "expected_cost_without" : "40100.00", "installations" : [ { "cost" : "900000.00", "equipment" : "600000.00",
                            "vat" : "0.00", "works" : "300000.00", "year" : 2027 } ], "modality" : "CT", "scans_covered" : 5000,
                            "site" : "S1", "trust" : "AAA", "unit" : 1 } ],
          "age_share_breaches" : [ { "excess" : 1, "modality" : "MRI", "over10" : 2, "share" : 0.6667, "target" : 0.1, "units" : 3, "year" : 2026 } ],
          "assets" : [
            { "asset" : "CT-1", "cost" : "700000.00", "due_year" : 2026, "excluded" : false, "expected_cost_with_plan" : "1000.00",
              "expected_cost_without" : "251000.00", "expected_life" : 10, "installed" : 2015, "modality" : "CT",
              "replacements" : [ { "cost" : "700000.00", "equipment" : "700000.00", "vat" : "0.00", "works" : "0.00", "year" : 2026 } ],
              "site" : "S1", "trust" : "AAA" },
            { "asset" : "CT-2", "cost" : "0.00", "due_year" : null, "excluded" : false, "expected_cost_with_plan" : "5000.00",
              "expected_cost_without" : "5000.00", "expected_life" : 10, "installed" : 2022, "modality" : "CT", "replacements" : [ ],
              "site" : "S1", "trust" : "AAA" },
            { "asset" : "MR-1", "cost" : "1200000.00", "due_year" : 2027, "excluded" : false, "expected_cost_with_plan" : "2000.00",
              "expected_cost_without" : "602000.00", "expected_life" : 10, "installed" : 2016, "modality" : "MRI",
              "replacements" : [ { "cost" : "1200000.00", "equipment" : "1200000.00", "vat" : "0.00", "works" : "0.00", "year" : 2027 } ],
              "site" : "S2", "trust" : "BBB" }
          ],
          "breaches" : [ { "age" : 12, "asset" : "MR-9", "modality" : "MRI", "rule" : "max_age", "trust" : "BBB", "year" : 2026 } ],
          "certificate" : { "bound" : "8000.00", "gap" : 0.001, "objective" : "8008.00", "seconds" : 1.2, "status" : "optimal", "unit" : "GBP" },
          "costs_with_plan" : { "backlog_at_end" : "500.00", "expected" : "7000.00", "lost_scans" : "3000.00", "repairs" : "1000.00",
                                "rules_price" : "1008.00", "total" : "8508.00", "unmet_demand" : "500.00", "upkeep" : "2500.00" },
          "costs_without" : { "expected" : "890000.00", "lost_scans" : "600000.00", "repairs" : "150000.00", "rules_price" : "10000.00",
                              "total" : "900000.00", "unmet_demand" : "40000.00", "upkeep" : "100000.00" },
          "money_to_meet_rules" : [ { "amount" : "1250000.00", "year" : 2026 } ],
          "policy" : { "first_year" : 2026, "years" : 2 },
          "total_spend" : "2800000.00",
          "trusts" : [ ],
          "unfunded" : [ ],
          "version" : 2,
          "years" : [
            { "additions" : 0, "age_profile" : { "with_plan" : { "from6to10" : 1, "le5" : 1, "over10" : 1, "units" : 3 },
                                                 "without" : { "from6to10" : 1, "le5" : 0, "over10" : 2, "units" : 3 } },
              "age_profile_by_modality" : { "CT" : { "with_plan" : { "from6to10" : 0, "le5" : 2, "over10" : 0, "units" : 2 },
                                                     "without" : { "from6to10" : 0, "le5" : 1, "over10" : 1, "units" : 2 } } },
              "budget" : "2000000.00", "capacity" : { "CT" : { "capacity_with_plan" : 20000, "capacity_without" : 20000, "demand" : 21000,
                                                               "unmet_with_plan" : 1000, "unmet_without" : 1000 } },
              "expected_cost_with_plan" : "5000.00", "expected_cost_without" : "450000.00", "spend" : "700000.00",
              "spend_by_modality" : { "CT" : "700000.00" }, "spend_by_trust" : { "AAA" : "700000.00" }, "year" : 2026 },
            { "additions" : 1, "age_profile" : { "with_plan" : { "from6to10" : 0, "le5" : 3, "over10" : 1, "units" : 4 },
                                                 "without" : { "from6to10" : 0, "le5" : 0, "over10" : 3, "units" : 3 } },
              "age_profile_by_modality" : { }, "budget" : "2000000.00", "capacity" : { },
              "expected_cost_with_plan" : "3008.00", "expected_cost_without" : "450000.00", "spend" : "2100000.00",
              "spend_by_modality" : { "CT" : "900000.00", "MRI" : "1200000.00" }, "spend_by_trust" : { }, "year" : 2027 }
          ]
        }
        """

    @Test func aPlanDocumentInPounds() throws {
        let d = try PlanDetails.decode(planDocument: Self.documentV2)
        let w = try #require(d.costsWithPlan), n = try #require(d.costsWithout)
        #expect(w.lostScans == 3_000 && w.repairs == 1_000 && w.upkeep == 2_500 && w.unmetDemand == 500 && w.rulesPrice == 1_008)
        #expect(w.expected == 7_000 && w.backlogAtEnd == 500 && w.total == 8_508)
        #expect(n.backlogAtEnd == 0)   // absent: documents saved before the backlog was priced
        #expect(n.expected == 890_000 && n.total == 900_000)
        #expect(d.spendByModality[2027] == [.ct: .pounds(900_000), .mri: .pounds(1_200_000)])

        let ct = try #require(d.modalities.first { $0.modality == .ct })
        #expect(ct.units == 2 && ct.replaced == 1 && ct.replacements == 1 && ct.added == 1)
        #expect(ct.spend == .pounds(1_600_000))
        let expectedAvoided: Double = (251_000 - 1_000) + (5_000 - 5_000) + (40_100 - 100)   // both assets and the additional unit
        #expect(ct.avoided == expectedAvoided)
        let mri = try #require(d.modalities.first { $0.modality == .mri })
        #expect(mri.avoided == 600_000 && mri.avoidedPerPound == 0.5)
        #expect(d.modalities.map(\.modality) == [.ct, .mri])

        let net = try #require(d.networkAge(2026))
        #expect(net.withPlan == .init(le5: 1, from6to10: 1, over10: 1) && net.without == .init(le5: 0, from6to10: 1, over10: 2))
        #expect(d.networkAge(2027)?.withPlan.total == 4)
        #expect(d.ageProfile.contains(.init(modality: .ct, year: 2026, withPlan: .init(le5: 2, from6to10: 0, over10: 0),
                                            without: .init(le5: 1, from6to10: 0, over10: 1))))
        #expect(d.capacity == [.init(modality: .ct, year: 2026, demand: 21_000, capacityWithPlan: 20_000, capacityWithout: 20_000,
                                     unmetWithPlan: 1_000, unmetWithout: 1_000)])
        #expect(d.breaches == [.init(trust: "BBB", asset: "MR-9", modality: .mri, year: 2026, rule: "max_age", age: 12)])
        #expect(d.ageShareBreaches.first?.excess == 1 && d.ageShareBreaches.first?.over10 == 2)
        #expect(d.moneyToMeetRules == [.init(year: 2026, amount: .pounds(1_250_000))])
    }

    @Test func aVersionOneDocumentHasNoPoundsDetails() throws {
        let v1 = """
            {"version": 1, "baseline_risk": 1200, "certificate": {"status": "optimal", "objective": 900, "bound": 891, "gap": 0.01, "seconds": 1},
             "years": [{"year": 2026, "budget": "1000.00", "spend": "700.00", "headroom": "300.00", "replacements": 1,
                        "risk_with_plan": 350, "risk_without": 380}],
             "assets": [{"trust": "AAA", "site": "S1", "asset": "CT-1", "modality": "CT", "replacements": [{"year": 2026, "cost": "700.00"}],
                         "cost": "700.00", "risk_with_plan": 10, "risk_without": 30, "due_year": 2026, "excluded": false}],
             "trusts": [], "unfunded": []}
            """
        let d = try PlanDetails.decode(planDocument: v1)
        #expect(d.costsWithPlan == nil && d.ageProfile.isEmpty && d.capacity.isEmpty && d.breaches.isEmpty && d.spendByModality.isEmpty)
        #expect(d.modalities == [.init(modality: .ct, units: 1, replaced: 1, replacements: 1, added: 0, spend: .pounds(700), avoided: nil)])
    }

    @Test func notAPlanDocument() {
        #expect(throws: UserError.self) { try PlanDetails.decode(planDocument: "[1, 2]") }
        #expect(throws: UserError.self) { try PlanDetails.decode(planDocument: #"{"years": [{"year": "2026"}]}"#) }
    }

    static let frontierJSON = """
        [
          { "annual_budget" : "4000000.00", "bound" : null, "breach_years" : 0, "expected_cost" : null, "gap" : null,
            "seconds" : 0.5, "spend" : "0.00", "status" : "infeasible", "unit" : "GBP" },
          { "annual_budget" : "8000000.00", "bound" : "51000000.00", "breach_years" : 12, "expected_cost" : "51234567.00",
            "gap" : 0.0046, "seconds" : 3.25, "spend" : "119500000.50", "status" : "feasible", "unit" : "GBP" },
          { "annual_budget" : "12000000.00", "bound" : "40000000.00", "breach_years" : 0, "expected_cost" : "40100000.00",
            "gap" : 0.0025, "seconds" : 2, "spend" : "170000000.00", "status" : "optimal", "unit" : "GBP" }
        ]
        """

    @Test func frontierRowsFromTheFrontierJSON() throws {
        let rows = try BoardReportInput.frontierRows(json: Self.frontierJSON, need: .pounds(8_000_000))
        #expect(rows.count == 3)
        #expect(rows[0] == .init(annualBudget: .pounds(4_000_000), shareOfNeed: 0.5, status: "infeasible", expectedCost: nil, bound: nil,
                                 gap: nil, spend: .zero, breachYears: 0, seconds: 0.5))
        #expect(rows[1].expectedCost == 51_234_567 && rows[1].bound == 51_000_000 && rows[1].spend == Pence(11_950_000_050))
        #expect(rows[1].breachYears == 12 && rows[1].shareOfNeed == 1 && rows[1].gap == 0.0046)
        #expect(rows[2].shareOfNeed == 1.5 && rows[2].status == "optimal")
        #expect(try BoardReportInput.frontierRows(json: Self.frontierJSON).allSatisfy { $0.shareOfNeed == nil })
        #expect(try BoardReportInput.frontierRows(json: "[]").isEmpty)
    }

    @Test func frontierJSONThatIsNotInPoundsOrNotAFrontierIsRefused() {
        let riskYears = Self.frontierJSON.replacingOccurrences(of: "\"GBP\"", with: "\"risk-years\"")
        #expect(throws: UserError.self) { try BoardReportInput.frontierRows(json: riskYears) }
        #expect(throws: UserError.self) { try BoardReportInput.frontierRows(json: #"{"annual_budget": "1.00"}"#) }
        #expect(throws: UserError.self) { try BoardReportInput.frontierRows(json: #"[{"annual_budget": 12.345, "status": "optimal", "spend": "0"}]"#) }
        do {
            _ = try BoardReportInput.frontierRows(json: #"[{"status": "optimal", "spend": "0"}]"#)
            Issue.record("a row without its budget was accepted")
        } catch let e as UserError {
            #expect(e.message.contains("annual_budget") && e.message.contains("budget frontier"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
}
