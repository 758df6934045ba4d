public import Hummingbird
public import LoupeDomain

/// A vendor API Loupe speaks, as one plug-in: its task rules and callbacks (`tasks`) and the routes,
/// credential schemes and error shape it mounts. The composition root registers each dialect once;
/// the core reaches a task's dialect only through the `DialectRegistry`.
public protocol APIDialect: Sendable {
    /// What the dialect changes once one of its tasks exists.
    var tasks: any TaskDialect { get }
    /// The path prefixes it mounts (`/scale`): its routes follow the vendor's reference, not the
    /// native OpenAPI document.
    var pathPrefixes: [String] { get }
    /// Mounts the dialect's routes, with its credential schemes and error shape, on `router`.
    func mount(on router: Router<AppRequestContext>, env: APIEnvironment)
}
