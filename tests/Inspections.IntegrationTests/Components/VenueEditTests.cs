using Bunit;
using Inspections.Domain.Common;
using Inspections.Domain.Registry;
using Inspections.Infrastructure.Identity;
using Inspections.Infrastructure.Registry;
using Inspections.TestSupport;
using Inspections.Web.Components.Pages.Venues;
using Inspections.Web.Infrastructure.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MudBlazor.Services;

namespace Inspections.IntegrationTests.Components;

/// <summary>The venue form against the real registry services and a fresh PostGIS database.</summary>
public sealed class VenueEditTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    /// <summary>The first render builds the EF model and opens connections: allow for a slow CI machine.</summary>
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private BunitContext CreateContext(bool canWrite = true)
    {
        var host = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        host.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Inspections"] = database.ConnectionString,
        });
        host.AddInfrastructure();

        var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        foreach (var descriptor in host.Services)
        {
            context.Services.Add(descriptor);
        }
        context.Services.AddMudServices();
        context.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        var auth = context.AddAuthorization();
        if (canWrite)
        {
            auth.SetAuthorized("lead");
            auth.SetRoles(AppRoles.EnforcementLead);
            auth.SetPolicies(AppPolicies.RegistryRead, AppPolicies.VenueWrite);
        }
        else
        {
            auth.SetAuthorized("auditor");
            auth.SetRoles(AppRoles.Auditor);
            auth.SetPolicies(AppPolicies.RegistryRead);
        }
        return context;
    }

    private async Task<Guid> CreateVenueAsync(string name)
    {
        await using var db = database.CreateContext();
        var venue = new Venue(Guid.Empty, new VenueDetails(
            name, VenueType.Ktv, null, null, "深圳市龙华区民治街道测试路8号", Geo.Point(114.06, 22.63), null, null,
            VenueStatus.Operating, RiskClass.B, "王某", null, null, null));
        db.Venues.Add(venue);
        await db.SaveChangesAsync();
        return venue.Id;
    }

    /// <summary>Types like a user: a MudBlazor input listens to either change or, when Immediate, input.</summary>
    /// <remarks>Find and dispatch run on the renderer's dispatcher so a re-render cannot slip in between (bUnit's advice).</remarks>
    private static void Type(IRenderedComponent<VenueEdit> cut, string testId, string value) =>
        cut.InvokeAsync(() =>
        {
            var input = cut.Find($"input[data-testid='{testId}']");
            if (input.HasAttribute("blazor:oninput"))
            {
                input.Input(value);
            }
            else
            {
                input.Change(value);
            }
        }).GetAwaiter().GetResult();

    [Fact]
    public async Task EmptyRequiredFieldsShowInlineMessagesAndNothingIsSaved()
    {
        using var _ = new CultureScope("zh-CN");
        var id = await CreateVenueAsync("空字段测试KTV");
        await using var context = CreateContext();
        var cut = context.Render<VenueEdit>(p => p.Add(x => x.Id, id));
        cut.WaitForElement("input[data-testid=field-name]", Wait);

        Type(cut, "field-name", "");
        Type(cut, "field-opening-hours", "晚上八点");
        await cut.InvokeAsync(() => cut.Find("form").Submit());

        cut.WaitForAssertion(
            () =>
            {
                Assert.Contains("必填", cut.Markup);
                Assert.Contains("格式为 HH:mm-HH:mm", cut.Markup);
            },
            Wait);
        await using var db = database.CreateContext();
        Assert.Equal("空字段测试KTV", db.Venues.Single(v => v.Id == id).Name);
    }

    [Fact]
    public async Task ResidentIdRejectedByTheDomainIsShownOnItsField()
    {
        using var _ = new CultureScope("zh-CN");
        var id = await CreateVenueAsync("身份证测试KTV");
        await using var context = CreateContext();
        var cut = context.Render<VenueEdit>(p => p.Add(x => x.Id, id));
        cut.WaitForElement("input[data-testid=field-name]", Wait);

        Type(cut, "field-legal-representative-id", "110105194912310021");
        await cut.InvokeAsync(() => cut.Find("form").Submit());

        cut.WaitForAssertion(() => Assert.Contains("身份证号未通过 GB 11643 校验", cut.Markup), Wait);
        Assert.Empty(cut.FindAll("[data-testid=form-error]"));
    }

    [Fact]
    public async Task InvalidCreditCodeNeedsAReasonAndTheReasonIsStored()
    {
        using var _ = new CultureScope("zh-CN");
        var id = await CreateVenueAsync("信用代码测试KTV");
        await using var context = CreateContext();
        var cut = context.Render<VenueEdit>(p => p.Add(x => x.Id, id));
        cut.WaitForElement("input[data-testid=field-name]", Wait);

        Type(cut, "field-credit-code", "91440309MA5F0000X1");
        cut.WaitForAssertion(() => Assert.Equal("ChecksumMismatch", cut.Find("[data-testid=credit-code-feedback]").GetAttribute("data-check")), Wait);
        await cut.InvokeAsync(() => cut.Find("form").Submit());
        cut.WaitForElement("[data-testid='override-warning-credit_code.invalid']", Wait);
        await cut.InvokeAsync(() => cut.Find("[data-testid=override-save]").Click());
        cut.WaitForAssertion(() => Assert.Contains("请填写理由", cut.Markup), Wait);
        Type(cut, "override-reason-credit_code.invalid", "与营业执照原件核对一致");
        await cut.InvokeAsync(() => cut.Find("[data-testid=override-save]").Click());

        cut.WaitForElement("[data-testid=override-record]", Wait);
        await using var db = database.CreateContext();
        var stored = db.Venues.Single(v => v.Id == id);
        Assert.Equal("91440309MA5F0000X1", stored.CreditCode);
        Assert.Contains(stored.Overrides, o => o.Code == WarningCodes.CreditCodeInvalid && o.Reason == "与营业执照原件核对一致");
    }

    [Fact]
    public async Task ReadOnlyRolesSeeTheFormWithEveryInputReadOnlyAndNoSaveButton()
    {
        using var _ = new CultureScope("zh-CN");
        var id = await CreateVenueAsync("只读测试KTV");
        await using var context = CreateContext(canWrite: false);
        var cut = context.Render<VenueEdit>(p => p.Add(x => x.Id, id));
        cut.WaitForElement("input[data-testid=field-name]", Wait);

        Assert.Equal("true", cut.Find("[data-testid=venue-form]").GetAttribute("data-readonly"));
        Assert.True(cut.Find("input[data-testid=field-name]").HasAttribute("readonly"));
        Assert.True(cut.Find("input[data-testid=field-credit-code]").HasAttribute("readonly"));
        Assert.Empty(cut.FindAll("[data-testid=venue-save]"));
        Assert.NotEmpty(cut.FindAll("[data-testid=venue-read-only]"));
    }

    [Fact]
    public async Task WritersGetEditableInputs()
    {
        using var _ = new CultureScope("zh-CN");
        var id = await CreateVenueAsync("可写测试KTV");
        await using var context = CreateContext();
        var cut = context.Render<VenueEdit>(p => p.Add(x => x.Id, id));
        cut.WaitForElement("input[data-testid=field-name]", Wait);

        cut.WaitForAssertion(() => Assert.Equal("false", cut.Find("[data-testid=venue-form]").GetAttribute("data-readonly")), Wait);
        Assert.False(cut.Find("input[data-testid=field-name]").HasAttribute("readonly"));
    }
}
