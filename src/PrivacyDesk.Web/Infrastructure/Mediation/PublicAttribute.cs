namespace PrivacyDesk.Web.Infrastructure.Mediation;

/// <summary>
/// Marks a request anyone may send (the candidate portal, which proves itself with a secret link instead of a
/// role). Declared explicitly so a forgotten [RequiresRole] fails closed instead of making a request public.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true, AllowMultiple = false)]
public sealed class PublicAttribute : Attribute;
