namespace PrivacyDesk.Domain.Requests;

public enum Channel
{
    Web,
    Email,
    Post,
    Phone,
    InPerson,
    Api,
}
