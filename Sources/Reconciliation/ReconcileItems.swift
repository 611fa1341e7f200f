import CapitalCore

/// One side of a pair as reconciliation sees it: an engineering (CMMS) asset or a finance fixed-asset record.
/// `site` is the site's identity after aliases (two spellings of one site give one value); `key` is the stable
/// identifier (asset tag, or finance asset number) that decisions are keyed on.
public struct ReconcileItem: Sendable, Equatable {
    /// The stable identifier: the asset tag, or the finance asset number.
    public var key: String
    /// The serial as the register wrote it (normalised when compared).
    public var serial: String?
    /// The manufacturer, normalised by the import ("GE HealthCare").
    public var manufacturer: String?
    /// The model (for finance, the description's text after the manufacturer).
    public var model: String?
    /// The description as the register wrote it.
    public var description: String?
    /// The modality code (CT, MRI, …).
    public var modality: String
    /// The site's identity after aliases.
    public var site: String?
    /// The install (CMMS) or in-service (finance) date.
    public var date: CalendarDate?
    /// The purchase cost (CMMS) or gross book value (finance).
    public var cost: Pence?

    /// An item from its parts.
    public init(key: String, serial: String? = nil, manufacturer: String? = nil, model: String? = nil, description: String? = nil,
                modality: String, site: String? = nil, date: CalendarDate? = nil, cost: Pence? = nil) {
        self.key = key; self.serial = serial; self.manufacturer = manufacturer; self.model = model
        self.description = description; self.modality = modality; self.site = site; self.date = date; self.cost = cost
    }
}

/// How a pair was matched, strongest first.
public enum MatchRule: String, Sendable, Codable, CaseIterable {
    /// A person accepted the pair (`capital reconcile accept`).
    case decision
    /// The same serial once normalised (``SerialKey``), or one typo apart with the same manufacturer.
    case serial
    /// The same manufacturer and model, in service within 90 days, cost within 10%.
    case makeModelDateCost = "make_model_date_cost"
    /// Similar descriptions, same modality, same site.
    case description
}

/// A person's decision on a pair, by the pair's stable keys: the engineering asset tag and the finance asset number;
/// `accept` true says they are one device, false that they must never be matched.
public struct ReconcileDecision: Sendable, Equatable {
    /// The pair (asset tag, finance asset number) and the decision.
    public var assetTag: String, assetNumber: String, accept: Bool
    /// A decision from its parts.
    public init(assetTag: String, assetNumber: String, accept: Bool) { (self.assetTag, self.assetNumber, self.accept) = (assetTag, assetNumber, accept) }
}

/// A finance record matched to an asset: indexes into the inputs, the rule, a confidence in 0…1, and where the two
/// registers differ, finance minus engineering: cost (nil when either is missing), days from the CMMS install date to
/// the finance in-service date (nil when either is missing), and whether both name a site and not the same one.
public struct ReconcileMatch: Sendable, Equatable {
    /// Indexes of the asset and of the finance record in the inputs.
    public var asset: Int, finance: Int
    /// The rule that matched, and how sure the match is (0–1).
    public var rule: MatchRule, confidence: Double
    /// The differences (finance minus CMMS).
    public var costDifference: Pence?, dateDifferenceDays: Int?, siteDiffers: Bool
}

/// Finance records with several equally good assets (or an asset with several finance records), by their indexes in
/// the inputs, and the rule that found them: for a person to decide.
public struct ReconcileAmbiguity: Sendable, Equatable {
    /// The group's finance records and assets.
    public var finance: [Int], assets: [Int]
    /// The rule that found the candidates.
    public var rule: MatchRule
    /// A group from its parts.
    public init(finance: [Int], assets: [Int], rule: MatchRule) { (self.finance, self.assets, self.rule) = (finance, assets, rule) }
}

/// Sites that matched pairs name differently, often enough to be one site: a proposed `capital site alias`. The
/// finance register's name for it (often a location code), the engineering register's, and how many matched pairs
/// name both.
public struct SiteAliasProposal: Sendable, Equatable {
    /// The two names and the pairs naming both.
    public var financeSite: String, assetSite: String, pairs: Int
    /// A proposal from its parts.
    public init(financeSite: String, assetSite: String, pairs: Int) { (self.financeSite, self.assetSite, self.pairs) = (financeSite, assetSite, pairs) }
}

/// What reconciliation found: every asset and every finance record is in exactly one category.
public struct ReconcileResult: Sendable, Equatable {
    /// The pairs found, by finance record.
    public var matched: [ReconcileMatch] = []
    /// Assets with no finance record: in service but not on the books.
    public var cmmsOnly: [Int] = []
    /// Finance records with no asset: on the books but not found by engineering.
    public var financeOnly: [Int] = []
    /// Groups a person has to decide.
    public var ambiguous: [ReconcileAmbiguity] = []
    /// Sites that matched pairs name differently: proposed `capital site alias` commands.
    public var aliasProposals: [SiteAliasProposal] = []
}
