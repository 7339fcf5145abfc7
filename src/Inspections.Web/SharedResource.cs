namespace Inspections.Web;

/// <summary>
/// Marker type for the UI texts in Resources/SharedResource(.en).resx. It lives in the root namespace and outside
/// Resources/ on purpose: the localizer then looks for "Inspections.Web.Resources.SharedResource", which is the
/// manifest name MSBuild gives the .resx. A class file beside the .resx would rename the resource after the class.
/// </summary>
public sealed class SharedResource;
