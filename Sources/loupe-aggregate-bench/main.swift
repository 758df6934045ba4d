import LoupeDomain
import Foundation

/// Parsed command-line options.
struct Options {
    /// `mv` (majority vote) or `ds` (Dawid–Skene).
    var method = "ds"
    /// Path of the `task,worker,label` CSV.
    var input = ""
    /// Where to write `task,label,confidence`, if anywhere.
    var predictions: String?
    /// Where to write `worker,score`, if anywhere.
    var workers: String?
    /// Dawid–Skene shrinkage target.
    var target = ShrinkageTarget.workerSkill
    /// Dawid–Skene shrinkage strength; nil picks the target's default.
    var shrinkage: Double?
    /// How many times to run the method (the minimum time is reported).
    var repeats = 1
    /// When set (Dawid–Skene only), a model fitted on this leading fraction of the judgments
    /// warm-starts every timed fit on all of them, as in Loupe's periodic refit.
    var warmStartFraction: Double?

    /// Parses `--flag value` pairs; throws on unknown flags or missing values.
    init(_ arguments: [String]) throws {
        var remaining = arguments[...]
        while let flag = remaining.popFirst() {
            guard let value = remaining.popFirst() else { throw BenchError.usage("\(flag) needs a value") }
            switch flag {
            case "--method": method = value
            case "--input": input = value
            case "--predictions": predictions = value
            case "--workers": workers = value
            case "--target":
                switch value {
                case "skill": target = .workerSkill
                case "pooled": target = .pooledConfusion
                default: throw BenchError.usage("unknown target \(value)")
                }
            case "--shrinkage": shrinkage = try Self.number(value, for: flag)
            case "--repeat": repeats = max(1, Int(try Self.number(value, for: flag)))
            case "--warm-from": warmStartFraction = try Self.number(value, for: flag)
            default: throw BenchError.usage("unknown option \(flag)")
            }
        }
        guard !input.isEmpty else { throw BenchError.usage("--input is required") }
        guard ["mv", "ds"].contains(method) else { throw BenchError.usage("unknown method \(method)") }
    }

    private static func number(_ text: String, for flag: String) throws -> Double {
        guard let value = Double(text) else { throw BenchError.usage("\(flag) needs a number, got \(text)") }
        return value
    }
}

/// The Dawid–Skene configuration the options ask for.
func dawidSkene(_ options: Options) -> DawidSkene {
    DawidSkene(shrinkage: options.shrinkage, target: options.target)
}

/// The model a warm-started run starts from: a fit on the leading fraction of the judgments.
func warmStartModel(_ data: LabeledData, options: Options) -> DawidSkeneModel? {
    guard options.method == "ds", let fraction = options.warmStartFraction else { return nil }
    let earlier = Array(data.judgments.prefix(Int(Double(data.judgments.count) * fraction)))
    return dawidSkene(options).fit(
        earlier, taskCount: data.taskNames.count, workerCount: data.workerNames.count,
        classCount: data.classNames.count
    ).0
}

/// Runs the chosen method once on the parsed data.
func aggregate(_ data: LabeledData, options: Options, warmStart: DawidSkeneModel?) -> AggregateResult {
    let taskCount = data.taskNames.count, workerCount = data.workerNames.count, classCount = data.classNames.count
    if options.method == "mv" {
        return MajorityVote.aggregate(
            data.judgments, taskCount: taskCount, workerCount: workerCount, classCount: classCount)
    }
    return dawidSkene(options).fit(
        data.judgments, taskCount: taskCount, workerCount: workerCount,
        classCount: classCount, warmStart: warmStart
    ).1
}

do {
    let options = try Options(Array(CommandLine.arguments.dropFirst()))
    let data = try LabeledData(contentsOf: options.input)
    let warmStart = warmStartModel(data, options: options)
    let clock = ContinuousClock()
    var result: AggregateResult?
    var times: [Double] = []
    for _ in 0..<options.repeats {
        let elapsed = clock.measure { result = aggregate(data, options: options, warmStart: warmStart) }
        times.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
    }
    guard let result else { fatalError("at least one run happens") }
    if let path = options.predictions { try data.writePredictions(result, to: path) }
    if let path = options.workers { try data.writeWorkerScores(result, to: path) }
    let timing = times.map { String(format: "%.4f", $0) }.joined(separator: " ")
    print(
        "method=\(options.method) judgments=\(data.judgments.count) tasks=\(data.taskNames.count) "
            + "workers=\(data.workerNames.count) classes=\(data.classNames.count)")
    print("fit+predict seconds: \(timing) (min \(String(format: "%.4f", times.min()!)))")
    print("iterations: \(result.iterations)" + (warmStart == nil ? "" : " (warm-started)"))
} catch {
    FileHandle.standardError.write("\(error)\n".data(using: .utf8)!)
    exit(1)
}
