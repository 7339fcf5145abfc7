namespace Inspections.Web.Registry;

public static class JurisdictionEndpoints
{
    public static IEndpointRouteBuilder MapJurisdictionEndpoints(this IEndpointRouteBuilder app) => app;
}
