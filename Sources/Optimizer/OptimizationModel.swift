import Foundation

/// The optimisation problem the planner hands to the solver: a multiple-choice multidimensional knapsack.
///
/// Every item must take **exactly one** of its options; for every resource, the sum of what the chosen options
/// use must stay **within the resource's limit**; the solver minimises the sum of the chosen options' penalties.
/// Uses and limits are exact integers (`Int64`, e.g. pence or pounds) so feasibility is decided without rounding;
/// penalties are `Double` (risk scores). The generalized assignment problem is the special case where every option
/// uses exactly one resource.
///
/// Decoding rejects a non-integer use or limit with a ``ModelError`` naming the item, option and resource;
/// ``validate()`` checks the cross references (unknown resources, duplicate ids, negative uses).
public struct OptimizationModel: Codable, Sendable, Equatable {
    /// The capacities that the chosen options share (a yearly budget, a site's installation slots, …).
    public var resources: [Resource]
    /// The decisions to take, one option each.
    public let items: [Item]

    /// Creates a model from its resources and items (not validated: call ``validate()``).
    public init(resources: [Resource], items: [Item]) {
        self.resources = resources
        self.items = items
    }

    /// A shared capacity: the chosen options together may use at most `limit` of it.
    public struct Resource: Codable, Sendable, Equatable {
        /// The name that options' `uses` refer to, unique in the model.
        public let id: String
        /// The most the chosen options may use in total, as an exact integer (≥ 0 for a feasible model).
        public var limit: Int64

        /// Creates a resource from its id and limit.
        public init(id: String, limit: Int64) {
            self.id = id
            self.limit = limit
        }

        private enum CodingKeys: String, CodingKey { case id, limit }

        /// Decodes a resource; throws ``ModelError/nonIntegerLimit(resource:)`` when the limit is not a whole number.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try container.decode(String.self, forKey: .id)
            guard let value = try decodeExactInteger(container, forKey: .limit) else {
                throw ModelError.nonIntegerLimit(resource: id)
            }
            limit = value
        }
    }

    /// One decision: exactly one of `options` will be chosen.
    public struct Item: Codable, Sendable, Equatable {
        /// The item's name, unique in the model; ``SolveResult/choices`` is keyed by it.
        public let id: String
        /// The alternatives, with labels unique within the item.
        public let options: [Option]

        /// Creates an item from its id and options.
        public init(id: String, options: [Option]) {
            self.id = id
            self.options = options
        }

        private enum CodingKeys: String, CodingKey { case id, options }

        /// Decodes an item; a non-integer use in one of its options throws
        /// ``ModelError/nonIntegerUse(item:option:resource:)`` naming this item.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try container.decode(String.self, forKey: .id)
            do {
                options = try container.decode([Option].self, forKey: .options)
            } catch let ModelError.nonIntegerUse(_, option, resource) {
                throw ModelError.nonIntegerUse(item: id, option: option, resource: resource)
            }
        }
    }

    /// One way to settle an item: its `penalty` and the integer amount it `uses` of each resource (by resource id).
    public struct Option: Codable, Sendable, Equatable {
        /// The option's name, unique within its item; ``SolveResult/choices`` gives it as the chosen option.
        public let label: String
        /// What choosing this option costs in the objective (finite; lower is better).
        public let penalty: Double
        /// Resource id → exact amount used (≥ 0); a resource not named is not used.
        public let uses: [String: Int64]

        /// Creates an option from its label, penalty and uses (none by default).
        public init(label: String, penalty: Double, uses: [String: Int64] = [:]) {
            self.label = label
            self.penalty = penalty
            self.uses = uses
        }

        private enum CodingKeys: String, CodingKey { case label, penalty, uses }

        private struct ResourceKey: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        /// Decodes an option; `uses` may be absent (none), and a non-integer use throws
        /// ``ModelError/nonIntegerUse(item:option:resource:)``.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            label = try container.decode(String.self, forKey: .label)
            penalty = try container.decode(Double.self, forKey: .penalty)
            var uses: [String: Int64] = [:]
            if container.contains(.uses) {
                let usesContainer = try container.nestedContainer(keyedBy: ResourceKey.self, forKey: .uses)
                for key in usesContainer.allKeys {
                    guard let value = try decodeExactInteger(usesContainer, forKey: key) else {
                        throw ModelError.nonIntegerUse(item: "", option: label, resource: key.stringValue)
                    }
                    uses[key.stringValue] = value
                }
            }
            self.uses = uses
        }

        /// Encodes the label, penalty and uses (written even when empty).
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(label, forKey: .label)
            try container.encode(penalty, forKey: .penalty)
            try container.encode(uses, forKey: .uses)
        }
    }
}

/// Decodes an integer exactly: accepts `12` and `12.0`, returns nil for `12.5` or a value outside `Int64`.
private func decodeExactInteger<K: CodingKey>(_ container: KeyedDecodingContainer<K>, forKey key: K) throws -> Int64? {
    if let value = try? container.decode(Int64.self, forKey: key) { return value }
    let real = try container.decode(Double.self, forKey: key)
    guard real.isFinite, real == real.rounded(), abs(real) < 9.0e18 else { return nil }
    return Int64(real)
}

extension OptimizationModel {
    /// Decodes a model from JSON and validates it; every failure is a ``ModelError`` with a readable message.
    public static func decode(from data: Data) throws -> OptimizationModel {
        let model: OptimizationModel
        do {
            model = try JSONDecoder().decode(OptimizationModel.self, from: data)
        } catch let error as ModelError {
            throw error
        } catch let DecodingError.keyNotFound(key, context) {
            throw ModelError.malformed("missing field `\(key.stringValue)` at \(pathText(context.codingPath))")
        } catch let DecodingError.typeMismatch(_, context) {
            throw ModelError.malformed("wrong type at \(pathText(context.codingPath)): \(context.debugDescription)")
        } catch let DecodingError.valueNotFound(_, context) {
            throw ModelError.malformed("null value at \(pathText(context.codingPath))")
        } catch let DecodingError.dataCorrupted(context) {
            throw ModelError.malformed("invalid JSON at \(pathText(context.codingPath)): \(context.debugDescription)")
        } catch {
            throw ModelError.malformed("\(error)")
        }
        try model.validate()
        return model
    }

    /// Checks the references and ranges that the JSON shape cannot express.
    ///
    /// Rules: resource ids and item ids are unique; option labels are unique within an item; every use names a
    /// declared resource and is ≥ 0; penalties are finite; the total of any resource's largest uses fits in `Int64`.
    public func validate() throws {
        var resourceIndex: [String: Int] = [:]
        for (index, resource) in resources.enumerated() {
            if resourceIndex.updateValue(index, forKey: resource.id) != nil {
                throw ModelError.duplicateResource(resource.id)
            }
        }
        var itemIds = Set<String>()
        var largest = [Double](repeating: 0, count: resources.count)
        for item in items {
            if !itemIds.insert(item.id).inserted { throw ModelError.duplicateItem(item.id) }
            var labels = Set<String>()
            var itemLargest: [Int: Int64] = [:]
            for option in item.options {
                if !labels.insert(option.label).inserted {
                    throw ModelError.duplicateOption(item: item.id, option: option.label)
                }
                if !option.penalty.isFinite {
                    throw ModelError.invalidPenalty(item: item.id, option: option.label)
                }
                for (resourceId, amount) in option.uses {
                    guard let r = resourceIndex[resourceId] else {
                        throw ModelError.unknownResource(item: item.id, option: option.label, resource: resourceId)
                    }
                    if amount < 0 {
                        throw ModelError.negativeUse(item: item.id, option: option.label, resource: resourceId)
                    }
                    itemLargest[r] = max(itemLargest[r] ?? 0, amount)
                }
            }
            for (r, amount) in itemLargest { largest[r] += Double(amount) }
        }
        for (r, total) in largest.enumerated() where total > 4.0e18 {
            throw ModelError.usesTooLarge(resource: resources[r].id)
        }
    }
}

private func pathText(_ path: [any CodingKey]) -> String {
    if path.isEmpty { return "top level" }
    return path.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }.joined()
}
