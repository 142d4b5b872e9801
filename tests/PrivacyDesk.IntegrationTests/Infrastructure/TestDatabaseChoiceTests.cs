namespace PrivacyDesk.IntegrationTests.Infrastructure;

/// <summary>The fixture's choice of database: a pure function of "PRIVACYDESK_TEST_DB set?" and "Docker reachable?".</summary>
public sealed class TestDatabaseChoiceTests
{
    [Theory]
    [InlineData(true, true, TestDatabaseSource.External)]
    [InlineData(true, false, TestDatabaseSource.External)]
    [InlineData(false, true, TestDatabaseSource.Container)]
    [InlineData(false, false, TestDatabaseSource.LocalCluster)]
    public void Should_prefer_the_named_server_then_a_container_then_the_local_cluster(bool externalSet, bool dockerReachable, TestDatabaseSource expected) =>
        Assert.Equal(expected, TestDatabaseChoice.Select(externalSet, dockerReachable));

    [Fact]
    public void Should_describe_each_choice_differently_for_the_log()
    {
        var lines = Enum.GetValues<TestDatabaseSource>().Select(TestDatabaseChoice.Describe).ToList();
        Assert.Equal(lines.Count, lines.Distinct().Count());
        Assert.Contains("Testcontainers", TestDatabaseChoice.Describe(TestDatabaseSource.Container), StringComparison.Ordinal);
    }
}
