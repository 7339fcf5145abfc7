namespace Inspections.Web.Components.Shared;

/// <summary>
/// Per-circuit memory cascaded by the layout: the last list URL (with its filters), so that "back to list"
/// buttons return to the same search and not to an empty one.
/// </summary>
public sealed class NavigationMemory
{
    public string VenueList { get; set; } = "/venues";
}
