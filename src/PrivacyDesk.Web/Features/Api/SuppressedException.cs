using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Npgsql;

namespace PrivacyDesk.Web.Features.Api;

/// <summary>ER-8: a pushed person matches the suppression list (erased or objected); only the DPO may override.</summary>
public sealed class SuppressedException(string message) : Exception(message);
