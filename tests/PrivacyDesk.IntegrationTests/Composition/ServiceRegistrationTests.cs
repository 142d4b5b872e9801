using System.Collections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PrivacyDesk.IntegrationTests.Infrastructure;
using PrivacyDesk.Web.Infrastructure;

namespace PrivacyDesk.IntegrationTests.Composition;

/// <summary>
/// The composition root registers each of the app's own services once (ServiceRegistration.AddFeatures, one call
/// per feature area): no area replaces or repeats a registration made elsewhere, and nothing is found by
/// reflection. A second registration of a single service silently wins, so these tests name it instead.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ServiceRegistrationTests(AppFixture app)
{
    [Fact]
    public void Should_neither_remove_nor_repeat_a_registration_of_an_own_service_type()
    {
        var configuration = app.Factory.Services.GetRequiredService<IConfiguration>();
        var environment = app.Factory.Services.GetRequiredService<IHostEnvironment>();
        var services = new RecordingServiceCollection();

        services.AddPrivacyDesk(configuration, environment);

        Assert.Empty(services.Removed.Where(d => IsOwn(d.ServiceType)).Select(Describe));
        Assert.Empty(Repeated(services));
    }

    [Fact]
    public async Task Should_build_the_app_with_each_own_service_registered_once_and_resolvable()
    {
        List<ServiceDescriptor> registered = [];
        await using var factory = app.Factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => registered = [.. s]));
        await using var scope = factory.Services.CreateAsyncScope();

        Assert.Empty(Repeated(registered));
        var own = registered.Where(d => IsOwn(d.ServiceType) && !d.ServiceType.IsGenericTypeDefinition).ToList();
        Assert.NotEmpty(own);
        Assert.All(own, d => Assert.NotNull(scope.ServiceProvider.GetRequiredService(d.ServiceType)));
        Assert.Null(typeof(ServiceRegistration).Assembly.GetType("PrivacyDesk.Web.Infrastructure.IFeatureModule"));
    }

    /// <summary>None of the app's own service types is meant to be resolved as a list: two registrations mean one is lost.</summary>
    private static List<string> Repeated(IEnumerable<ServiceDescriptor> services) => services
        .Where(d => IsOwn(d.ServiceType))
        .GroupBy(d => d.ServiceType)
        .Where(g => g.Count() > 1)
        .Select(g => $"{g.Key.FullName} registered {g.Count()} times: {string.Join(", ", g.Select(Describe))}")
        .ToList();

    private static bool IsOwn(Type type) => type.Assembly.GetName().Name!.StartsWith("PrivacyDesk.", StringComparison.Ordinal);

    private static string Describe(ServiceDescriptor d) =>
        $"{d.ServiceType.Name} as {d.ImplementationType?.Name ?? d.ImplementationInstance?.GetType().Name ?? "factory"} ({d.Lifetime})";

    /// <summary>A service collection that remembers what was taken out of it (Replace, RemoveAll, indexer).</summary>
    private sealed class RecordingServiceCollection : IServiceCollection
    {
        private readonly List<ServiceDescriptor> _items = [];

        public List<ServiceDescriptor> Removed { get; } = [];

        public ServiceDescriptor this[int index]
        {
            get => _items[index];
            set
            {
                Removed.Add(_items[index]);
                _items[index] = value;
            }
        }

        public int Count => _items.Count;

        public bool IsReadOnly => false;

        public void Add(ServiceDescriptor item) => _items.Add(item);

        public void Clear()
        {
            Removed.AddRange(_items);
            _items.Clear();
        }

        public bool Contains(ServiceDescriptor item) => _items.Contains(item);

        public void CopyTo(ServiceDescriptor[] array, int arrayIndex) => _items.CopyTo(array, arrayIndex);

        public IEnumerator<ServiceDescriptor> GetEnumerator() => _items.GetEnumerator();

        public int IndexOf(ServiceDescriptor item) => _items.IndexOf(item);

        public void Insert(int index, ServiceDescriptor item) => _items.Insert(index, item);

        public bool Remove(ServiceDescriptor item)
        {
            if (!_items.Remove(item))
                return false;
            Removed.Add(item);
            return true;
        }

        public void RemoveAt(int index)
        {
            Removed.Add(_items[index]);
            _items.RemoveAt(index);
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
