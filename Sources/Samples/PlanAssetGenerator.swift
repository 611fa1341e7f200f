import CapitalCore
import Planning
import Foundation

/// A deterministic, planner-scale network of ``PlanAsset``s for benchmarks and tests (not for planning real money).
///
/// Shape: `trusts` trusts (`T01`…), sites of about `assetsPerSite` units each, a modality mix weighted towards
/// ultrasound and radiography as real registers are, install years spread from new to 1.4 × expected life before
/// `referenceYear`, purchase costs 70–130% of the indicative price, support ending around end of life, a few units with
/// failures, downtime or high utilisation. Rule kept: the same parameters always give the same assets (SplitMix64).
public struct PlanAssetGenerator: Sendable {
    /// How many assets to generate.
    public let assets: Int
    /// How many trusts (`T01`, `T02`, …) the assets are dealt to, in turn.
    public let trusts: Int
    /// About how many assets a site holds (it sets the number of sites per trust).
    public let assetsPerSite: Int
    /// The year ages are counted back from: install years fall before it.
    public let referenceYear: Int
    /// The random seed: the same parameters give the same assets.
    public let seed: UInt64

    /// Creates a generator from its parameters (by default 100,000 assets in 15 trusts, about 40 a site, for 2026).
    public init(assets: Int = 100_000, trusts: Int = 15, assetsPerSite: Int = 40, referenceYear: Int = 2026,
                seed: UInt64 = 2026) {
        self.assets = assets; self.trusts = trusts; self.assetsPerSite = assetsPerSite
        self.referenceYear = referenceYear; self.seed = seed
    }

    /// Relative frequency of each modality in the generated installed base.
    public static let mix: [(Modality, Int)] = [
        (.ultrasound, 30), (.generalRadiography, 16), (.mobileXRay, 12), (.ct, 7), (.mri, 5), (.fluoroscopy, 4),
        (.mammography, 6), (.dental, 6), (.dexa, 3), (.gammaCamera, 3), (.interventional, 4), (.petCT, 1),
        (.other, 3),
    ]

    /// The assets, tagged `<modality>-<n>`; the same parameters always give the same list.
    public func generate() -> [PlanAsset] {
        var rng = SplitMix64(seed: seed)
        let totalWeight = Self.mix.reduce(0) { $0 + $1.1 }
        let sitesPerTrust = max(1, assets / max(1, trusts * assetsPerSite))
        var out: [PlanAsset] = []
        out.reserveCapacity(assets)
        for n in 0..<assets {
            let trustIndex = n % trusts
            let trust = "T" + String(format: "%02d", trustIndex + 1)
            let site = "\(trust)S" + String(format: "%03d", Int(rng.next() % UInt64(sitesPerTrust)) + 1)
            var pick = Int(rng.next() % UInt64(totalWeight))
            var modality = Modality.other
            for (m, w) in Self.mix { if pick < w { modality = m; break }; pick -= w }
            let life = modality.defaultLifeYears
            let age = Int(rng.uniform() * 1.4 * Double(life))
            let install = CalendarDate(year: referenceYear - age, month: 1 + Int(rng.next() % 12), day: 1 + Int(rng.next() % 28))!
            let price = Double(modality.indicativePricePounds) * (0.7 + 0.6 * rng.uniform())
            let supportEnd = install.adding(years: life + Int(rng.next() % 5) - 2)
            let failures = rng.uniform() < 0.1 ? 3 + Int(rng.next() % 4) : Int(rng.next() % 3)
            let downtime = rng.uniform() < 0.08 ? 80 + 100 * rng.uniform() : 40 * rng.uniform()
            out.append(PlanAsset(trust: trust, site: site, tag: "\(modality.rawValue)-\(n + 1)", modality: modality,
                                 installDate: install, purchaseCost: Pence(Int64(price.rounded()) * 100),
                                 supportEnd: supportEnd, failuresLastYear: failures,
                                 downtimeHoursLastYear: (downtime * 10).rounded() / 10,
                                 utilisation: (rng.uniform() * 100).rounded() / 100))
        }
        return out
    }

    /// A budget that funds about `share` of the steady-state replacement need (Σ price / expected life per year).
    public static func suggestedAnnualBudget(for assets: [PlanAsset], share: Double = 0.6) -> Pence {
        let need = assets.reduce(0.0) { $0 + Double($1.modality.indicativePricePounds) / Double($1.modality.defaultLifeYears) }
        return .pounds(Int64(need * share))
    }
}
