using Inspections.Infrastructure.Documents.Layout;

namespace Inspections.Infrastructure.Documents;

/// <summary>Something that can be printed: it composes itself into a renderer-independent <see cref="DocumentLayout"/>.</summary>
public interface IPrintableDocument
{
    DocumentLayout Compose();
}
