using System.Security.Cryptography;
using Inspections.Domain.Capture;
using Inspections.Infrastructure.Common;
using Inspections.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Inspections.Infrastructure.Capture;

public enum PhotoUploadError
{
    None,
    BadHash,
    HashMismatch,
    TooLarge,
    NotAnImage,
    TooManyPixels,
    Empty,
}

public sealed record PhotoUploadResult(PhotoUploadError Error, CaptureBlob? Blob);

/// <summary>
/// Photos and signatures on disk, named by their SHA-256 (<c>ab/abcdef….jpg</c>) under <see cref="CaptureOptions.PhotoRoot"/>;
/// a row in <c>capture_blobs</c> records type, size and pixel size. Uploads are idempotent.
/// </summary>
public sealed class PhotoStore(InspectionsDbContext db, IOptions<CaptureOptions> options, IHostEnvironment env, ICurrentUser user, TimeProvider clock)
{
    public string Root => ResolveRoot(options.Value, env.ContentRootPath);

    public static string ResolveRoot(CaptureOptions o, string contentRoot) =>
        Path.IsPathRooted(o.PhotoRoot) ? o.PhotoRoot : Path.Combine(contentRoot, o.PhotoRoot);

    public static bool IsSha256(string? s) => s is { Length: 64 } && s.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));

    public async Task<PhotoUploadResult> SaveAsync(string sha256, Stream body, CancellationToken ct)
    {
        sha256 = sha256.ToLowerInvariant();
        if (!IsSha256(sha256))
        {
            return new(PhotoUploadError.BadHash, null);
        }
        var max = options.Value.PhotoMaxBytes;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > max)
            {
                return new(PhotoUploadError.TooLarge, null);
            }
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0)
        {
            return new(PhotoUploadError.Empty, null);
        }
        var bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        var actual = Convert.ToHexStringLower(SHA256.HashData(bytes.Span));
        if (actual != sha256)
        {
            return new(PhotoUploadError.HashMismatch, null);
        }
        if (ImageHeader.Read(bytes.Span) is not { } info)
        {
            return new(PhotoUploadError.NotAnImage, null);
        }
        if (Math.Max(info.Width, info.Height) > options.Value.PhotoMaxLongSidePx)
        {
            return new(PhotoUploadError.TooManyPixels, null);
        }
        if (await db.Set<CaptureBlob>().AsNoTracking().FirstOrDefaultAsync(b => b.Sha256 == sha256, ct) is { } existing &&
            File.Exists(Path.Combine(Root, existing.StoredPath)))
        {
            return new(PhotoUploadError.None, existing);
        }
        var relative = Path.Combine(sha256[..2], sha256 + Extension(info.ContentType));
        var path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (!File.Exists(path))
        {
            // Write to a unique temporary name and move into place: a reader never sees a half-written file and two
            // concurrent uploads of the same photo both end with the same complete file.
            var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            await File.WriteAllBytesAsync(temp, bytes, ct);
            File.Move(temp, path, overwrite: true);
        }
        var blob = new CaptureBlob(sha256, relative.Replace('\\', '/'), info.ContentType, buffer.Length, info.Width, info.Height, user.UserName, clock.GetUtcNow());
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO capture_blobs (sha256, stored_path, content_type, bytes, width, height, uploaded_by, uploaded_at)
            VALUES ({blob.Sha256}, {blob.StoredPath}, {blob.ContentType}, {blob.Bytes}, {blob.Width}, {blob.Height}, {blob.UploadedBy}, {blob.UploadedAt})
            ON CONFLICT (sha256) DO NOTHING
            """, ct);
        return new(PhotoUploadError.None, blob);
    }

    /// <summary>The file of a photo or signature that belongs to a visit the current user may read (query filters apply).</summary>
    public async Task<(string Path, string ContentType)?> OpenForReaderAsync(string sha256, CancellationToken ct)
    {
        sha256 = sha256.ToLowerInvariant();
        if (!IsSha256(sha256))
        {
            return null;
        }
        var readable = await db.Set<VisitPhoto>().AnyAsync(p => p.Sha256 == sha256, ct) ||
                       await db.Set<VisitSignature>().AnyAsync(s => s.Sha256 == sha256, ct);
        if (!readable)
        {
            return null;
        }
        var blob = await db.Set<CaptureBlob>().AsNoTracking().FirstOrDefaultAsync(b => b.Sha256 == sha256, ct);
        if (blob is null)
        {
            return null;
        }
        var path = Path.Combine(Root, blob.StoredPath);
        return File.Exists(path) ? (path, blob.ContentType) : null;
    }

    private static string Extension(string contentType) => contentType switch
    {
        "image/png" => ".png",
        "image/webp" => ".webp",
        _ => ".jpg",
    };
}
