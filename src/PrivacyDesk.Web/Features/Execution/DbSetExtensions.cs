namespace PrivacyDesk.Web.Features.Execution;

internal static class DbSetExtensions
{
    public static IQueryable<T> Unfiltered<T>(this DbSet<T> set) where T : class => set.IgnoreQueryFilters();
}
