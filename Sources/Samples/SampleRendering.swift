import CapitalCore

/// What `capital sample` wrote, as a listing, so the CLI stays thin.
package enum SampleRendering {
    /// The registers written, a row per trust: code, file, profile, rows, assets, non-imaging rows, exact duplicates,
    /// invalid rows, sites.
    package static func files(_ written: [SampleNetwork.TrustFile]) -> Tabular {
        Tabular(columns: ["trust", "file", "profile", "rows", "assets", "non-imaging", "duplicates", "invalid", "sites"],
                rows: written.map { [$0.code, $0.file, $0.profile, String($0.rows), String($0.assets), String($0.nonImagingRows),
                                     String($0.exactDuplicates), String($0.invalidRows), String($0.sites.count)] },
                numericColumns: ["rows", "assets", "non-imaging", "duplicates", "invalid", "sites"])
    }
}
