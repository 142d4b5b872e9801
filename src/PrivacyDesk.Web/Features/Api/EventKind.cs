using System.Buffers.Text;
using Microsoft.EntityFrameworkCore;

namespace PrivacyDesk.Web.Features.Api;

public enum EventKind
{
    Erased,
    Anonymised,
    Restricted,
}
