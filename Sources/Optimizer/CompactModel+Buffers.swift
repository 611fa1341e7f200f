/// The arrays the dual's hot loops read, as raw buffers: one place for the nest of `withUnsafeBufferPointer`s that
/// the relaxation's evaluation and the Lagrangian greedy both need, and one reduced-cost loop.
struct DualBuffers {
    let optionStart: UnsafeBufferPointer<Int>
    let penalty: UnsafeBufferPointer<Double>
    let useStart: UnsafeBufferPointer<Int>
    let useResource: UnsafeBufferPointer<Int32>
    let useScaled: UnsafeBufferPointer<Double>

    /// Option `o`'s penalty plus its scaled uses priced at `lambda`.
    @inline(__always)
    func reducedCost(_ o: Int, _ lambda: UnsafeBufferPointer<Double>) -> Double {
        var cost = penalty[o]
        for k in useStart[o]..<useStart[o + 1] { cost += lambda[Int(useResource[k])] * useScaled[k] }
        return cost
    }
}

extension CompactModel {
    /// Calls `body` with the model's option arrays and `lambda` as raw buffers (valid only inside `body`).
    @inline(__always)
    func withDualBuffers<R>(_ lambda: [Double], _ body: (DualBuffers, UnsafeBufferPointer<Double>) -> R) -> R {
        optionStart.withUnsafeBufferPointer { optionStart in
            penalty.withUnsafeBufferPointer { penalty in
                useStart.withUnsafeBufferPointer { useStart in
                    useResource.withUnsafeBufferPointer { useResource in
                        useScaled.withUnsafeBufferPointer { useScaled in
                            lambda.withUnsafeBufferPointer { lambda in
                                body(DualBuffers(optionStart: optionStart, penalty: penalty, useStart: useStart,
                                                 useResource: useResource, useScaled: useScaled), lambda)
                            }
                        }
                    }
                }
            }
        }
    }
}
