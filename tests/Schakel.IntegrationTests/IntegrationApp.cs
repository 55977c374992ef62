using Schakel.Testing;

namespace Schakel.IntegrationTests;

public sealed class IntegrationApp() : SchakelApp("integration");

[CollectionDefinition(Name)]
public sealed class IntegrationCollection : ICollectionFixture<IntegrationApp>
{
    public const string Name = "integration";
}
