import ArgumentParser
import Foundation
import Logging
import LoupeDomain
import LoupeHTTP
import LoupeServer
import LoupeStore
import LoupeStoreSQLite

/// `loupe users create`: add a person to the default organization without the API.
struct Users: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Manage users.", subcommands: [Create.self])

    /// `loupe users create --email E --roles worker,reviewer [--groups a,b] [--password-stdin]`.
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a user; prints a generated password unless one is read from standard input.")
        @Option(help: "The e-mail the user logs in with.") var email: String
        @Option(help: "Comma-separated: admin, requester, worker, reviewer.") var roles: String
        @Option(help: "Comma-separated worker groups (projects may be limited to a group).") var groups: String = ""
        @Flag(help: "Read the password from the first line of standard input (not the command line).")
        var passwordStdin = false
        @OptionGroup var storage: StorageOptions

        func validate() throws {
            do {
                _ = try User.checkedEmail(email, field: "--email")
                _ = try User.roles(Self.list(roles), field: "--roles", indexed: false)
            } catch {
                throw ValidationError(error.message)
            }
        }

        func run() async throws {
            let generated = !passwordStdin
            let password = generated ? Self.newPassword() : (readLine(strippingNewline: true) ?? "")
            do { try User.checkPassword(password, field: "the password") } catch {
                throw ValidationError(error.message)
            }
            let configuration = storage.configuration()
            let hash = PasswordHasher.hashNow(password, cost: configuration.passwordCost)
            let opened = try configuration.openDatabase(logger: Logger(label: "loupe"))
            let email = try User.checkedEmail(email, field: "--email")
            let roles = try User.roles(Self.list(roles), field: "--roles", indexed: false)
            let groups = Self.list(groups)
            let user = try await opened.withRunning { store in
                try await store.migrate(now: .now())
                guard let organization = try await store.defaultOrganization() else {
                    throw ValidationError("the instance has no organization yet: run `loupe serve` once first")
                }
                let user = User(
                    id: ObjectIDGenerator().next(), organizationID: organization.id, email: email, passwordHash: hash,
                    roles: roles, groups: groups, createdAt: .now())
                do {
                    try await store.createUser(user)
                } catch let error as DomainError {
                    throw ValidationError(error.message)
                }
                return user
            }
            print("created user \(user.id) \(user.email) (\(roles.map(\.rawValue).joined(separator: ", ")))")
            if generated { print("password: \(password)") }
        }

        static func list(_ text: String) -> [String] {
            text.split(separator: ",").map { String($0.filter { $0 != " " }) }.filter { !$0.isEmpty }
        }

        static func newPassword() -> String {
            let alphabet = Array("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
            var generator = SystemRandomNumberGenerator()
            return String((0..<20).map { _ in alphabet[Int(generator.next(upperBound: UInt(alphabet.count)))] })
        }
    }
}

/// `loupe backup --out FILE`: a consistent copy of the SQLite database while the server runs;
/// with PostgreSQL, the `pg_dump` command that does the same.
struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Copy the SQLite database to a file while serving (PostgreSQL: print the pg_dump command).")
    @Option(help: "The file to write.") var out: String = "loupe-backup.sqlite"
    @OptionGroup var storage: StorageOptions

    func run() async throws {
        let configuration = storage.configuration()
        if let url = configuration.databaseURL {
            var components = URLComponents(string: url)
            components?.password = nil
            let safe = components?.string ?? "<database url>"
            print("PostgreSQL is backed up by its own tools; for example:")
            print("  pg_dump --format=custom --file=\(out.hasSuffix(".sqlite") ? "loupe.dump" : out) '\(safe)'")
            print("(give the password through PGPASSWORD or ~/.pgpass; restore with pg_restore --clean)")
            return
        }
        let started = Date()
        let pages = try SQLiteBackup.copy(from: configuration.sqlitePath, to: out)
        let bytes = (try? FileManager.default.attributesOfItem(atPath: out)[.size] as? Int) ?? 0
        print(
            String(
                format: "backed up %@ to %@: %d pages, %.1f MB in %.1f s", configuration.sqlitePath, out, pages,
                Double(bytes) / 1_048_576, Date().timeIntervalSince(started)))
    }
}
