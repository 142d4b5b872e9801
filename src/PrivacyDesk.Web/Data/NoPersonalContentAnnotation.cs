using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PrivacyDesk.Web.Data;

/// <summary>Marks an entity that carries a CandidateId but no readable personal data (ids and counts only).</summary>
public sealed record NoPersonalContentAnnotation(string Why);
