namespace Inspections.Web.Capture;

/// <summary>
/// "A conflict was resolved": the menu's open-conflict badges count again (each in its own user's scope). Carries no
/// data, so nothing crosses from one user's circuit to another's but the nudge.
/// </summary>
public static class ConflictCounts
{
    public static event Action? Changed;

    public static void NotifyChanged() => Changed?.Invoke();
}
