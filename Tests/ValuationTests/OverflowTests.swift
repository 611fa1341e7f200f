import CapitalCore
import Foundation
import Testing
@testable import Valuation

/// Issue 14: contributions whose sums leave Int64 are user errors naming the file, line and trust, never traps.
@Suite struct OverflowTests {
    static func yaml(activity: String, price: String = "999999999999999.00", staff: String = "1.00", trusts: Int = 2) -> String {
        var text = "formed: 2025-04-01\ndiscount_rate: 0.05\nprice_list: {CT: \(price)}\ntrusts:\n"
        for t in 0..<trusts {
            text += "  T\(t):\n    activity: {CT: \(t == 0 ? activity : "1")}\n    staff: \(staff)\n    land: \(staff)\n    executive: \(staff)\n"
            text += "    it_equipment: \(staff)\n    working_capital: \(staff)\n    stranded_costs: \(staff)\n    imaging_equipment: \(staff)\n"
        }
        return text
    }

    @Test func activityTimesPriceBeyondInt64IsAnErrorNamingTheTrust() {
        #expect(throws: UserError("big.yaml:5: trust T0, field activity: activity × price list is more than £92 quadrillion; check the counts and the prices")) {
            try ContributionsFile.parse(yaml: Self.yaml(activity: "9223372036854775807"), fileName: "big.yaml")
        }
    }

    @Test func categoriesAndTrustsAddingUpBeyondInt64AreErrorsNotTraps() throws {
        // Each figure is allowed (15 digits of pounds); seven of them and the activity overflow a trust's total.
        let c = try ContributionsFile.parse(yaml: Self.yaml(activity: "9", staff: "999999999999999.00", trusts: 12), fileName: "c.yaml")
        let report = try SharesReport.compute(contributions: c)
        let reason = report.unavailable.first { $0.method == .contribution }?.reason ?? ""
        #expect(reason.contains("adds up to more than £92 quadrillion"), "\(reason)")
        #expect(throws: UserError.self) { try SharesReport.compute(contributions: c, method: .contribution) }
    }

    @Test func registerEquipmentAddingUpBeyondInt64IsAnError() throws {
        let c = try ContributionsFile.parse(yaml: Self.yaml(activity: "1").replacingOccurrences(of: "    imaging_equipment: 1.00\n", with: ""), fileName: "c.yaml")
        let holdings = (0..<200).map { EquipmentHolding(trust: "T0", assetTag: "A\($0)", modality: .ct, netBookValue: Pence(99_999_999_999_999_999), exclusiveToNetwork: true) }
        #expect(throws: UserError("trust T0: imaging equipment in the register adds up to more than £92 quadrillion; check the figures")) {
            try Valuer.value(c, equipment: holdings)
        }
    }
}
