import CapitalCore
/// The fields of the canonical asset that a mapping profile can bind a file's columns to.
///
/// Raw values are the names used in profile YAML (`asset_tag`, `install_date`, …). Each file column maps
/// to at most one field and each field takes at most one column (the first matching header wins).
public enum CanonicalField: String, CaseIterable, Sendable, Codable {
    case assetTag = "asset_tag"
    case serial
    case manufacturer
    case model
    case description
    case modality
    case category
    case site
    case department
    case installDate = "install_date"
    case purchaseCost = "purchase_cost"
    case netBookValue = "net_book_value"
    case expectedLife = "expected_life"
    case replacementDate = "replacement_date"
    case endOfSupport = "end_of_support"
    case status
    case exclusive
    case criticality
    case failures
    case downtime
    case contractSupplier = "contract_supplier"
    case contractEnd = "contract_end"
    case contractAnnualCost = "contract_annual_cost"
    case disposalDate = "disposal_date"

    /// Position in `allCases`, for array-indexed lookups in the hot path.
    var ordinal: Int {
        switch self {
        case .assetTag: return 0
        case .serial: return 1
        case .manufacturer: return 2
        case .model: return 3
        case .description: return 4
        case .modality: return 5
        case .category: return 6
        case .site: return 7
        case .department: return 8
        case .installDate: return 9
        case .purchaseCost: return 10
        case .netBookValue: return 11
        case .expectedLife: return 12
        case .replacementDate: return 13
        case .endOfSupport: return 14
        case .status: return 15
        case .exclusive: return 16
        case .criticality: return 17
        case .failures: return 18
        case .downtime: return 19
        case .contractSupplier: return 20
        case .contractEnd: return 21
        case .contractAnnualCost: return 22
        case .disposalDate: return 23
        }
    }
}
