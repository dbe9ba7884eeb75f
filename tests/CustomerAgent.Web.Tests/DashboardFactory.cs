using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CustomerAgent.Web.Tests;

/// <summary>A host that maps only the dashboard (as a host app would) over the bundled sample, in memory (TestServer).</summary>
public sealed class DashboardFactory : WebApplicationFactory<DashboardFactory>
{
    /// <inheritdoc/>
    protected override IHostBuilder CreateHostBuilder() =>
        Host.CreateDefaultBuilder()
            .ConfigureWebHostDefaults(web => web
                .UseContentRoot(AppContext.BaseDirectory)
                .ConfigureServices(services => services.AddRouting())
                .Configure(app =>
                {
                    app.UseRouting();
                    app.UseEndpoints(endpoints => endpoints.MapCustomerAgentDashboard(Sample.Source));
                }));

    /// <inheritdoc/>
    protected override void ConfigureWebHost(IWebHostBuilder builder) =>
        // the page is embedded in the assembly: no content folder to find beside the sources
        builder.UseContentRoot(AppContext.BaseDirectory);
}
