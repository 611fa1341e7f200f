import CapitalCore

/// The numbers of the expected-cost model (the plan's objective, in pounds), all overridable in the policy's
/// `service_cost:` block. Sources and reasoning for every default: `docs/planning.md`, "Expected cost".
///
/// Rules kept: every per-modality table has an entry for every modality (defaults fill the gaps); rates, days,
/// capacities and fractions are finite and not negative; ``criticalityWeights`` has five entries, one per
/// criticality 1–5.
public struct ServiceCostParameters: Sendable, Equatable {
    /// Breakdowns a year of a new unit (the failure rate before wear-out).
    public var breakdownsPerYearNew: [Modality: Double]
    /// How many times the new-unit breakdown rate a unit has at its expected life; the rate grows with the square of
    /// age ÷ life: `rate(age) = new × (1 + (atLife − 1) × (age / life)²)`.
    public var breakdownMultipleAtLife: Double
    /// Days (24 hours) out of service per breakdown.
    public var daysDownPerBreakdown: [Modality: Double]
    /// Scans (examinations) a unit can do in a year: its capacity, and the scans lost per day down (÷ 365).
    public var scansPerUnitYear: [Modality: Double]
    /// What a scan lost or not done in-house costs the network: re-done elsewhere (outsourced or insourced),
    /// money of the first year. Also the price of unmet demand.
    public var scanCost: [Modality: Pence]
    /// What a scan costs in-house (staff, consumables), as a fraction of ``scanCost``: an additional unit saves the
    /// difference on every scan it takes back from elsewhere.
    public var inHouseScanFraction: Double
    /// Parts and call-out per breakdown, as a fraction of the equipment price.
    public var repairFraction: Double
    /// Maintenance contract a year, as a fraction of the equipment price (a unit's own contract cost when the register
    /// has one).
    public var maintenanceFraction: Double
    /// Years a new unit is under warranty (no maintenance contract).
    public var warrantyYears: Int
    /// Breakdowns a year are multiplied by this once manufacturer support has ended (default 1.5).
    public var supportEndedBreakdownMultiple: Double
    /// Days down per breakdown are multiplied by this once support has ended (default 2).
    public var supportEndedDaysMultiple: Double
    /// Repairs and upkeep are multiplied by this once support has ended (default 1.5).
    public var supportEndedCostMultiple: Double
    /// Years of manufacturer support a new unit gets (nil: its expected life).
    public var newUnitSupportYears: Int?
    /// Weight on the consequence of a breakdown (lost scans) by clinical criticality 1…5.
    public var criticalityWeights: [Double]
    /// How many years of the modality's typical rate the register's last-year failure count is blended with: the
    /// installed unit's rate is `(failures + w × modelled) ÷ (1 + w)` at its current age, carried forward by wear-out.
    public var historyWeightYears: Double

    /// Creates parameters; a per-modality table not given (or a modality missing from one) takes ``defaults(_:)``.
    public init(breakdownsPerYearNew: [Modality: Double] = [:], breakdownMultipleAtLife: Double = 3,
                daysDownPerBreakdown: [Modality: Double] = [:], scansPerUnitYear: [Modality: Double] = [:],
                scanCost: [Modality: Pence] = [:], inHouseScanFraction: Double = 0.5, repairFraction: Double = 0.01,
                maintenanceFraction: Double = 0.09,
                warrantyYears: Int = 1, supportEndedBreakdownMultiple: Double = 1.5, supportEndedDaysMultiple: Double = 2,
                supportEndedCostMultiple: Double = 1.5, newUnitSupportYears: Int? = nil,
                criticalityWeights: [Double] = [0.5, 0.75, 1.0, 1.25, 1.5], historyWeightYears: Double = 1) {
        var rate: [Modality: Double] = [:], days: [Modality: Double] = [:], scans: [Modality: Double] = [:]
        var cost: [Modality: Pence] = [:]
        for m in Modality.allCases {
            let d = Self.defaults(m)
            rate[m] = breakdownsPerYearNew[m] ?? d.breakdowns
            days[m] = daysDownPerBreakdown[m] ?? d.daysDown
            scans[m] = scansPerUnitYear[m] ?? d.scans
            cost[m] = scanCost[m] ?? .pounds(d.scanCost)
        }
        self.breakdownsPerYearNew = rate
        self.breakdownMultipleAtLife = breakdownMultipleAtLife
        self.daysDownPerBreakdown = days
        self.scansPerUnitYear = scans
        self.scanCost = cost
        self.inHouseScanFraction = inHouseScanFraction
        self.repairFraction = repairFraction
        self.maintenanceFraction = maintenanceFraction
        self.warrantyYears = warrantyYears
        self.supportEndedBreakdownMultiple = supportEndedBreakdownMultiple
        self.supportEndedDaysMultiple = supportEndedDaysMultiple
        self.supportEndedCostMultiple = supportEndedCostMultiple
        self.newUnitSupportYears = newUnitSupportYears
        self.criticalityWeights = criticalityWeights
        self.historyWeightYears = historyWeightYears
    }

    /// Built-in defaults per modality: new-unit breakdowns a year, days down per breakdown, scans a unit can do in a
    /// year, and the cost of a scan done elsewhere (pounds). Reasoning and sources: `docs/planning.md`.
    public static func defaults(_ m: Modality) -> (breakdowns: Double, daysDown: Double, scans: Double, scanCost: Int64) {
        switch m {
        case .ct: return (1.0, 2, 15_000, 150)
        case .mri: return (1.0, 3, 9_000, 200)
        case .petCT: return (1.2, 3, 4_000, 900)
        case .gammaCamera: return (0.8, 2, 3_500, 250)
        case .generalRadiography: return (0.8, 1, 20_000, 30)
        case .mobileXRay: return (0.8, 1, 6_000, 30)
        case .fluoroscopy: return (0.8, 2, 3_000, 150)
        case .interventional: return (1.0, 2, 1_500, 1_500)
        case .mammography: return (0.6, 1.5, 8_000, 60)
        case .ultrasound: return (0.5, 1, 5_000, 60)
        case .dexa: return (0.4, 1, 4_000, 50)
        case .dental: return (0.3, 1, 5_000, 25)
        case .other: return (0.5, 1, 3_000, 50)
        }
    }

    /// The consequence weight of criticality `c` (clamped to 1–5).
    public func criticalityWeight(_ c: Int) -> Double { criticalityWeights[max(1, min(5, c)) - 1] }

    func validate() throws {
        func check(_ name: String, _ v: Double, _ range: ClosedRange<Double>) throws {
            guard v.isFinite, range.contains(v) else {
                throw UserError("service_cost.\(name) must be \(range.lowerBound)–\(range.upperBound), not \(v)")
            }
        }
        for m in Modality.allCases {
            try check("breakdowns_per_year_new.\(m.rawValue)", breakdownsPerYearNew[m] ?? 0, 0...365)
            try check("days_down_per_breakdown.\(m.rawValue)", daysDownPerBreakdown[m] ?? 0, 0...365)
            try check("scans_per_unit_year.\(m.rawValue)", scansPerUnitYear[m] ?? 0, 0...10_000_000)
            guard let c = scanCost[m], c >= .zero, c.value <= 100_000_000 else {
                throw UserError("service_cost.scan_cost.\(m.rawValue) must be £0–£1,000,000")
            }
        }
        try check("breakdown_multiple_at_life", breakdownMultipleAtLife, 1...100)
        try check("in_house_scan_fraction", inHouseScanFraction, 0...1)
        try check("repair_fraction", repairFraction, 0...1)
        try check("maintenance_fraction", maintenanceFraction, 0...1)
        guard (0...50).contains(warrantyYears) else { throw UserError("service_cost.warranty_years must be 0–50") }
        try check("support_ended_breakdown_multiple", supportEndedBreakdownMultiple, 1...100)
        try check("support_ended_days_multiple", supportEndedDaysMultiple, 1...100)
        try check("support_ended_cost_multiple", supportEndedCostMultiple, 1...100)
        if let s = newUnitSupportYears, !(1...50).contains(s) { throw UserError("service_cost.new_unit_support_years must be 1–50") }
        guard criticalityWeights.count == 5, criticalityWeights.allSatisfy({ $0.isFinite && $0 >= 0 && $0 <= 100 }) else {
            throw UserError("service_cost.criticality_weights must be five weights (criticality 1 to 5), e.g. [0.5, 0.75, 1, 1.25, 1.5]")
        }
        try check("history_weight_years", historyWeightYears, 0...100)
    }
}
