[assembly: AssemblyFixture(typeof(Berth.Integration.Tests.Infrastructure.EngineFixture))]
