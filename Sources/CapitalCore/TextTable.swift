/// A plain-text table for the terminal: a header, a rule, and rows, columns padded to line up.
///
/// Columns marked numeric are right-aligned so pounds and percentages line up on the decimal
/// point; text columns are left-aligned. Widths count characters, so `£` counts as one.
package struct TextTable: Sendable {
    /// How a column's cells are aligned.
    package enum Alignment: Sendable { case left, right }

    /// Column headings.
    package let header: [String]
    /// Alignment per column; a column without one is right-aligned.
    package let alignments: [Alignment]
    /// The rows, in order; a short row leaves its last cells blank.
    package var rows: [[String]] = []
    /// Lines printed under the table (notes, effective weights, warnings).
    package var footer: [String] = []

    /// A table with no rows; by default the first column is left-aligned and the rest right-aligned.
    package init(header: [String], alignments: [Alignment]? = nil) {
        self.header = header
        self.alignments = alignments ?? header.indices.map { $0 == 0 ? .left : .right }
    }

    /// Adds a row at the bottom.
    package mutating func append(_ row: [String]) { rows.append(row) }

    /// A row of dashes under the header, two spaces between columns, a trailing newline.
    package func render() -> String {
        let columns = max(header.count, rows.map(\.count).max() ?? 0)
        var widths = [Int](repeating: 0, count: columns)
        for row in [header] + rows {
            for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) }
        }
        func format(_ row: [String]) -> String {
            var cells: [String] = []
            for i in 0..<columns {
                let text = i < row.count ? row[i] : ""
                let pad = String(repeating: " ", count: widths[i] - text.count)
                let align = i < alignments.count ? alignments[i] : .right
                cells.append(align == .left ? text + pad : pad + text)
            }
            var line = cells.joined(separator: "  ")
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }
        var lines = [format(header), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
        lines += rows.map(format)
        lines += footer
        return lines.joined(separator: "\n") + "\n"
    }
}
