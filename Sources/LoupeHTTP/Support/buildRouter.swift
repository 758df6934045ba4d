public import Hummingbird
import LoupeDomain

/// The whole HTTP surface: the browser UI at `/`, system routes, the upload capability, the
/// authenticated `/api/v1`, and each dialect's routes where it mounts them.
public func buildRouter(env: APIEnvironment, dialects: [any APIDialect] = []) -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    let requestIDs = ObjectIDGenerator()
    // Metrics wrap the error mapping, so a failure counts under the status it is answered with.
    router.add(middleware: MetricsMiddleware(registry: env.metrics))
    router.add(middleware: ErrorMiddleware(makeID: { requestIDs.next() }, accessLog: env.accessLog))
    router.add(
        middleware: BodyPaceMiddleware(
            graceSeconds: env.bodyGraceSeconds, minimumBytesPerSecond: env.bodyMinimumBytesPerSecond))
    if let webRoot = env.webRoot { router.add(middleware: WebAssetsMiddleware(root: webRoot)) }
    router.addRoutes(SystemController(env: env).endpoints)
    router.addRoutes(UploadsController(env: env).endpoints, atPath: "/api/v1")
    router.addRoutes(AuthController(env: env).publicEndpoints, atPath: "/api/v1")
    let authenticator = APIKeyAuthenticator(env: env)
    let api = router.group("/api/v1").add(middleware: authenticator)
    api.addRoutes(ProjectsController(env: env).endpoints)
    api.addRoutes(TasksController(env: env).endpoints)
    api.addRoutes(MediaController(env: env).endpoints)
    api.addRoutes(BatchesController(env: env).endpoints)
    api.addRoutes(KeysController(env: env).endpoints)
    api.addRoutes(CallbackAuthKeysController(env: env).endpoints)
    api.addRoutes(UsersController(env: env).endpoints)
    api.addRoutes(AuthController(env: env).endpoints)
    api.addRoutes(WorkController(env: env).endpoints)
    api.addRoutes(ReviewController(env: env).endpoints)
    api.addRoutes(ResultsController(env: env).endpoints)
    api.addRoutes(DeliveriesController(env: env).endpoints)
    api.addRoutes(EventsController(env: env).endpoints)
    api.addRoutes(ExportController(env: env).endpoints)
    api.addRoutes(PredictionsController(env: env).endpoints)
    api.addRoutes(MeController(env: env).endpoints)
    api.addRoutes(ProjectStatsController(env: env).endpoints)
    for dialect in dialects { dialect.mount(on: router, env: env) }
    return router
}
