import LoupeDomain
import Foundation

/// A `task,worker,label` CSV file mapped to dense indices, keeping the original identifiers
/// (any strings) so results can be written back under them.
struct LabeledData {
    /// The judgments with dense indices.
    var judgments: [Judgment] = []
    /// Original task identifier per task index (first-seen order).
    var taskNames: [String] = []
    /// Original worker identifier per worker index (first-seen order).
    var workerNames: [String] = []
    /// Original label per class index (sorted).
    var classNames: [String] = []

    /// Reads `path`; the header must be `task,worker,label`. Classes are ordered numerically
    /// when every label is an integer, otherwise lexicographically.
    init(contentsOf path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var lines = text.split(whereSeparator: \.isNewline)
        guard let header = lines.first,
            header.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) == [
                "task", "worker", "label",
            ]
        else {
            throw BenchError.badInput("\(path): expected header task,worker,label")
        }
        lines.removeFirst()
        var taskIndex: [Substring: Int32] = [:]
        var workerIndex: [Substring: Int32] = [:]
        var labelIndex: [Substring: Int32] = [:]
        var rawJudgments: [(task: Int32, worker: Int32, label: Int32)] = []
        rawJudgments.reserveCapacity(lines.count)
        for (number, line) in lines.enumerated() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == 3 else { throw BenchError.badInput("\(path): line \(number + 2) needs 3 fields") }
            rawJudgments.append(
                (
                    Self.index(of: fields[0], in: &taskIndex, names: &taskNames),
                    Self.index(of: fields[1], in: &workerIndex, names: &workerNames),
                    Self.index(of: fields[2], in: &labelIndex, names: &classNames)
                ))
        }
        // Re-number classes into sorted order so class k is the k-th label value.
        let sortedNames =
            classNames.allSatisfy { Int($0) != nil }
            ? classNames.sorted { Int($0)! < Int($1)! }
            : classNames.sorted()
        let rank = Dictionary(uniqueKeysWithValues: sortedNames.enumerated().map { ($1, Int32($0)) })
        let dense = classNames.map { rank[$0]! }
        classNames = sortedNames
        judgments = rawJudgments.map { Judgment(task: $0.task, worker: $0.worker, label: dense[Int($0.label)]) }
    }

    private static func index(of field: Substring, in table: inout [Substring: Int32], names: inout [String]) -> Int32 {
        if let known = table[field] { return known }
        let next = Int32(names.count)
        table[field] = next
        names.append(String(field))
        return next
    }

    /// Writes `task,label,confidence` rows for every task with a label.
    func writePredictions(_ result: AggregateResult, to path: String) throws {
        var out = "task,label,confidence\n"
        for (task, label) in result.labels.enumerated() where label >= 0 {
            out += "\(taskNames[task]),\(classNames[Int(label)]),\(result.confidence[task])\n"
        }
        try out.write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// Writes `worker,score` rows (workers with an undefined score are left out).
    func writeWorkerScores(_ result: AggregateResult, to path: String) throws {
        var out = "worker,score\n"
        for (worker, score) in result.workerAccuracy.enumerated() where !score.isNaN {
            out += "\(workerNames[worker]),\(score)\n"
        }
        try out.write(toFile: path, atomically: true, encoding: .utf8)
    }
}

/// Errors reported to the user of `agg-bench`.
enum BenchError: Error, CustomStringConvertible {
    /// The input file is malformed.
    case badInput(String)
    /// The command line is wrong.
    case usage(String)

    /// The message shown on standard error.
    var description: String {
        switch self {
        case .badInput(let message): "input error: \(message)"
        case .usage(let message): "usage error: \(message)\n\(usageText)"
        }
    }
}

/// Command-line help.
let usageText = """
    usage: agg-bench --method mv|ds --input labels.csv [--predictions preds.csv] [--workers workers.csv]
                     [--target skill|pooled] [--shrinkage S] [--repeat N] [--warm-from FRACTION]
    """
