/// The nine kinds of contribution the guidance values (NHS England/IPEM 2021, §4.1), in its order.
///
/// Each has a stable snake_case key used in JSON and CSV output and a short title for tables.
/// The contribution method's total for a trust is the sum of exactly these nine values.
public enum ValuationCategory: String, CaseIterable, Sendable, Codable {
    case activity
    case staff
    case executive
    case land
    case capitalInvestment = "capital_investment"
    case imagingEquipment = "imaging_equipment"
    case itEquipment = "it_equipment"
    case workingCapital = "working_capital"
    case strandedCosts = "stranded_costs"

    /// The key in files and JSON (`capital_investment`).
    public var key: String { rawValue }

    /// Column heading for tables.
    public var title: String {
        switch self {
        case .activity: return "Activity"
        case .staff: return "Staff"
        case .executive: return "Executive"
        case .land: return "Land"
        case .capitalInvestment: return "Capital inv."
        case .imagingEquipment: return "Imaging eq."
        case .itEquipment: return "IT eq."
        case .workingCapital: return "Working cap."
        case .strandedCosts: return "Stranded"
        }
    }
}
