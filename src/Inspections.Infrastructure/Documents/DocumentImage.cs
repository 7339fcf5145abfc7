namespace Inspections.Infrastructure.Documents;

/// <summary>
/// A picture on a document (PNG or JPEG), read only while the document is rendered, so that a batch of two thousand
/// records does not hold every signature in memory. A missing or unreadable picture leaves its place blank.
/// </summary>
public sealed class DocumentImage
{
    private readonly Func<Stream?> open;

    private DocumentImage(Func<Stream?> open) => this.open = open;

    public static DocumentImage FromBytes(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return new(() => new MemoryStream(bytes, writable: false));
    }

    /// <summary>The file at <paramref name="path"/>; null from <see cref="Open"/> when it does not exist (any more).</summary>
    public static DocumentImage FromFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return new(() => File.Exists(path) ? File.OpenRead(path) : null);
    }

    /// <summary>The picture's bytes, or null when it is gone.</summary>
    public Stream? Open() => open();
}
