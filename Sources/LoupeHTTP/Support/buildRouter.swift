public import Hummingbird
import LoupeDomain

/// The whole HTTP surface: the browser UI at `/`, system routes, the upload capability, the authenticated `/api/v1`, and
/// the Scale dialect under `/scale/v1` (and v2's reads under `/scale/v2`).
public func buildRouter(env: APIEnvironment) -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    let requestIDs = ObjectIDGenerator()
    // Metrics wrap the error mapping, so a failure counts under the status it is answered with.
    router.add(middleware: MetricsMiddleware(registry: env.metrics))
    router.add(middleware: ErrorMiddleware(makeID: { requestIDs.next() }))
    if let webRoot = env.webRoot { router.add(middleware: WebAssetsMiddleware(root: webRoot)) }
    router.addRoutes(SystemController(env: env).endpoints)
    router.addRoutes(UploadsController(env: env).endpoints, atPath: "/api/v1")
    router.addRoutes(AuthController(env: env).publicEndpoints, atPath: "/api/v1")
    let authenticator = APIKeyAuthenticator(store: env.store, cache: env.keyCache, sessions: env.sessionCache)
    let api = router.group("/api/v1").add(middleware: authenticator)
    api.addRoutes(ProjectsController(env: env).endpoints)
    api.addRoutes(TasksController(env: env).endpoints)
    api.addRoutes(BatchesController(env: env).endpoints)
    api.addRoutes(KeysController(env: env).endpoints)
    api.addRoutes(UsersController(env: env).endpoints)
    api.addRoutes(AuthController(env: env).endpoints)
    api.addRoutes(WorkController(env: env).endpoints)
    api.addRoutes(ReviewController(env: env).endpoints)
    api.addRoutes(ResultsController(env: env).endpoints)
    api.addRoutes(DeliveriesController(env: env).endpoints)
    api.addRoutes(EventsController(env: env).endpoints)
    api.addRoutes(ExportController(env: env).endpoints)
    api.addRoutes(MeController(env: env).endpoints)
    api.addRoutes(ProjectStatsController(env: env).endpoints)
    let scale = router.group("/scale/v1").add(middleware: ScaleErrorMiddleware()).add(middleware: authenticator)
    scale.addRoutes(ScaleProjects(env: env).endpoints)
    scale.addRoutes(ScaleBatches(env: env).endpoints)
    scale.addRoutes(ScaleTasksController(env: env).endpoints)
    router.group("/scale/v2").add(middleware: ScaleErrorMiddleware()).add(middleware: authenticator)
        .addRoutes(ScaleV2Reads(env: env).endpoints)
    return router
}
