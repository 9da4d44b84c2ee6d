namespace ChatGpt.Testing.Internal;

/// <summary>Finds the endpoint of a request by method and path, among the routes the endpoints declare. Routes are
/// tried in registration order, so a literal route (<c>/v1/models</c>) registered before a parameterized one is
/// preferred; two endpoints declaring the same route is a bug, caught when the router is built.</summary>
internal sealed class EmulatorRouter
{
    private readonly List<(EmulatorRoute Route, EmulatorEndpoint Endpoint)> _routes = [];

    public EmulatorRouter(IEnumerable<EmulatorEndpoint> endpoints)
    {
        foreach (var endpoint in endpoints)
        {
            foreach (var route in endpoint.Routes)
            {
                if (_routes.Exists(r => r.Route.Method == route.Method && r.Route.Template == route.Template))
                {
                    throw new InvalidOperationException($"Two emulator endpoints declare the route {route}.");
                }

                _routes.Add((route, endpoint));
            }
        }
    }

    public IEnumerable<EmulatorRoute> Routes => _routes.Select(r => r.Route);

    /// <summary>The match for <paramref name="method"/> <paramref name="path"/>, or <see langword="null"/> (the API then
    /// answers 404 <c>Invalid URL</c>, also for a known path with another method).</summary>
    public RouteMatch? Match(string method, string path)
    {
        foreach (var (route, endpoint) in _routes)
        {
            if (route.TryMatch(method, path, out var values))
            {
                return new RouteMatch(endpoint, route, values);
            }
        }

        return null;
    }
}
