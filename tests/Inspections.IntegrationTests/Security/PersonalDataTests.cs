using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Inspections.Domain.Identifiers;
using Inspections.Infrastructure.Identity;
using Inspections.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Inspections.IntegrationTests.Security;

/// <summary>Every log line of the host, at every level, so tests can prove what never reaches the logs.</summary>
public sealed class LoggingWebFactory : InspectionsWebFactory
{
    public ConcurrentQueue<string> Lines { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Trace).AddProvider(new Collector(Lines)));
    }

    private sealed class Collector(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(lines, categoryName);

        public void Dispose()
        {
        }
    }

    private sealed class Logger(ConcurrentQueue<string> lines, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            lines.Enqueue($"{category} scope: {state}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{category} {logLevel}: {formatter(state, exception)} {exception} {state}");
    }
}

/// <summary>Resident ID numbers: validated, masked in every answer, shown in full only to leads, audited, never logged.</summary>
public sealed class PersonalDataTests(LoggingWebFactory app) : IClassFixture<LoggingWebFactory>
{
    private const string ValidId = "11010519491231002X";

    [Fact]
    public async Task ResidentIdsAreMaskedRevealedOnlyToLeadsWithAnAuditEntryAndNeverLogged()
    {
        var admin = await app.AdminClientAsync();
        var street = await admin.PostAsJsonAsync("/api/jurisdictions", new JsonObject { ["code"] = "PD-" + Guid.NewGuid().ToString("N")[..6], ["name"] = "个人数据街道", ["level"] = "Street" });
        var streetId = (await street.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
        var department = await admin.PostAsJsonAsync("/api/departments", new JsonObject
        {
            ["code"] = "PD-" + Guid.NewGuid().ToString("N")[..6], ["name"] = "派出所", ["shortName"] = "派", ["kind"] = "Police", ["jurisdictionId"] = streetId,
        });
        var departmentId = (await department.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
        var lead = await app.UserClientAsync("pd-lead", AppRoles.EnforcementLead, streetId);
        var clerk = await app.UserClientAsync("pd-clerk", AppRoles.Clerk, streetId);
        var invalidId = ValidId[..17] + "5";

        var rejected = await lead.PostAsJsonAsync("/api/officers", Officer(streetId, departmentId, invalidId));
        var created = await lead.PostAsJsonAsync("/api/officers", Officer(streetId, departmentId, ValidId));
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
        var list = await clerk.GetStringAsync($"/api/officers?jurisdictionId={streetId}");
        var one = await clerk.GetStringAsync($"/api/officers/{id}");
        var clerkReveal = await clerk.GetAsync($"/api/officers/{id}/resident-id");
        var leadReveal = await lead.GetAsync($"/api/officers/{id}/resident-id");

        Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.DoesNotContain(ValidId, list, StringComparison.Ordinal);
        Assert.Contains(ResidentId.Mask(ValidId), list, StringComparison.Ordinal);
        Assert.DoesNotContain(ValidId, one, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, clerkReveal.StatusCode);
        Assert.Equal(HttpStatusCode.OK, leadReveal.StatusCode);
        Assert.Equal("no-store", leadReveal.Headers.CacheControl?.ToString());
        Assert.Equal(ValidId, (await leadReveal.Content.ReadFromJsonAsync<JsonObject>())!["residentIdNumber"]!.GetValue<string>());

        await using var db = app.Database.CreateContext();
        var audit = await db.Database.SqlQuery<string>(
                $"SELECT user_name AS \"Value\" FROM audit_log WHERE entity_id = {id.ToString()} AND action = 'Revealed'")
            .ToListAsync();
        Assert.Equal(["pd-lead"], audit);
        var raw = await db.Database.SqlQuery<string>($"SELECT coalesce(before::text, '') || coalesce(after::text, '') AS \"Value\" FROM audit_log").ToListAsync();
        Assert.DoesNotContain(raw, r => r.Contains(ValidId, StringComparison.Ordinal));

        var leaked = app.Lines.Where(l => l.Contains(ValidId, StringComparison.Ordinal) || l.Contains(invalidId, StringComparison.Ordinal)).ToList();
        Assert.True(leaked.Count == 0, string.Join("\n", leaked.Take(3)));
        Assert.NotEmpty(app.Lines);
    }

    private static JsonObject Officer(Guid streetId, Guid departmentId, string residentId) => new()
    {
        ["name"] = "张三",
        ["departmentId"] = departmentId,
        ["enforcementIdNumber"] = "PD" + Random.Shared.Next(100_000, 999_999),
        ["jurisdictionId"] = streetId,
        ["residentIdNumber"] = residentId,
    };
}
