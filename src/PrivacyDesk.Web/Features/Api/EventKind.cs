using System.Buffers.Text;

namespace PrivacyDesk.Web.Features.Api;

public enum EventKind
{
    Erased,
    Anonymised,
    Restricted,
}
