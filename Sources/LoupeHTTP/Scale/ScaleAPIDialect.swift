public import Hummingbird
public import LoupeDomain

/// Scale's API under `/scale/v1` (and v2's reads under `/scale/v2`): Scale's routes, Bearer or
/// Basic keys as its client sends them, Scale's error shape, and Scale's task rules and callbacks.
public struct ScaleAPIDialect: APIDialect {
    /// The Scale dialect.
    public init() {}

    public var tasks: any TaskDialect { ScaleDialect() }

    public var pathPrefixes: [String] { ["/scale/"] }

    public func mount(on router: Router<AppRequestContext>, env: APIEnvironment) {
        let authenticator = APIKeyAuthenticator(env: env)
        let v1 = router.group("/scale/v1").add(middleware: ScaleErrorMiddleware.make()).add(middleware: authenticator)
        v1.addRoutes(ScaleProjects(env: env).endpoints)
        v1.addRoutes(ScaleBatches(env: env).endpoints)
        v1.addRoutes(ScaleTasksController(env: env).endpoints)
        router.group("/scale/v2").add(middleware: ScaleErrorMiddleware.make()).add(middleware: authenticator)
            .addRoutes(ScaleV2Reads(env: env).endpoints)
    }
}
