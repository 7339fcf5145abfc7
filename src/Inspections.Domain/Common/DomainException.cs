namespace Inspections.Domain.Common;

/// <summary>A business rule was broken. The web layer maps it to a 409/422 ProblemDetails.</summary>
public class DomainException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
