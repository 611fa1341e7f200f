/// Scores an asset's risk in a year as likelihood × impact, as the network's risk register does.
///
/// Rules kept (formulas in `docs/planning.md`):
/// - likelihood = min(5, base(age) + support ended + failures + downtime), base(age) = 1 + number of age bands
///   reached (age / life ≥ band), or 5 once age ≥ `maxAgeYears`. The support, failure and downtime additions apply
///   only to the unit now installed; a replacement unit starts at age 0 with none of them.
/// - impact = min(5, criticality + sole-unit addition + utilisation addition), never below 1; unchanged by replacement.
public struct RiskModel: Sendable {
    public var parameters: RiskParameters

    public init(_ parameters: RiskParameters) { self.parameters = parameters }

    /// Likelihood from age alone (1–5).
    public func ageLikelihood(ageYears: Int, lifeYears: Int) -> Int {
        if ageYears >= parameters.maxAgeYears { return 5 }
        let ratio = Double(max(ageYears, 0)) / Double(max(lifeYears, 1))
        return 1 + parameters.ageBands.filter { ratio >= $0 }.count
    }

    /// Likelihood of the unit now installed in `year`.
    public func likelihood(of asset: PlanAsset, lifeYears: Int, in year: Int) -> Int {
        var l = ageLikelihood(ageYears: year - asset.installDate.year, lifeYears: lifeYears)
        if let end = asset.supportEnd, end.year <= year { l += parameters.supportEndedAdd }
        if asset.failuresLastYear >= parameters.failuresAtLeast { l += parameters.failuresAdd }
        if asset.downtimeHoursLastYear >= parameters.downtimeHoursAtLeast { l += parameters.downtimeAdd }
        return min(5, l)
    }

    /// Impact (1–5) from criticality, whether the unit is its trust's only one of its modality, and utilisation.
    public func impact(criticality: Int, soleUnit: Bool, utilisation: Double?) -> Int {
        var i = criticality
        if soleUnit { i += parameters.soleUnitAdd }
        if let u = utilisation, u >= parameters.utilisationAtLeast { i += parameters.utilisationAdd }
        return max(1, min(5, i))
    }
}
