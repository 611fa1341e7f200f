import CapitalCore

/// The numbers of the risk score (likelihood × impact, each 1–5), all overridable in the policy's `risk:` block.
///
/// Rule kept: `ageBands` are four increasing fractions of expected life; crossing each adds one to likelihood
/// (so likelihood 1 below the first band, 5 at or past the last). See `docs/planning.md` for the formulas.
public struct RiskParameters: Sendable, Equatable {
    /// Age as a fraction of expected life at which likelihood reaches 2, 3, 4 and 5.
    public var ageBands: [Double]
    /// From this age (years) likelihood is 5 whatever the expected life.
    public var maxAgeYears: Int
    /// Added to likelihood once manufacturer support has ended.
    public var supportEndedAdd: Int
    /// Failures in the last year at or above which `failuresAdd` is added.
    public var failuresAtLeast: Int
    public var failuresAdd: Int
    /// Downtime hours in the last year at or above which `downtimeAdd` is added.
    public var downtimeHoursAtLeast: Double
    public var downtimeAdd: Int
    /// Added to impact when the asset is the only active unit of its modality at its trust.
    public var soleUnitAdd: Int
    /// Utilisation at or above which `utilisationAdd` is added to impact.
    public var utilisationAtLeast: Double
    public var utilisationAdd: Int
    /// An asset is *due* in the first year its likelihood (without replacement) reaches this; used to flag
    /// unfunded assets.
    public var dueLikelihood: Int

    public init(ageBands: [Double] = [0.6, 0.8, 1.0, 1.2], maxAgeYears: Int = 15, supportEndedAdd: Int = 1,
                failuresAtLeast: Int = 3, failuresAdd: Int = 1, downtimeHoursAtLeast: Double = 80, downtimeAdd: Int = 1,
                soleUnitAdd: Int = 1, utilisationAtLeast: Double = 0.85, utilisationAdd: Int = 1, dueLikelihood: Int = 4) {
        self.ageBands = ageBands
        self.maxAgeYears = maxAgeYears
        self.supportEndedAdd = supportEndedAdd
        self.failuresAtLeast = failuresAtLeast
        self.failuresAdd = failuresAdd
        self.downtimeHoursAtLeast = downtimeHoursAtLeast
        self.downtimeAdd = downtimeAdd
        self.soleUnitAdd = soleUnitAdd
        self.utilisationAtLeast = utilisationAtLeast
        self.utilisationAdd = utilisationAdd
        self.dueLikelihood = dueLikelihood
    }

    func validate() throws {
        guard ageBands.count == 4, zip(ageBands, ageBands.dropFirst()).allSatisfy({ $0 < $1 }),
              ageBands.allSatisfy({ $0 >= 0 }) else {
            throw UserError("risk.age_bands must be four increasing fractions of expected life, e.g. [0.6, 0.8, 1.0, 1.2]")
        }
        guard maxAgeYears >= 1 else { throw UserError("risk.max_age_years must be ≥ 1") }
        guard (1...5).contains(dueLikelihood) else { throw UserError("risk.due_likelihood must be 1–5") }
        for (name, v) in [("support_ended_add", supportEndedAdd), ("failures_add", failuresAdd),
                          ("downtime_add", downtimeAdd), ("sole_unit_add", soleUnitAdd),
                          ("utilisation_add", utilisationAdd)] where !(0...4).contains(v) {
            throw UserError("risk.\(name) must be 0–4")
        }
    }
}
