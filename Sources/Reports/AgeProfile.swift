import CapitalCore

/// The industry age rule for an installed base (COCIR "golden rules"): at least 60% of units under 5 years old,
/// no more than 30% aged 5–10, no more than 10% over 10 years. The report shows ``cocir``; it is built from nothing else.
public struct AgeRule: Sendable, Equatable {
    /// Minimum share of units under 5 years (0.6).
    public let minUnder5: Double
    /// Maximum share of units aged 5–10 years (0.3).
    public let maxFiveToTen: Double
    /// Maximum share of units over 10 years (0.1).
    public let maxOver10: Double

    /// COCIR's rule: at least 60% under 5 years, at most 30% aged 5–10, at most 10% over 10.
    public static let cocir = AgeRule(minUnder5: 0.6, maxFiveToTen: 0.3, maxOver10: 0.1)
}

/// How old one group of units is: counts in the rule's three bands, as of a date.
///
/// Bands (age in whole days / 365.25): under 5 years; 5 to 10 years inclusive; over 10 years. Units with no install
/// date are counted in `undated` and left out of the shares.
public struct AgeProfile: Sendable, Equatable {
    /// What the group is: a modality's display name, or `All equipment` for the network.
    public let label: String
    /// Dated units under 5 years old.
    public var under5: Int
    /// Dated units 5 to 10 years old inclusive.
    public var fiveToTen: Int
    /// Dated units over 10 years old.
    public var over10: Int
    /// Units with no install date (counted, but not aged).
    public var undated: Int
    /// The mean age in years of the dated units (0 when none).
    public var meanAge: Double
    /// The oldest dated unit's age in years (0 when none).
    public var oldestAge: Double

    /// Creates a profile from its counts and ages.
    public init(label: String, under5: Int, fiveToTen: Int, over10: Int, undated: Int, meanAge: Double, oldestAge: Double) {
        self.label = label
        self.under5 = under5
        self.fiveToTen = fiveToTen
        self.over10 = over10
        self.undated = undated
        self.meanAge = meanAge
        self.oldestAge = oldestAge
    }

    /// Units with an install date.
    public var dated: Int { under5 + fiveToTen + over10 }
    /// Every unit, dated or not.
    public var total: Int { dated + undated }
    /// The share of dated units under 5 years old, a fraction 0...1 (0 when none is dated).
    public var shareUnder5: Double { dated == 0 ? 0 : Double(under5) / Double(dated) }
    /// The share of dated units aged 5 to 10, a fraction 0...1 (0 when none is dated).
    public var shareFiveToTen: Double { dated == 0 ? 0 : Double(fiveToTen) / Double(dated) }
    /// The share of dated units over 10 years old, a fraction 0...1 (0 when none is dated).
    public var shareOver10: Double { dated == 0 ? 0 : Double(over10) / Double(dated) }

    /// Whether each limit of `rule` is met (nil when there is nothing dated to judge).
    public func meets(_ rule: AgeRule) -> (under5: Bool, fiveToTen: Bool, over10: Bool)? {
        guard dated > 0 else { return nil }
        return (shareUnder5 + 1e-12 >= rule.minUnder5, shareFiveToTen <= rule.maxFiveToTen + 1e-12,
                shareOver10 <= rule.maxOver10 + 1e-12)
    }

    /// Age in years from `installed` to `asOf`.
    public static func age(installed: CalendarDate, asOf: CalendarDate) -> Double {
        Double(installed.days(to: asOf)) / 365.25
    }

    /// The profile of `units` as of `asOf`.
    public static func of(_ units: [BoardReportInput.FleetUnit], label: String, asOf: CalendarDate) -> AgeProfile {
        var p = AgeProfile(label: label, under5: 0, fiveToTen: 0, over10: 0, undated: 0, meanAge: 0, oldestAge: 0)
        var sum = 0.0
        for u in units {
            guard let d = u.installDate else { p.undated += 1; continue }
            let age = max(0, age(installed: d, asOf: asOf))
            sum += age
            p.oldestAge = max(p.oldestAge, age)
            if age < 5 { p.under5 += 1 } else if age <= 10 { p.fiveToTen += 1 } else { p.over10 += 1 }
        }
        if p.dated > 0 { p.meanAge = sum / Double(p.dated) }
        return p
    }

    /// One profile per modality present (in the vocabulary's order), then the whole network.
    public static func byModality(_ units: [BoardReportInput.FleetUnit], asOf: CalendarDate) -> [AgeProfile] {
        let groups = Dictionary(grouping: units, by: \.modality)
        return groups.keys.sorted().map { of(groups[$0]!, label: $0.displayName, asOf: asOf) }
            + [of(units, label: "All equipment", asOf: asOf)]
    }
}
