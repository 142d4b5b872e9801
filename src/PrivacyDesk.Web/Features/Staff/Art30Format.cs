using CsvHelper;
using Microsoft.Extensions.Localization;

namespace PrivacyDesk.Web.Features.Staff;

/// <summary>How the Art. 30 record is written out.</summary>
public enum Art30Format
{
    /// <summary>RFC 4180: comma-separated, ISO dates, machine-readable column names.</summary>
    Csv,

    /// <summary>For Excel with Belgian regional settings: semicolon-separated, dates dd/mm/yyyy, column titles in the staff member's language.</summary>
    ExcelBelgium,
}
