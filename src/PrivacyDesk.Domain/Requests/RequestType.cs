namespace PrivacyDesk.Domain.Requests;

/// <summary>The rights a data subject can exercise (product.md §2).</summary>
public enum RequestType
{
    Access,             // Art. 15
    Rectification,      // Art. 16
    Erasure,            // Art. 17
    Restriction,        // Art. 18
    Portability,        // Art. 20
    Objection,          // Art. 21
    ConsentWithdrawal,  // Art. 7(3)
}
