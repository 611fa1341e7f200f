import Foundation
import Testing
import Optimizer

struct ModelDecodingTests {
    func decode(_ json: String) throws -> OptimizationModel {
        try OptimizationModel.decode(from: Data(json.utf8))
    }

    @Test func decodesTheDocumentedExample() throws {
        let model = try decode("""
            {"resources": [{"id": "budget:2027", "limit": 1500000}],
             "items": [{"id": "CT-001", "options": [
               {"label": "2027", "penalty": 0, "uses": {"budget:2027": 800000}},
               {"label": "defer", "penalty": 5000, "uses": {}}]}]}
            """)
        #expect(model.resources[0].limit == 1_500_000)
        #expect(model.items[0].options[0].uses["budget:2027"] == 800_000)
        let result = solve(model)
        #expect(result.status == .optimal)
        #expect(result.choices["CT-001"] == "2027")
        #expect(result.objective == 0)
    }

    @Test func rejectsNonIntegerUseNamingItemOptionAndResource() {
        #expect(throws: ModelError.nonIntegerUse(item: "CT-001", option: "2027", resource: "budget:2027")) {
            try decode("""
                {"resources": [{"id": "budget:2027", "limit": 10}],
                 "items": [{"id": "CT-001", "options": [{"label": "2027", "penalty": 0,
                   "uses": {"budget:2027": 2.5}}]}]}
                """)
        }
    }

    @Test func rejectsNonIntegerLimit() {
        #expect(throws: ModelError.nonIntegerLimit(resource: "budget:2027")) {
            try decode(#"{"resources": [{"id": "budget:2027", "limit": 10.25}], "items": []}"#)
        }
    }

    @Test func acceptsWholeNumbersWrittenWithADecimalPoint() throws {
        let model = try decode(#"{"resources": [{"id": "b", "limit": 10.0}], "items": []}"#)
        #expect(model.resources[0].limit == 10)
    }

    @Test func rejectsUnknownResourceDuplicatesAndNegativeUse() {
        #expect(throws: ModelError.unknownResource(item: "A", option: "x", resource: "nope")) {
            try decode(#"{"resources": [], "items": [{"id": "A", "options": [{"label": "x", "penalty": 1, "uses": {"nope": 1}}]}]}"#)
        }
        #expect(throws: ModelError.duplicateItem("A")) {
            try decode(#"{"resources": [], "items": [{"id": "A", "options": []}, {"id": "A", "options": []}]}"#)
        }
        #expect(throws: ModelError.duplicateOption(item: "A", option: "x")) {
            try decode(#"{"resources": [], "items": [{"id": "A", "options": [{"label": "x", "penalty": 1}, {"label": "x", "penalty": 2}]}]}"#)
        }
        #expect(throws: ModelError.negativeUse(item: "A", option: "x", resource: "b")) {
            try decode(#"{"resources": [{"id": "b", "limit": 3}], "items": [{"id": "A", "options": [{"label": "x", "penalty": 1, "uses": {"b": -1}}]}]}"#)
        }
    }

    @Test func reportsMissingFieldsWithTheirPath() {
        do {
            _ = try decode(#"{"resources": [{"id": "b"}], "items": []}"#)
            Issue.record("expected an error")
        } catch let error as ModelError {
            #expect(error.description.contains("limit"))
            #expect(error.description.contains("resources"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
        #expect(throws: ModelError.self) { try decode("{not json") }
    }

    @Test func resultEncodesTheDocumentedShape() throws {
        let result = SolveResult(status: .feasible, objective: 10, bound: 9, gap: 0.1, seconds: 0.5,
                                 choices: ["A": "x"])
        let object = try JSONSerialization.jsonObject(with: Data(result.jsonString().utf8)) as! [String: Any]
        #expect(object["status"] as? String == "feasible")
        #expect(object["objective"] as? Double == 10)
        #expect(object["bound"] as? Double == 9)
        #expect((object["choices"] as? [String: String]) == ["A": "x"])
        let empty = SolveResult(status: .infeasible, seconds: 0, reason: "why")
        let emptyObject = try JSONSerialization.jsonObject(with: Data(empty.jsonString().utf8)) as! [String: Any]
        #expect(emptyObject["objective"] is NSNull)
        #expect(emptyObject["reason"] as? String == "why")
    }
}
