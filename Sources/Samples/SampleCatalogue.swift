import CapitalCore

/// Reference data for the sample generator: realistic imaging models per modality (manufacturer, model,
/// descriptions in each export's style) with mix weights as an acute trust's imaging register has them: about half
/// ultrasound, then X-ray rooms and mobiles, a few percent CT and MRI, PET-CT rare (about 1 in 360 units).
enum SampleCatalogue {
    struct Kind {
        let modality: Modality
        let weight: Int
        let cmmsDescriptions: [String]
        let memsDeviceType: String
        let financeWord: String
        let models: [(manufacturer: String, model: String)]
        let departments: [String]
    }

    static let kinds: [Kind] = [
        Kind(modality: .ultrasound, weight: 180, cmmsDescriptions: ["Ultrasound Scanner", "Ultrasound", "Ultrasound Machine", "US Scanner - Portable"],
             memsDeviceType: "Scanning Systems, Ultrasonic, General-Purpose", financeWord: "ULTRASOUND",
             models: [("GE HealthCare", "LOGIQ E10"), ("GE HealthCare", "Voluson E10"), ("Philips", "EPIQ Elite"), ("Philips", "Affiniti 70"),
                      ("Canon Medical", "Aplio i800"), ("Siemens Healthineers", "ACUSON Sequoia"), ("Samsung Medison", "RS85"), ("Fujifilm", "Sonosite PX")],
             departments: ["Ultrasound", "Obstetrics", "Vascular Lab", "Emergency Dept", "Community Diagnostic Centre"]),
        Kind(modality: .generalRadiography, weight: 48, cmmsDescriptions: ["X-Ray Room (DR)", "General Radiography", "DR Room", "X-Ray Room"],
             memsDeviceType: "Radiographic Units, General-Purpose", financeWord: "X-RAY ROOM",
             models: [("Carestream", "DRX-Evolution Plus"), ("Agfa", "DR 600"), ("Siemens Healthineers", "Ysio X.pree"), ("Philips", "DigitalDiagnost C90"),
                      ("Fujifilm", "FDR Visionary Suite"), ("GE HealthCare", "Discovery XR656")],
             departments: ["Main X-Ray", "Emergency Dept", "Orthopaedics", "Minor Injuries"]),
        Kind(modality: .mobileXRay, weight: 48, cmmsDescriptions: ["Mobile X-Ray", "Mobile DR unit", "Portable X-Ray"],
             memsDeviceType: "Radiographic Units, Mobile", financeWord: "MOBILE X-RAY",
             models: [("Carestream", "DRX-Revolution"), ("Fujifilm", "FDR Go PLUS"), ("GE HealthCare", "AMX Navigate"), ("Siemens Healthineers", "Mobilett Elara Max")],
             departments: ["ITU", "Theatres", "Wards", "Neonatal Unit"]),
        Kind(modality: .ct, weight: 12, cmmsDescriptions: ["CT Scanner", "Computed Tomography", "CT Sim"],
             memsDeviceType: "Scanning Systems, Computed Tomography", financeWord: "CT SCANNER",
             models: [("Siemens Healthineers", "SOMATOM Definition AS+"), ("GE HealthCare", "Revolution EVO"), ("Canon Medical", "Aquilion ONE Prism"), ("Philips", "Incisive CT")],
             departments: ["Radiology - CT", "Emergency Dept", "Radiotherapy Planning"]),
        Kind(modality: .mri, weight: 8, cmmsDescriptions: ["MRI Scanner", "MRI 1.5T", "MRI Scanner 3T"],
             memsDeviceType: "Scanning Systems, Magnetic Resonance Imaging", financeWord: "MRI SCANNER",
             models: [("Philips", "Ingenia 1.5T"), ("Siemens Healthineers", "MAGNETOM Sola"), ("GE HealthCare", "SIGNA Artist"), ("Canon Medical", "Vantage Orian")],
             departments: ["Radiology - MRI", "MRI Unit"]),
        Kind(modality: .fluoroscopy, weight: 12, cmmsDescriptions: ["Fluoroscopy Room", "Fluoroscopy"],
             memsDeviceType: "Radiographic/Fluoroscopic Systems", financeWord: "FLUOROSCOPY ROOM",
             models: [("Siemens Healthineers", "Luminos dRF Max"), ("Philips", "CombiDiagnost R90"), ("Shimadzu", "FluoroSpeed X1")],
             departments: ["Fluoroscopy", "Main X-Ray"]),
        Kind(modality: .mammography, weight: 20, cmmsDescriptions: ["Mammography", "Mammography Unit", "Breast Tomosynthesis"],
             memsDeviceType: "Mammographic Units", financeWord: "MAMMOGRAPHY",
             models: [("Hologic", "3Dimensions"), ("GE HealthCare", "Senographe Pristina"), ("Siemens Healthineers", "MAMMOMAT Revelation"), ("Fujifilm", "Amulet Innovality")],
             departments: ["Breast Screening", "Breast Unit"]),
        Kind(modality: .interventional, weight: 6, cmmsDescriptions: ["Angiography Suite", "Interventional Radiology Suite", "Cath Lab"],
             memsDeviceType: "Angiographic Systems", financeWord: "ANGIOGRAPHY SUITE",
             models: [("Philips", "Azurion 7 M20"), ("Siemens Healthineers", "ARTIS icono"), ("GE HealthCare", "Allia IGS 7")],
             departments: ["Interventional Radiology", "Cardiology"]),
        Kind(modality: .dexa, weight: 6, cmmsDescriptions: ["DEXA Scanner", "Bone Densitometry"],
             memsDeviceType: "Densitometers, Bone", financeWord: "DEXA SCANNER",
             models: [("Hologic", "Horizon A"), ("GE HealthCare", "Lunar iDXA")], departments: ["Bone Densitometry"]),
        Kind(modality: .dental, weight: 16, cmmsDescriptions: ["OPG", "Dental Panoramic X-Ray"],
             memsDeviceType: "Radiographic Units, Dental, Panoramic", financeWord: "OPG DENTAL",
             models: [("Planmeca", "ProMax 2D"), ("Dentsply Sirona", "Orthophos SL")], departments: ["Maxillofacial", "Dental"]),
        Kind(modality: .gammaCamera, weight: 5, cmmsDescriptions: ["Gamma Camera", "SPECT-CT"],
             memsDeviceType: "Gamma Cameras", financeWord: "GAMMA CAMERA",
             models: [("GE HealthCare", "Discovery NM/CT 670"), ("Siemens Healthineers", "Symbia Intevo"), ("Mediso", "AnyScan SC")], departments: ["Nuclear Medicine"]),
        Kind(modality: .petCT, weight: 1, cmmsDescriptions: ["PET-CT", "PET/CT Scanner"],
             memsDeviceType: "Scanning Systems, PET/CT", financeWord: "PET-CT",
             models: [("Siemens Healthineers", "Biograph Vision 600"), ("GE HealthCare", "Discovery MI")], departments: ["Nuclear Medicine"]),
    ]

    static let totalWeight = kinds.reduce(0) { $0 + $1.weight }

    static func pickKind(_ rng: inout SplitMix64) -> Kind {
        var r = rng.below(totalWeight)
        for k in kinds { if r < k.weight { return k }; r -= k.weight }
        return kinds[0]
    }

    /// How registers spell each manufacturer (aliases the importer must fold back).
    static let spellings: [String: [String]] = [
        "GE HealthCare": ["GE Healthcare", "GE", "GE Medical Systems", "General Electric"],
        "Philips": ["Philips", "Phillips", "Philips Medical Systems", "Philips Healthcare"],
        "Siemens Healthineers": ["Siemens Healthineers", "Siemens", "Siemens Healthcare"],
        "Canon Medical": ["Canon Medical", "Canon", "Toshiba"],
        "Fujifilm": ["Fujifilm", "Fuji", "FUJIFILM"],
    ]

    static let nonImaging: [(String, String, String)] = [
        ("X-Ray Film Viewer", "Generic", "Light box"), ("Endoscopy Stack", "Olympus", "EVIS X1"), ("Lead Apron Rack", "Wardray", "LAR-10"),
    ]

    static let placeWords = ["Northfield", "Eastbrook", "Westmere", "Southgate", "Kingsbridge", "Ashford Vale", "Hollins", "Marsden Cross",
                             "Riverside", "Oakhampton", "Fenwick", "Thornbury", "Elmstead", "Harrowfield", "Castlegate", "Brookmoor",
                             "Redhill", "Stanwick", "Moorcroft", "Wexley"]
    static let siteKinds = ["General Hospital", "Royal Infirmary", "Community Hospital", "Community Diagnostic Centre", "Treatment Centre", "Cancer Centre"]
    static let trustCodes = ["R1A", "R1F", "RXK", "RBK", "RL4", "RNA", "RJC", "RLQ", "RWP", "RKB", "RRK", "RJE", "RQ3", "RYW", "RJ4", "R0A", "RAS", "RTG", "RX1", "RHM"]
}
