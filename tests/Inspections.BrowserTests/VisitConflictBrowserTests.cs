using Inspections.Seed;
using Microsoft.Playwright;
using Npgsql;

namespace Inspections.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class VisitConflictBrowserTests(BrowserAppFixture app)
{
    [Fact]
    public async Task TheLeadSeesAConflictsDifferenceAndResolvesIt()
    {
        var (conflictId, itemCode) = await SeedConflictAsync();
        var open = await OpenCountAsync();

        var page = await app.NewPageAsync(width: 1500, height: 1000, signInAs: DemoAccounts.StreetLead);
        await page.GotoAsync("/visit-conflicts");
        await Assertions.Expect(page.Locator("[data-testid='app-layout'][data-interactive='true']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("nav-conflicts-count")).ToHaveTextAsync(open.ToString(System.Globalization.CultureInfo.InvariantCulture));

        await page.Locator($"[data-testid='conflict-row'][data-id='{conflictId}']").ClickAsync();
        var detail = page.GetByTestId("conflict-detail");
        await Assertions.Expect(detail).ToHaveAttributeAsync("data-resolved", "false");
        await Assertions.Expect(page.Locator($"[data-testid='conflict-difference'][data-path='items[{itemCode}].outcome']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid='conflict-difference'][data-path='findingsText']")).ToContainTextAsync("发现两名未成年人");
        await Assertions.Expect(page.GetByTestId("conflict-findings-rejected")).ToContainTextAsync("发现两名未成年人");
        await Assertions.Expect(page.Locator($"[data-testid='conflict-version-stored'] tr.conflict-differs[data-code='{itemCode}']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("conflict-no-replace")).ToContainTextAsync("新建一次检查");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshots.PathFor("visit-conflicts.png"), FullPage = true });

        // Resolve: without a note the dialog says so and nothing is written; with one it is resolved.
        await page.GetByTestId("conflict-resolve").ClickAsync();
        await Assertions.Expect(page.GetByTestId("conflict-resolve-dialog")).ToBeVisibleAsync();
        await page.GetByTestId("conflict-resolve-confirm").ClickAsync();
        await Assertions.Expect(page.GetByTestId("conflict-resolve-dialog")).ToContainTextAsync("请填写处理说明");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(VenueRegistryBrowserTests.ArtifactsDirectory, "visit-conflict-resolve.png") });
        await page.Locator("textarea[data-testid='conflict-note'], [data-testid='conflict-note'] textarea").First.FillAsync("平板离线后重复提交了修改过的记录，以首次提交为准。");
        await page.GetByTestId("conflict-resolve-confirm").ClickAsync();

        await Assertions.Expect(detail).ToHaveAttributeAsync("data-resolved", "true");
        await Assertions.Expect(page.GetByTestId("conflict-resolution")).ToContainTextAsync("以首次提交为准");
        await Assertions.Expect(page.GetByTestId("conflict-resolve")).ToHaveCountAsync(0);
        if (open == 1)
        {
            await Assertions.Expect(page.GetByTestId("nav-conflicts-count")).ToHaveCountAsync(0);
        }
        else
        {
            await Assertions.Expect(page.GetByTestId("nav-conflicts-count")).ToHaveTextAsync((open - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        await using (var c = new NpgsqlConnection(app.Database.ConnectionString))
        {
            await c.OpenAsync();
            await using var cmd = new NpgsqlCommand("SELECT resolved_by || '|' || decision FROM visit_conflicts WHERE id = @id", c);
            cmd.Parameters.AddWithValue("id", conflictId);
            Assert.Equal($"{DemoAccounts.StreetLead}|KeepStored", (string?)await cmd.ExecuteScalarAsync());
        }
    }

    [Fact]
    public async Task AnAuditorReadsConflictsInEnglishButCannotResolve()
    {
        var (conflictId, itemCode) = await SeedConflictAsync();
        var page = await app.NewPageAsync(locale: "en", signInAs: DemoAccounts.Auditor);
        await page.GotoAsync($"/visit-conflicts/{conflictId}");
        await Assertions.Expect(page.Locator("[data-testid='app-layout'][data-interactive='true']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("page-title")).ToHaveTextAsync("Visit submission conflicts");
        await Assertions.Expect(page.Locator($"[data-testid='conflict-difference'][data-path='items[{itemCode}].outcome']")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("conflict-no-replace")).ToContainTextAsync("record a correction as a new visit");
        await Assertions.Expect(page.GetByTestId("conflict-detail")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("conflict-resolve")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(VenueRegistryBrowserTests.ArtifactsDirectory, "visit-conflicts-en.png") });
    }

    private async Task<long> OpenCountAsync()
    {
        await using var c = new NpgsqlConnection(app.Database.ConnectionString);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT count(*) FROM visit_conflicts WHERE resolved_at IS NULL", c);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// A second version of a seeded visit of the lead's street, as the sync stores it: the first item's outcome and the
    /// findings changed. Each call picks another visit (the newest without a conflict).
    /// </summary>
    private async Task<(Guid ConflictId, string ItemCode)> SeedConflictAsync()
    {
        await using (var c = new NpgsqlConnection(app.Database.ConnectionString))
        {
            await c.OpenAsync();
            await using var cmd = new NpgsqlCommand("""
                WITH street AS (SELECT jurisdiction_id AS id FROM users WHERE user_name = @lead),
                     visit AS (
                        SELECT v.* FROM visits v JOIN jurisdictions j ON j.id = v.jurisdiction_id, street
                        WHERE (j.id = street.id OR j.parent_id = street.id) AND jsonb_array_length(v.content -> 'items') > 0
                          AND NOT EXISTS (SELECT 1 FROM visit_conflicts x WHERE x.visit_id = v.id)
                        ORDER BY v.submitted_at DESC, v.id LIMIT 1)
                INSERT INTO visit_conflicts (id, visit_id, stored_sha256, stored_content, rejected_sha256, rejected_content, submitted_by, received_at)
                SELECT gen_random_uuid(), visit.id, visit.content_sha256, visit.content, repeat('e', 64),
                       jsonb_set(jsonb_set(visit.content, '{findingsText}', to_jsonb('平板上修改后的检查情况：发现两名未成年人。'::text)),
                                 '{items,0,outcome}', to_jsonb(CASE WHEN visit.content #>> '{items,0,outcome}' = 'Fail' THEN 'Pass' ELSE 'Fail' END)),
                       @officer, now()
                FROM visit
                RETURNING id, rejected_content #>> '{items,0,code}'
                """, c);
            cmd.Parameters.AddWithValue("lead", DemoAccounts.StreetLead);
            cmd.Parameters.AddWithValue("officer", DemoAccounts.PoliceOfficer);
            await using var reader = await cmd.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync(), "The demo district has no visit in the lead's street.");
            return (reader.GetGuid(0), reader.GetString(1));
        }
    }
}
