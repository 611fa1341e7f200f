import CapitalCore
import Testing
@testable import Procurement

@Suite struct SupportContractTests {
    static let contracts = [
        MaintenanceContract(trust: "RBB", site: "S2", tag: "CT-9", modality: .ct, manufacturer: "Siemens Healthineers",
                            supplier: "Siemens", endDate: date(2027, 6, 30), annualCost: .pounds(60_000)),
        MaintenanceContract(trust: "RAA", site: "S1", tag: "CT-1", modality: .ct, manufacturer: "siemens healthineers ",
                            supplier: "Siemens", endDate: date(2026, 9, 30), annualCost: .pounds(55_000)),
        MaintenanceContract(trust: "RAA", site: "S1", tag: "CT-2", modality: .ct, manufacturer: "Siemens Healthineers",
                            supplier: "Acme Maintenance", endDate: nil, annualCost: nil),
        MaintenanceContract(trust: "RAA", tag: "CT-3", modality: .ct, manufacturer: "GE HealthCare",
                            supplier: "GE", endDate: date(2028, 3, 31), annualCost: .pounds(70_000)),
        MaintenanceContract(trust: "RCC", tag: "MR-1", modality: .mri, manufacturer: nil, supplier: nil,
                            endDate: nil, annualCost: .pounds(90_000)),
    ]

    @Test func groupsByModalityAndManufacturerIgnoringCase() {
        let groups = SupportContracts.group(contracts: Self.contracts, asOf: date(2026, 4, 1))
        #expect(groups.map { "\($0.modality.rawValue)/\($0.manufacturer ?? "-")" }
                == ["CT/GE HealthCare", "CT/Siemens Healthineers", "MRI/-"])
        let siemens = groups[1]
        #expect(siemens.count == 3 && siemens.trusts == ["RAA", "RBB"])
        #expect(siemens.suppliers == ["Acme Maintenance", "Siemens"])
        #expect(siemens.totalAnnualCost == .pounds(115_000) && siemens.unknownCostCount == 1)
        #expect(siemens.dated.map(\.tag) == ["CT-1", "CT-9"] && siemens.undated.map(\.tag) == ["CT-2"])
        #expect(siemens.earliestEnd == date(2026, 9, 30) && siemens.latestEnd == date(2027, 6, 30))
        // First 31 March on or after the latest end: nobody's contract is cut short.
        #expect(siemens.coTerminationDate == date(2028, 3, 31))
        #expect(siemens.extensionDays(for: siemens.dated[0]) == date(2026, 9, 30).days(to: date(2028, 3, 31)))
        #expect(siemens.extensionDays(for: siemens.undated[0]) == nil)
        #expect(groups[0].coTerminationDate == date(2028, 3, 31)) // already a year-end: kept
        #expect(groups[2].coTerminationDate == nil && groups[2].undated.count == 1)
    }

    @Test func tableListsUndatedContractsSeparately() {
        let text = SupportRendering.table(SupportContracts.group(contracts: Self.contracts, asOf: date(2026, 4, 1)))
        #expect(text.contains("without an end date (2):"))
        #expect(text.contains("RAA/CT-2 CT Siemens Healthineers supplier Acme Maintenance"))
        #expect(text.contains("£115,000.00 (+1 unknown)"))
    }

    /// A run dated 2026-12-01: RAA's CT-1 (ended 2026-09-30) has expired; the Siemens group still co-terminates on
    /// 2028-03-31 (after its latest end); a group whose contracts have all ended co-terminates on the next 31 March
    /// after the run date, never in the past (issue 17: 2026-03-31 was proposed on a run dated 2026-12-01).
    @Test func coTerminationIsNeverInThePastAndExpiredContractsAreFlagged() {
        let old = MaintenanceContract(trust: "RDD", tag: "US-1", modality: .ultrasound, manufacturer: "Philips",
                                      supplier: "Philips", endDate: date(2025, 12, 31), annualCost: .pounds(5_000))
        let groups = SupportContracts.group(contracts: Self.contracts + [old], asOf: date(2026, 12, 1))
        let siemens = groups.first { $0.manufacturer == "Siemens Healthineers" }!
        #expect(siemens.expired.map(\.tag) == ["CT-1"] && siemens.coTerminationDate == date(2028, 3, 31))
        let philips = groups.first { $0.manufacturer == "Philips" }!
        #expect(philips.latestEnd == date(2025, 12, 31))
        #expect(philips.coTerminationDate == date(2027, 3, 31))
        #expect(philips.expired.map(\.tag) == ["US-1"])
        let text = SupportRendering.table(groups)
        #expect(text.contains("EXPIRED before 2026-12-01 (2)") && text.contains("RDD/US-1 US Philips ended 2025-12-31"), "\(text)")
        let csv = SupportRendering.contractsCSV(groups)
        #expect(csv.contains(",2027-03-31,455,true\r\n"), "\(csv)")
        // The same contracts on an earlier as-of date: nothing expired, the old contract's own year-end.
        let earlier = SupportContracts.group(contracts: [old], asOf: date(2025, 6, 1))
        #expect(earlier[0].expired.isEmpty && earlier[0].coTerminationDate == date(2026, 3, 31))
    }

    @Test func emptyInputGivesNoGroups() {
        #expect(SupportContracts.group(contracts: [], asOf: date(2026, 4, 1)).isEmpty)
    }
}
