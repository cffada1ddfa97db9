using Microsoft.Playwright;

namespace ThreatModel.Browser.Tests;

/// <summary>
/// One Chromium for all browser tests: the system's (Debian's <c>chromium</c> at /usr/bin/chromium, or the path in
/// THREATMODEL_CHROMIUM), driven by Playwright; Playwright's own browser download is never used. Where the browser is
/// required (THREATMODEL_REQUIRE_TOOLS=1, which .ci/run sets after installing it) a missing browser fails every test
/// with the command that installs it; elsewhere (a fresh clone with only the .NET SDK) the tests skip, saying so.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string DefaultChromium = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser did not start.");

    /// <summary>Why the browser tests skip (Chromium missing and not required), or null when the browser runs.</summary>
    public string? Unavailable { get; private set; }

    /// <summary>True when .ci/run (or the user) requires the browser tests to run: then a missing browser is a failure.</summary>
    public static bool Required => Environment.GetEnvironmentVariable("THREATMODEL_REQUIRE_TOOLS") == "1";

    public static string ChromiumPath =>
        Environment.GetEnvironmentVariable("THREATMODEL_CHROMIUM") is { Length: > 0 } path ? path : DefaultChromium;

    public async Task InitializeAsync()
    {
        var chromium = ChromiumPath;
        if (!File.Exists(chromium))
        {
            var message = $"Chromium was not found at {chromium}. The browser tests need it: install it with 'apt-get update && apt-get install -y chromium' (.ci/run does this), or set THREATMODEL_CHROMIUM to a Chromium executable.";
            if (Required)
                throw new InvalidOperationException(message);
            Unavailable = message;
            return;
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
            Timeout = 120_000,
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
            await _browser.DisposeAsync();
        _playwright?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
