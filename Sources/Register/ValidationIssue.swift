import CapitalCore
/// How bad an issue is: an error rejects the row; a warning lets it load and is reported.
public enum Severity: String, Sendable, Codable, Comparable {
    case warning
    case error
    public static func < (a: Severity, b: Severity) -> Bool { a == .warning && b == .error }
}

/// The validation rules, by stable code (used in reports and tests).
public enum ValidationRule: String, Sendable, Codable, CaseIterable {
    case required
    case columnCount = "column_count"
    case invalidDate = "invalid_date"
    case futureDate = "future_date"
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
    public var file: String
    public var row: Int
    public var column: String
    public var value: String
    public var rule: ValidationRule
    public var message: String
    public var severity: Severity

    public init(file: String, row: Int, column: String, value: String, rule: ValidationRule, message: String, severity: Severity) {
        self.file = file; self.row = row; self.column = column; self.value = value
        self.rule = rule; self.message = message; self.severity = severity
    }

    public var description: String {
        "\(file) row \(row)\(column.isEmpty ? "" : ", column \"\(column)\"")\(value.isEmpty ? "" : " (\"\(value)\")"): \(severity.rawValue) [\(rule.rawValue)] \(message)"
    }
}
