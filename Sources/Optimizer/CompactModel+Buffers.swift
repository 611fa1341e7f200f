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

extension CompactModel {
    /// Calls `body(resource, change)` for every resource whose use changes when an item moves from option `old` to
    /// option `new` (the two CSR rows merged by resource index; `change` may be 0 where both use the same amount).
    @inline(__always)
    func forEachUseChange(from old: Int, to new: Int, _ body: (_ resource: Int, _ change: Int64) -> Void) {
        var p = useStart[old], pEnd = useStart[old + 1]
        var q = useStart[new], qEnd = useStart[new + 1]
        while p < pEnd || q < qEnd {
            let rp = p < pEnd ? Int(useResource[p]) : Int.max
            let rq = q < qEnd ? Int(useResource[q]) : Int.max
            let r = min(rp, rq)
            var change: Int64 = 0
            if rp == r { change -= useAmount[p]; p += 1 }
            if rq == r { change += useAmount[q]; q += 1 }
            body(r, change)
        }
    }
}
