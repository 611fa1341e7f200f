import CapitalCore

/// The limits the readers keep, so that no input, however large or hostile, makes memory grow without bound:
/// a 10 MB file of any kind stays well under 500 MB resident. Each limit is far above what a real register
/// holds, and going over one is a `UserError` naming the file and where in it.
public enum ReadLimits {
    /// The longest CSV record or XLSX row, in bytes (an unclosed quote makes the rest of a file one record).
    public static let recordBytes = 16 << 20
    /// The most cells in one row: Excel's 16,384 columns (A to XFD).
    public static let cellsPerRow = 16_384
    /// The most rows in a sheet: Excel's 1,048,576.
    public static let sheetRows = 1_048_576
    /// The longest XML token (a tag, or a run of text between tags), in bytes.
    public static let xmlTokenBytes = 16 << 20
    /// The longest XLSX cell or shared string, in bytes (Excel's own limit is 32,767 characters).
    public static let xlsxCellBytes = 1 << 20
    /// The most shared strings an XLSX workbook may hold (they stay in memory).
    public static let sharedStrings = 4 << 20
    /// The most bytes its shared strings may hold in all.
    public static let sharedStringBytes = 128 << 20
    /// The largest inflated size of the small workbook parts read whole: workbook, relationships and styles.
    public static let metadataPartBytes = 16 << 20
    /// The most worksheets (and relationships) a workbook may list.
    public static let sheets = 4_096
}
