/// The order of day, month and year in a file's text dates, declared per file by its profile and never
/// guessed per row. ISO `YYYY-MM-DD` (a four-digit year first) is read in any file, because it cannot be
/// mistaken and the XLSX reader turns date cells into it.
public enum DateOrder: String, Sendable, Codable {
    case dmy, mdy, ymd
}
