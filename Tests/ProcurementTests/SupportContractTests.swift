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
        let groups = SupportContracts.group(contracts: Self.contracts)
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
        let text = SupportRendering.table(SupportContracts.group(contracts: Self.contracts))
        #expect(text.contains("without an end date (2):"))
        #expect(text.contains("RAA/CT-2 CT Siemens Healthineers supplier Acme Maintenance"))
        #expect(text.contains("£115,000.00 (+1 unknown)"))
    }

    @Test func emptyInputGivesNoGroups() {
        #expect(SupportContracts.group(contracts: []).isEmpty)
    }
}
