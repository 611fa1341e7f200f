import CapitalCore
import Foundation
import Postgres
import Register

enum StageRow {
    static let columns = ["row_number", "kind", "asset_tag", "site", "serial", "manufacturer", "manufacturer_given", "model", "modality",
                          "description", "department", "install_date", "purchase_cost", "net_book_value", "expected_life_years",
                          "support_end", "status", "exclusive_to_network", "criticality", "failures_last_year",
                          "downtime_hours_last_year", "contract_supplier", "contract_end", "contract_annual_cost", "raw", "issues"]
    /// Where `raw` is: a rejected or skipped row leaves the canonical columns before it NULL.
    static let rawColumn = columns.firstIndex(of: "raw")!

    static func asset(_ a: CanonicalAsset) -> [String?] {
        [String(a.sourceRow), "a", a.assetTag, a.site, a.serial, a.manufacturer, a.manufacturerAsGiven, a.model, a.modality.rawValue,
         a.description, a.department, a.installDate?.iso, a.purchaseCost?.plain, a.netBookValue?.plain, String(a.expectedLifeYears),
         a.endOfManufacturerSupport?.iso, a.status.rawValue, a.exclusiveToNetwork.map { $0 ? "t" : "f" }, String(a.criticality),
         a.failuresLastYear.map(String.init), a.downtimeHoursLastYear.map(String.init), a.contractSupplier, a.contractEnd?.iso,
         a.contractAnnualCost?.plain, a.raw.jsonText, nil]
    }

    static func issuesJSON(_ issues: [ValidationIssue]) -> String {
        "[" + issues.map { i in
            "{\"column\":\(json(i.column)),\"value\":\(json(i.value)),\"rule\":\(json(i.rule.rawValue)),\"message\":\(json(i.message)),\"severity\":\(json(i.severity.rawValue))}"
        }.joined(separator: ",") + "]"
    }

    /// A skipped row's reason as its one issue (severity `skipped`), in the shape of ``issuesJSON(_:)``.
    static func skipJSON(rule: String, column: String, value: String, message: String) -> String {
        "[{\"column\":\(json(column)),\"value\":\(json(value)),\"rule\":\(json(rule)),\"message\":\(json(message)),\"severity\":\"skipped\"}]"
    }

    static func json(_ s: String) -> String { JSONText.quoted(s) }
}
