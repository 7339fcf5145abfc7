using Inspections.Infrastructure.Common;

namespace Inspections.Web.Infrastructure;

public sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    public string UserName => accessor.HttpContext?.User.Identity?.Name ?? "anonymous";
}
