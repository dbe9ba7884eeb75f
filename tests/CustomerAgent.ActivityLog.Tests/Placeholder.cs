namespace CustomerAgent.ActivityLog.Tests;
