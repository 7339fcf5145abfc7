namespace Inspections.Infrastructure.Documents.Fonts;

/// <summary>The Chinese font is missing or unusable. Rendering refuses to go on rather than print boxes (tofu).</summary>
public sealed class DocumentFontNotFoundException(string message, Exception? inner = null) : InvalidOperationException(message, inner);
