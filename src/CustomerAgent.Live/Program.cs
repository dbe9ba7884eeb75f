using CustomerAgent.Live.Hosting;

// The live service: dotnet customer-agent-live.dll [--urls http://127.0.0.1:5080] [--Live:Storage=PostgreSql --Live:ConnectionString=...]
// (docs/live-service.md).
var app = LiveHost.Build(args);
await app.RunAsync();
