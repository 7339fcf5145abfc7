namespace Inspections.Web.Registry;

public static class OfficerEndpoints
{
    public static IEndpointRouteBuilder MapOfficerEndpoints(this IEndpointRouteBuilder app) => app;
}
