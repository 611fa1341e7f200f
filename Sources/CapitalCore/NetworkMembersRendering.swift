/// Listings of networks, their trusts and sites (`capital network|trust|site list`), so the CLI stays thin.
package enum NetworkMembersRendering {
    /// The networks, a row each: name, formation date, structure, how many trusts.
    package static func networks(_ networks: [Network]) -> Tabular {
        Tabular(columns: ["name", "formed", "structure", "trusts"],
                rows: networks.map { [$0.name, $0.formedOn.iso, $0.structure.rawValue, String($0.trustCount)] },
                numericColumns: ["trusts"])
    }

    /// The trusts, a row each: ODS code, name, kind, how many sites and assets.
    package static func trusts(_ trusts: [Trust]) -> Tabular {
        Tabular(columns: ["code", "name", "kind", "sites", "assets"],
                rows: trusts.map { [$0.odsCode, $0.name, $0.kind.rawValue, String($0.siteCount), String($0.assetCount)] },
                numericColumns: ["sites", "assets"])
    }

    /// The sites, a row each: trust, code, name.
    package static func sites(_ sites: [Site]) -> Tabular {
        Tabular(columns: ["trust", "code", "name"], rows: sites.map { [$0.trustCode, $0.code, $0.name] })
    }
}
