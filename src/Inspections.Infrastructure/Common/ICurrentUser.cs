namespace Inspections.Infrastructure.Common;

/// <summary>Who is acting: the signed-in user in the web host, "system" in jobs and seeding.</summary>
public interface ICurrentUser
{
    string UserName { get; }
}

public sealed class SystemUser : ICurrentUser
{
    public string UserName => "system";
}
