import ArgumentParser

/// `loupe-bench`: measures Loupe's hot paths against a running server and prints figures.
@main
struct LoupeBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "loupe-bench", abstract: "Benchmarks for a running Loupe server (see Benchmarks/run.sh).",
        subcommands: [
            Ingest.self, Page.self, MakeTask.self, Work.self, Webhooks.self, Feed.self, SeedCompleted.self,
            Parsers.self,
            Connections.self, SlowValidation.self,
        ])
}
