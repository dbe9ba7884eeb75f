using Microsoft.AspNetCore.Builder;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace CustomerAgent.Web.Tests;

/// <summary>
/// <c>customer-agent serve</c>'s app (a real Kestrel on a free loopback port) over the bundled sample, and a real headless
/// Chromium driven by Selenium: Debian's <c>chromium</c> and <c>chromium-driver</c> (.ci/run installs them). Without them the
/// tests fail, never skip. Selenium Manager is not used: the driver and the browser are named.
/// </summary>
public sealed class BrowserFixture : IDisposable
{
    private readonly WebApplication _app;

    public BrowserFixture()
    {
        var browser = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";
        var driver = Environment.GetEnvironmentVariable("CHROMEDRIVER_PATH") ?? "/usr/bin/chromedriver";
        if (!File.Exists(browser) || !File.Exists(driver))
        {
            throw new InvalidOperationException($"The browser tests need {browser} and {driver}: apt-get install chromium chromium-driver (.ci/run does).");
        }

        _app = CustomerAgent.Cli.ServeCommand.Start(Sample.Source, "http://127.0.0.1:0");
        Address = new Uri(_app.Urls.Single().TrimEnd('/') + "/");
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(driver)!, Path.GetFileName(driver));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        var options = new ChromeOptions { BinaryLocation = browser };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--lang=en-US", "--window-size=1280,1900", "--force-device-scale-factor=1");
        Driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(90));
        Screenshots = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;
    }

    /// <summary>Where the page is served.</summary>
    public Uri Address { get; }

    /// <summary>The browser.</summary>
    public ChromeDriver Driver { get; }

    /// <summary>The test output folder's screenshots.</summary>
    public string Screenshots { get; }

    /// <summary>How many times the page has finished showing an answer.</summary>
    public int Ready => int.TryParse(Driver.ExecuteScript("return document.body.dataset.ready || '0'") as string, out var n) ? n : 0;

    /// <summary>Opens the page at the given window size and waits until it shows the first account's dashboard.</summary>
    public void Open(int width = 1280, int height = 1900)
    {
        Driver.Manage().Window.Size = new System.Drawing.Size(width, height);
        Driver.Navigate().GoToUrl(Address);
        Settle(0);
    }

    /// <summary>Waits until the page has shown an answer after the <paramref name="before"/>-th and is no longer busy.</summary>
    public void Settle(int before)
    {
        new WebDriverWait(Driver, TimeSpan.FromSeconds(30)).Until(d =>
            Ready > before && d.FindElement(By.TagName("body")).GetAttribute("aria-busy") is null);
        var status = Driver.FindElement(By.Id("status"));
        Assert.True(!status.GetAttribute("class")!.Contains("error", StringComparison.Ordinal), "the page shows an error: " + status.Text);
    }

    /// <summary>Saves a screenshot of the window to the test output folder.</summary>
    public string Screenshot(string name)
    {
        var path = Path.Combine(Screenshots, name);
        Driver.GetScreenshot().SaveAsFile(path);
        return path;
    }

    public void Dispose()
    {
        Driver.Quit();
        Driver.Dispose();
        _app.StopAsync().GetAwaiter().GetResult();
        ((IDisposable)_app).Dispose();
    }
}
