import CapitalCore

/// One collective purchase: units of one ``EquipmentCategory`` needed in one financial year (or, with a window,
/// within a few years of it), bought in a single tender for the trusts that need them.
///
/// Rules kept: ``value`` is the exact sum of the members' planned costs, so lots reconcile to the plan in pence;
/// ``year`` is the earliest planned year of any member and ``needDate`` its first day (`YEAR-04-01`); a member
/// whose planned year is later than ``year`` was brought forward into the lot and ``moves`` lists it.
public struct PurchaseLot: Sendable, Equatable, Identifiable {
    /// One planned replacement in a lot.
    public struct Member: Sendable, Equatable {
        public var trust: String
        public var site: String
        public var tag: String
        /// The year the plan replaces the unit in (its cost is at that year's prices).
        public var plannedYear: Int
        /// The plan's cost for this replacement.
        public var cost: Pence

        public init(trust: String, site: String, tag: String, plannedYear: Int, cost: Pence) {
            self.trust = trust
            self.site = site
            self.tag = tag
            self.plannedYear = plannedYear
            self.cost = cost
        }

        /// `TRUST/TAG`, as the plan keys assets.
        public var key: String { "\(trust)/\(tag)" }
    }

    /// A member bought in a different year from the one the plan gives it.
    public struct Move: Sendable, Equatable {
        public var member: Member
        public var fromYear: Int
        public var toYear: Int
    }

    /// How many of the lot's units one trust, or one site of a trust, takes.
    public struct Count: Sendable, Equatable {
        public var trust: String
        /// Nil in a per-trust count.
        public var site: String?
        public var quantity: Int
    }

    /// `CT-2027-1`: modality code, lot year, and a sequence number within that modality and year.
    public var id: String
    public var category: EquipmentCategory
    /// The financial year the lot is needed in: the earliest member's planned year.
    public var year: Int
    /// Members, ordered by planned year, trust, site and tag.
    public var members: [Member]
    /// Whether ``value`` reaches the threshold the lots were built with.
    public var aboveThreshold: Bool

    public init(id: String, category: EquipmentCategory, year: Int, members: [Member], aboveThreshold: Bool) {
        self.id = id
        self.category = category
        self.year = year
        self.members = members
        self.aboveThreshold = aboveThreshold
    }

    public var modality: Modality { category.modality }
    public var specification: String? { category.specification }
    public var quantity: Int { members.count }
    /// The start of the lot's financial year: the date the first unit is needed.
    public var needDate: CalendarDate { FinancialYear.start(year) }
    /// The latest planned year of any member (equal to ``year`` without a window).
    public var lastPlannedYear: Int { members.map(\.plannedYear).max() ?? year }
    /// Sum of the members' planned costs, each at its planned year's prices, ex VAT.
    public var value: Pence { members.reduce(Pence.zero) { $0 + $1.cost } }

    /// Members whose planned year is not the lot's year, with from and to years.
    public var moves: [Move] {
        members.filter { $0.plannedYear != year }.map { Move(member: $0, fromYear: $0.plannedYear, toYear: year) }
    }

    /// Units per trust, trusts in code order.
    public var trusts: [Count] {
        var counts: [String: Int] = [:]
        for m in members { counts[m.trust, default: 0] += 1 }
        return counts.keys.sorted().map { Count(trust: $0, site: nil, quantity: counts[$0]!) }
    }

    /// Units per site, ordered by trust then site.
    public var sites: [Count] {
        struct Key: Hashable { var trust: String; var site: String }
        var counts: [Key: Int] = [:]
        for m in members { counts[Key(trust: m.trust, site: m.site), default: 0] += 1 }
        return counts.keys.sorted { ($0.trust, $0.site) < ($1.trust, $1.site) }
            .map { Count(trust: $0.trust, site: $0.site, quantity: counts[$0]!) }
    }
}
