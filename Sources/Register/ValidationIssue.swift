import CapitalCore
/// How bad an issue is: an error rejects the row; a warning lets it load and is reported.
public enum Severity: String, Sendable, Codable, Comparable {
    case warning
    case error
    /// Warnings order before errors.
    public static func < (a: Severity, b: Severity) -> Bool { a == .warning && b == .error }
}

/// The validation rules, by stable code (used in reports and tests).
public enum ValidationRule: String, Sendable, Codable, CaseIterable {
    case required
    case columnCount = "column_count"
    case invalidDate = "invalid_date"
    case futureDate = "future_date"
    /// An install date given as a year or a month and year, read as 1 July or the 1st (a warning).
    case approximateDate = "approximate_date"
    /// A row with no asset tag, keyed by its serial number instead (a warning).
    case derivedTag = "derived_tag"
    case missingDate = "missing_date"
    case invalidMoney = "invalid_money"
    case negativeMoney = "negative_money"
    case missingCost = "missing_cost"
    case invalidNumber = "invalid_number"
    case excelDamaged = "excel_damaged"
    case duplicateTag = "duplicate_tag"
    case exactDuplicate = "exact_duplicate"
    case duplicateDevice = "duplicate_device"
    case unknownStatus = "unknown_status"
    case unknownValue = "unknown_value"
    case unrecognisedModality = "unrecognised_modality"
    case nonImaging = "non_imaging"
    case vatConverted = "vat_converted"
    /// A cell holding a NUL byte (not text: a binary or damaged file).
    case invalidText = "invalid_text"
    /// A cell (or asset tag) longer than the register accepts.
    case tooLong = "too_long"
}

/// One problem found in one cell (or row) of a register file, named precisely enough to fix it:
/// file, physical row, column header, the value as written, the rule and a plain-English message.
public struct ValidationIssue: Sendable, Equatable, CustomStringConvertible {
    /// The file's name (without its folder).
    public let file: String
    /// The physical row number where the record starts (a CSV's header is row 1; XLSX rows are the sheet's own).
    public let row: Int
    /// The column's header as the file wrote it (the field's name when the file has no such column);
    /// empty for an issue about the whole row.
    public let column: String
    /// The value as written; empty when there is none.
    public let value: String
    /// The rule broken.
    public let rule: ValidationRule
    /// What is wrong, in plain English, and often what to do about it.
    public let message: String
    /// Whether the row is rejected (error) or loads with the issue reported (warning).
    public let severity: Severity

    /// Creates an issue from its parts.
    public init(file: String, row: Int, column: String, value: String, rule: ValidationRule, message: String, severity: Severity) {
        self.file = file; self.row = row; self.column = column; self.value = value
        self.rule = rule; self.message = message; self.severity = severity
    }

    /// The issue on one line: file, row, column and value, then severity, rule and message.
    public var description: String {
        "\(file) row \(row)\(column.isEmpty ? "" : ", column \"\(column)\"")\(value.isEmpty ? "" : " (\"\(value)\")"): \(severity.rawValue) [\(rule.rawValue)] \(message)"
    }
}
