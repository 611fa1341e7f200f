import Foundation
import Testing
import Optimizer

struct MPSWriterTests {
    @Test func writesRowsColumnsBoundsAndRHS() {
        let model = OptimizationModel(resources: [.init(id: "budget:2027", limit: 1_500_000)], items: [
            .init(id: "CT-001", options: [.init(label: "2027", penalty: 0, uses: ["budget:2027": 800_000]),
                                          .init(label: "defer", penalty: 5000.5)]),
        ])
        let text = mps(model)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.first == "NAME capital_plan")
        #expect(lines.contains(" N obj"))
        #expect(lines.contains(" E item_0"))
        #expect(lines.contains(" L res_0"))
        #expect(lines.contains("    x_0_0 item_0 1"))
        #expect(lines.contains("    x_0_0 res_0 800000"))
        #expect(lines.contains("    x_0_1 obj 5000.5"))
        #expect(!lines.contains { $0.hasPrefix("    x_0_0 obj") }, "zero penalties are omitted")
        #expect(lines.contains("    rhs item_0 1"))
        #expect(lines.contains("    rhs res_0 1500000"))
        #expect(lines.contains(" BV bnd x_0_1"))
        #expect(lines.contains("* res_0 = budget:2027"))
        #expect(lines.last == "ENDATA")
        #expect(MPSWriter.mps(model) == text)
    }
}
