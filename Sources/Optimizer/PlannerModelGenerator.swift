import Foundation

/// Builds a deterministic, planner-shaped random model for tests and benchmarks (not for planning).
///
/// Each item is an asset with a replacement cost, a site, a modality and a yearly risk that grows with age. Its
/// options are "replace in year y" for every year of the horizon, using `cost × inflation^y` of `budget:<year>` and one
/// unit of the capacity `cap:<site>:<modality>:<year>`, with the penalty of the risk carried until y; and "defer",
/// using nothing, with the risk carried over the whole horizon plus a terminal term. Budgets cover about
/// `budgetShare` of the total cost; capacities allow about 1.3 times the even yearly share of each site×modality.
/// Rule kept: the same parameters always give the same model (seeded SplitMix64, no system randomness).
package struct PlannerModelGenerator: Sendable {
    package let assets: Int
    package let years: Int
    package let sites: Int
    package let modalities: Int
    package let budgetShare: Double
    package let seed: UInt64

    package init(assets: Int = 100_000, years: Int = 15, sites: Int = 25, modalities: Int = 8,
                 budgetShare: Double = 0.5, seed: UInt64 = 2027) {
        self.assets = assets
        self.years = years
        self.sites = sites
        self.modalities = modalities
        self.budgetShare = budgetShare
        self.seed = seed
    }

    package func model() -> OptimizationModel {
        var rng = SplitMix64(seed: seed)
        func uniform() -> Double { Double(rng.next() >> 11) / Double(1 << 53) }
        let firstYear = 2026
        var groupCount = [Int](repeating: 0, count: sites * modalities)
        var items: [OptimizationModel.Item] = []
        items.reserveCapacity(assets)
        var totalCost = 0.0
        for a in 0..<assets {
            let site = Int(rng.next() % UInt64(sites))
            let modality = Int(rng.next() % UInt64(modalities))
            groupCount[site * modalities + modality] += 1
            let cost = Int64(50_000 + 1_950_000 * uniform() * uniform())
            totalCost += Double(cost)
            let baseRisk = 1 + 50 * uniform()
            let growth = 1.03 + 0.2 * uniform()
            var options: [OptimizationModel.Option] = []
            options.reserveCapacity(years + 1)
            var carried = 0.0
            var risk = baseRisk
            for y in 0..<years {
                let year = firstYear + y
                let inflated = Int64((Double(cost) * pow(1.03, Double(y))).rounded())
                options.append(.init(label: "\(year)", penalty: (carried * 100).rounded() / 100,
                                     uses: ["budget:\(year)": inflated, "cap:\(site):\(modality):\(year)": 1]))
                carried += risk
                risk *= growth
            }
            options.append(.init(label: "defer", penalty: ((carried + 3 * risk) * 100).rounded() / 100))
            items.append(.init(id: "asset-\(a)", options: options))
        }
        var resources: [OptimizationModel.Resource] = []
        for y in 0..<years {
            let limit = budgetShare * totalCost / Double(years) * pow(1.03, Double(y))
            resources.append(.init(id: "budget:\(firstYear + y)", limit: Int64(limit)))
        }
        for site in 0..<sites {
            for modality in 0..<modalities {
                let share = Double(groupCount[site * modalities + modality]) / Double(years)
                for y in 0..<years {
                    resources.append(.init(id: "cap:\(site):\(modality):\(firstYear + y)",
                                           limit: Int64(max(1, (1.3 * share).rounded(.up)))))
                }
            }
        }
        return OptimizationModel(resources: resources, items: items)
    }
}
