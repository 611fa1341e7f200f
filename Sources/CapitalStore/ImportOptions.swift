import CapitalCore
import Foundation
import Postgres
import Register

/// How one `capital import` behaves.
public struct ImportOptions: Sendable {
    /// The mapping profile: chosen automatically by the file's headers (the default) or named.
    public var profile: ProfileLibrary.Choice = .auto
    /// `--map FIELD=HEADER`s, applied to the profile (named, from a file, or each candidate of `.auto`).
    public var mapping: [FieldMapping] = []
    /// `--header-row N`: the header's physical row; nil finds it (the row the profiles recognise best).
    public var headerRow: Int?
    /// XLSX: the worksheet to read (the first when nil). Ignored for CSV.
    public var sheet: String?
    /// Do everything (including the merge, to count what would change) and roll it all back.
    public var dryRun = false
    /// Load the valid rows and keep the rejected ones in `asset_reject`; without it any error loads nothing.
    public var allowPartial = false
    /// Retire the trust's assets that are not in the file; without it they are only counted.
    public var retireMissing = false
    /// "Today" for the future-date checks (fixed in tests).
    public var asOf: CalendarDate = .today()
    /// Recorded as the batch's `imported_by`; nil records the database user.
    public var user: String?
    /// `--source cmms|finance`: which of the trust's lists the file is; nil takes the profile's (issue 18).
    public var source: SourceKind?
    /// Read the file on a second thread while rows are normalised.
    public var prefetch = true
    /// At most this many duplicate-device warnings against the register are listed; all are counted.
    public var duplicatesListed = 10_000
    /// Benchmarks: also write each valid row, as a staging row in COPY text format, to this file (the
    /// peer `psql \copy` loads it; the import itself sends binary).
    package var stageDump: URL?
    /// Told, once, when another import of the same trust holds its lock and this one has to wait:
    /// a sentence naming the session that holds it and since when.
    public var waiting: (@Sendable (String) -> Void)?

    /// Creates options from the common choices; the rest keep their defaults until set.
    public init(profile: ProfileLibrary.Choice = .auto, sheet: String? = nil, dryRun: Bool = false, allowPartial: Bool = false,
                retireMissing: Bool = false, asOf: CalendarDate = .today(), user: String? = nil) {
        self.profile = profile; self.sheet = sheet; self.dryRun = dryRun; self.allowPartial = allowPartial
        self.retireMissing = retireMissing; self.asOf = asOf; self.user = user
    }
}

/// A progress report while the file is read (called on the importing thread, every few thousand rows).
public struct ImportTick: Sendable {
    /// Data rows read so far.
    public let rows: Int
    /// Bytes of the file read so far (CSV only; nil for XLSX, whose parts are compressed).
    public let bytesRead: Int64?
    /// The file's size in bytes.
    public let totalBytes: Int64
    /// Seconds since the import began.
    public let seconds: Double
}
