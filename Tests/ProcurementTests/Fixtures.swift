import CapitalCore
import Optimizer
import Planning

func date(_ y: Int, _ m: Int = 1, _ d: Int = 1) -> CalendarDate { CalendarDate(year: y, month: m, day: d)! }

func asset(_ tag: String, _ modality: Modality, installed: Int, trust: String = "RAA", site: String = "S1",
           life: Int? = nil, failures: Int = 0) -> PlanAsset {
    PlanAsset(trust: trust, site: site, tag: tag, modality: modality, installDate: date(installed),
              expectedLifeYears: life, failuresLastYear: failures)
}

let quickOptions = SolverOptions(timeLimit: 3, relativeGapTolerance: 0.02)

/// A small random network and its plan: 8–24 units over 2–4 trusts with two sites each, a mix of modalities, some
/// with short lives (2–4 years) so they fall due twice in the horizon, and budgets from tight to ample.
func randomPlan(seed: UInt64) throws -> (assets: [PlanAsset], plan: Plan) {
    var rng = SplitMix64(seed: seed &* 0x9E37_79B9 &+ 17)
    let modalities: [Modality] = [.ct, .mri, .ultrasound, .ultrasound, .mobileXRay, .dexa, .generalRadiography, .mammography]
    let trusts = ["RAA", "RBB", "RCC", "RDD"].prefix(2 + Int(rng.next() % 3))
    let count = 8 + Int(rng.next() % 17)
    let assets: [PlanAsset] = (0..<count).map { i in
        let m = modalities[Int(rng.next() % UInt64(modalities.count))]
        let trust = trusts[Int(rng.next() % UInt64(trusts.count))]
        return asset("\(m.rawValue)-\(i)", m, installed: 2005 + Int(rng.next() % 20), trust: trust,
                     site: "\(trust)-S\(1 + rng.next() % 2)", life: rng.next() % 4 == 0 ? 2 + Int(rng.next() % 3) : nil,
                     failures: Int(rng.next() % 4))
    }
    let years = 6 + Int(rng.next() % 5)
    let budgets = (0..<years).map { _ in Pence.pounds(Int64(500_000 + rng.next() % 4_000_000)) }
    let policy = PlanningPolicy(firstYear: 2026, years: years, budgets: budgets)
    return (assets, try Planner.plan(assets: assets, policy: policy, options: quickOptions))
}
