/// The controlled vocabulary of imaging equipment categories the network plans by, with the
/// reference defaults from the domain notes (expected life, indicative price, clinical criticality).
/// Every default is a starting point a policy file can override; none is presented as truth.
public enum Modality: String, CaseIterable, Sendable, Codable, Comparable {
    case ct = "CT"
    case mri = "MRI"
    case petCT = "PET-CT"
    case gammaCamera = "GAMMA"
    case generalRadiography = "XR"
    case mobileXRay = "MOBILE-XR"
    case fluoroscopy = "FLUORO"
    case interventional = "IR"
    case mammography = "MAMMO"
    case ultrasound = "US"
    case dexa = "DEXA"
    case dental = "DENTAL"
    case other = "OTHER"

    /// The name people read in reports ("Gamma camera / SPECT-CT"); the raw value is the register code ("GAMMA").
    public var displayName: String {
        switch self {
        case .ct: return "CT"
        case .mri: return "MRI"
        case .petCT: return "PET-CT"
        case .gammaCamera: return "Gamma camera / SPECT-CT"
        case .generalRadiography: return "General radiography room"
        case .mobileXRay: return "Mobile X-ray"
        case .fluoroscopy: return "Fluoroscopy"
        case .interventional: return "Interventional / angiography"
        case .mammography: return "Mammography"
        case .ultrasound: return "Ultrasound"
        case .dexa: return "DEXA"
        case .dental: return "Dental / OPG"
        case .other: return "Other"
        }
    }

    /// Default expected life in years (domain notes' reference table).
    public var defaultLifeYears: Int {
        switch self {
        case .ct, .mri, .petCT, .gammaCamera, .fluoroscopy, .interventional, .mammography, .dexa, .dental: return 10
        case .generalRadiography, .mobileXRay: return 12
        case .ultrasound: return 7
        case .other: return 10
        }
    }

    /// Indicative UK replacement price, ex VAT, in whole pounds.
    public var indicativePricePounds: Int64 {
        switch self {
        case .ct: return 700_000
        case .mri: return 1_000_000
        case .petCT: return 2_000_000
        case .gammaCamera: return 850_000
        case .generalRadiography: return 330_000
        case .mobileXRay: return 100_000
        case .fluoroscopy: return 400_000
        case .interventional: return 1_500_000
        case .mammography: return 350_000
        case .ultrasound: return 60_000
        case .dexa: return 150_000
        case .dental: return 40_000
        case .other: return 50_000
        }
    }

    /// Clinical criticality 1–5 (5: service stops without it).
    public var defaultCriticality: Int {
        switch self {
        case .ct, .mri, .interventional: return 5
        case .petCT, .generalRadiography, .mobileXRay: return 4
        case .gammaCamera, .fluoroscopy, .mammography, .ultrasound: return 3
        case .dexa, .dental: return 2
        case .other: return 1
        }
    }

    /// Orders modalities as they are declared (CT first, Other last), the order reports list them in.
    public static func < (a: Modality, b: Modality) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
