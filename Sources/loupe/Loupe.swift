import ArgumentParser
import LoupeServer

/// The `loupe` command: `serve`, `migrate`, `keys create`, `users create`, `import`, `export`, `backup`.
@main
struct Loupe: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "loupe", abstract: "Loupe: self-hosted human work on data.", version: LoupeVersion.current,
        subcommands: [Serve.self, Migrate.self, Keys.self, Users.self, Import.self, Export.self, Backup.self],
        defaultSubcommand: Serve.self)
}
