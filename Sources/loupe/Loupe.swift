import ArgumentParser
import LoupeServer

/// The `loupe` command: `serve`, `migrate`, `keys create`, `export`.
@main
struct Loupe: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "loupe", abstract: "Loupe: self-hosted human work on data.", version: LoupeVersion.current,
        subcommands: [Serve.self, Migrate.self, Keys.self, Export.self], defaultSubcommand: Serve.self)
}
