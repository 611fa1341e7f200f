import CapitalCore
import Foundation

/// What a replacement really costs the network: equipment, installation and enabling works, and the VAT it cannot
/// recover.
///
/// Rules kept: works are a fraction of the equipment price per modality unless the site has its own figure
/// (money of the first year); VAT is charged on equipment and works at `vatRate` unless `vatRecoverable`. Each part
/// is rounded to the penny and ``PriceBreakdown/total`` is their exact sum.
public struct WholePriceParameters: Sendable, Equatable {
    /// Installation and enabling works as a fraction of the equipment price.
    public var worksFraction: [Modality: Double]
    /// Per-site works in pounds of the first year, keyed `TRUST/SITE`, overriding the fraction.
    public var siteWorks: [String: [Modality: Pence]]
    /// The VAT rate, a fraction (default 0.2).
    public var vatRate: Double
    /// Whether the network recovers VAT (then none is added; default false).
    public var vatRecoverable: Bool

    /// Creates parameters; a modality without a works fraction gets ``defaultWorks(_:)``.
    public init(worksFraction: [Modality: Double] = [:], siteWorks: [String: [Modality: Pence]] = [:],
                vatRate: Double = 0.2, vatRecoverable: Bool = false) {
        var works: [Modality: Double] = [:]
        for m in Modality.allCases { works[m] = worksFraction[m] ?? Self.defaultWorks(m) }
        self.worksFraction = works
        self.siteWorks = siteWorks
        self.vatRate = vatRate
        self.vatRecoverable = vatRecoverable
    }

    /// Default works as a fraction of the equipment price (sources in `docs/planning.md`).
    public static func defaultWorks(_ m: Modality) -> Double {
        switch m {
        case .petCT: return 1.0
        case .mri: return 0.6
        case .interventional: return 0.5
        case .ct, .gammaCamera: return 0.3
        case .dexa: return 0.6
        case .generalRadiography, .fluoroscopy: return 0.25
        case .mammography: return 0.15
        case .dental, .other: return 0.1
        case .mobileXRay, .ultrasound: return 0
        }
    }

    func validate() throws {
        for (m, f) in worksFraction where !(f.isFinite && (0...20).contains(f)) {
            throw UserError("whole_price.works.\(m.rawValue) must be a fraction 0–20 of the equipment price")
        }
        guard vatRate.isFinite, (0...1).contains(vatRate) else { throw UserError("whole_price.vat_rate must be 0–1") }
    }
}

/// A replacement's price in one year, in its parts.
public struct PriceBreakdown: Sendable, Equatable, Codable {
    /// The equipment price.
    public let equipment: Pence
    /// Installation and enabling works.
    public let works: Pence
    /// VAT on equipment and works that cannot be recovered (zero when it can).
    public let vat: Pence
    /// Equipment + works + VAT.
    public var total: Pence { equipment + works + vat }

    /// Creates a breakdown from its parts.
    public init(equipment: Pence, works: Pence, vat: Pence) {
        self.equipment = equipment
        self.works = works
        self.vat = vat
    }

    /// Nothing.
    public static let zero = PriceBreakdown(equipment: .zero, works: .zero, vat: .zero)
    /// The sum, part by part.
    public static func + (a: PriceBreakdown, b: PriceBreakdown) -> PriceBreakdown {
        PriceBreakdown(equipment: a.equipment + b.equipment, works: a.works + b.works, vat: a.vat + b.vat)
    }
}

extension PlanningPolicy {
    /// The first-year equipment price of a unit of `asset`'s kind (the price basis decides which).
    func equipmentBase(modality: Modality, purchaseCost: Pence?, installYear: Int) -> (price: Double, fromYear: Int) {
        if priceBasis == .purchaseCost, let cost = purchaseCost, cost > .zero {
            return (Double(cost.value), installYear)
        }
        let p = prices[modality] ?? .pounds(modality.indicativePricePounds)
        return (Double(p.value), firstYear)
    }

    /// The whole price (equipment + works + irrecoverable VAT) of a unit of `modality` at `trust/site` in `year`.
    public func wholePrice(modality: Modality, trust: String, site: String, purchaseCost: Pence?, installYear: Int,
                           in year: Int) -> PriceBreakdown {
        let base = equipmentBase(modality: modality, purchaseCost: purchaseCost, installYear: installYear)
        let equipment = Self.clampedPence(base.price * pow(1 + inflation, Double(year - base.fromYear)))
        let growth = pow(1 + inflation, Double(year - firstYear))
        let works: Pence
        if let site = wholePrice.siteWorks["\(trust)/\(site)"]?[modality] {
            works = Self.clampedPence(Double(site.value) * growth)
        } else {
            works = Self.clampedPence(Double(equipment.value) * (wholePrice.worksFraction[modality] ?? 0))
        }
        let vat = wholePrice.vatRecoverable ? Pence.zero
            : Self.clampedPence(Double(equipment.value + works.value) * wholePrice.vatRate)
        return PriceBreakdown(equipment: equipment, works: works, vat: vat)
    }

    /// Pence from a computed amount, rounded, and held within £0–£10bn, so that no policy (a century at 50%
    /// inflation) can trap or overflow a sum over a network's units and years.
    static func clampedPence(_ value: Double) -> Pence {
        guard value.isFinite else { return Pence(value > 0 ? 1_000_000_000_000 : 0) }
        return Pence(Int64(max(0, min(1e12, value.rounded()))))
    }
}
