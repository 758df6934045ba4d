/// How a partitioned project splits its tasks among its listed workers.
///
/// Every task gets a partition key in `0..<keySpace`, a hash of its id. Workers are laid end to end
/// on a line of length `workersPerInput`, each with a segment of length `workersPerInput · weight / Σ weights`
/// (capped at 1, the excess shared by the others). A task with key `u` belongs to the workers whose
/// segments hold the points `u, u + 1, …, u + workersPerInput − 1`: exactly `workersPerInput`
/// different workers, because no segment is longer than 1. Each worker's share of tasks is
/// therefore its segment length, and its keys form at most two ranges — which is what the work
/// queue's SQL checks.
public struct WorkerPartition: Sendable, Equatable {
    /// Partition keys lie in `0..<keySpace`.
    public static let keySpace: Int64 = 1_000_000

    /// The keys one worker receives: `[lower, upper)` plus an optional second range.
    public struct Ranges: Sendable, Equatable {
        /// The worker (a user id).
        public var workerID: String
        /// First range, lower bound (inclusive).
        public var lower: Int64
        /// First range, upper bound (exclusive).
        public var upper: Int64
        /// Second range, lower bound (inclusive); equal bounds mean no second range.
        public var secondLower: Int64
        /// Second range, upper bound (exclusive).
        public var secondUpper: Int64

        /// Whether a task with `key` belongs to this worker.
        public func contains(_ key: Int64) -> Bool {
            (lower..<upper).contains(key) || (secondLower..<secondUpper).contains(key)
        }
    }

    /// One entry per listed worker, in the listed order.
    public var ranges: [Ranges]

    /// The partition of `workerIDs` by `weights` (missing weights count 1) with `workersPerInput` workers per task.
    /// `workersPerInput` larger than the number of workers is treated as "every worker".
    public init(workerIDs: [String], weights: [String: Int], workersPerInput: Int) {
        let workers = Self.unique(workerIDs)
        let perTask = max(1, min(workersPerInput, workers.count))
        let lengths = Self.segmentLengths(workers.map { Double(weights[$0] ?? 1) }, total: Double(perTask))
        var ranges: [Ranges] = []
        var start = 0.0
        let space = Double(Self.keySpace)
        for (worker, length) in zip(workers, lengths) {
            let end = start + length
            let lowKey = Int64((start * space).rounded())
            let highKey = Int64((end * space).rounded())
            let base = Int64(start.rounded(.down)) * Self.keySpace
            let lower = lowKey - base
            let upper = highKey - base
            if upper <= Self.keySpace {
                ranges.append(Ranges(workerID: worker, lower: lower, upper: upper, secondLower: 0, secondUpper: 0))
            } else {
                ranges.append(
                    Ranges(
                        workerID: worker, lower: lower, upper: Self.keySpace, secondLower: 0,
                        secondUpper: upper - Self.keySpace))
            }
            start = end
        }
        self.ranges = ranges
    }

    /// A task's partition key: FNV-1a of its id, mixed, reduced to the key space.
    public static func key(forTaskID id: String) -> Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in id.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        // SplitMix64 finaliser: FNV alone leaves sequential ids clustered.
        hash ^= hash >> 30
        hash &*= 0xbf58_476d_1ce4_e5b9
        hash ^= hash >> 27
        hash &*= 0x94d0_49bb_1331_11eb
        hash ^= hash >> 31
        return Int64(hash % UInt64(keySpace))
    }

    /// Segment lengths proportional to `weights`, summing to `total`, none above 1 (water-filling).
    static func segmentLengths(_ weights: [Double], total: Double) -> [Double] {
        var lengths = Array(repeating: 0.0, count: weights.count)
        var open = Set(weights.indices)
        var remaining = total
        while !open.isEmpty {
            let weightSum = open.reduce(0.0) { $0 + weights[$1] }
            let capped = open.filter { remaining * weights[$0] / weightSum >= 1 }
            if capped.isEmpty {
                for index in open { lengths[index] = remaining * weights[index] / weightSum }
                break
            }
            for index in capped { lengths[index] = 1 }
            remaining -= Double(capped.count)
            open.subtract(capped)
        }
        return lengths
    }

    private static func unique(_ ids: [String]) -> [String] {
        var seen = Set<String>()
        return ids.filter { seen.insert($0).inserted }
    }
}
