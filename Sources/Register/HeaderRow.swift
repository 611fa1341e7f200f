import CapitalCore

/// How a register file's header row is found (issue 15: a header row below a preamble failed with no hint).
public enum HeaderRowChoice: Sendable {
    /// The first non-blank row.
    case first
    /// This physical row (CSV line, XLSX sheet row), as `--header-row N` says.
    case row(Int)
    /// Among the first ``HeaderFinder/rowsSearched`` non-blank rows, the first that `score`s highest (how many of
    /// its cells a profile's aliases recognise); the first row when none scores above 0.
    case best(score: @Sendable ([String]) -> Int)
}

/// Finds the header row among a file's first rows, keeping the data rows it read past it.
enum HeaderFinder {
    /// How many non-blank rows a `.best` search reads.
    static let rowsSearched = 30

    /// The header row, the rows read after it (to be returned first as data), and how many non-blank rows were
    /// skipped above it; nil when the file has no non-blank row. `next` gives (row number, cells) in file order.
    static func find(_ choice: HeaderRowChoice, name: String,
                     next: () throws -> (row: Int, cells: [String])?) throws -> (header: (row: Int, cells: [String]), pending: [(row: Int, cells: [String])], skipped: Int)? {
        func nonBlank() throws -> (row: Int, cells: [String])? {
            while let r = try next() { if r.cells.contains(where: { !$0.trimmingASCIIWhitespace().isEmpty }) { return r } }
            return nil
        }
        switch choice {
        case .first:
            return try nonBlank().map { ($0, [], 0) }
        case .row(let n):
            var skipped = 0
            while let r = try nonBlank() {
                if r.row == n { return (r, [], skipped) }
                if r.row > n {
                    throw UserError("\(name): --header-row \(n): row \(n) is blank or inside a multi-line record (the next row with values is row \(r.row))")
                }
                skipped += 1
            }
            throw UserError("\(name): --header-row \(n): the file has no row \(n) with values")
        case .best(let score):
            var rows: [(row: Int, cells: [String])] = []
            while rows.count < rowsSearched, let r = try nonBlank() { rows.append(r) }
            guard !rows.isEmpty else { return nil }
            var best = 0, bestScore = score(rows[0].cells)
            for i in rows.indices.dropFirst() {
                let s = score(rows[i].cells)
                if s > bestScore { best = i; bestScore = s }
            }
            return (rows[best], Array(rows[(best + 1)...]), best)
        }
    }
}
