public import Hummingbird
public import LoupeDomain

/// Sama's platform API under `/sama/v2`, as the official `sama` client calls it: the key in
/// `?access_key=`, Sama's routes and error body, and Sama's task rules and callbacks.
public struct SamaAPIDialect: APIDialect {
    /// The Sama dialect.
    public init() {}

    public var tasks: any TaskDialect { SamaDialect() }

    public var pathPrefixes: [String] { ["/sama/"] }

    public func mount(on router: Router<AppRequestContext>, env: APIEnvironment) {
        let authenticator = APIKeyAuthenticator(env: env, credentials: [.query("access_key")])
        let v2 = router.group("/sama/v2").add(middleware: SamaErrorMiddleware.make()).add(middleware: authenticator)
        v2.addRoutes(SamaProjects(env: env).endpoints)
        v2.addRoutes(SamaBatches(env: env).endpoints)
        v2.addRoutes(SamaTasks(env: env).endpoints)
        v2.addRoutes(SamaDeliveries(env: env).endpoints)
    }
}
