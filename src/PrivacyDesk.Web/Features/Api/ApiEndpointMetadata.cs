using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Npgsql;

namespace PrivacyDesk.Web.Features.Api;

/// <summary>Marks the API's endpoints so the authorization result handler answers them with problem details.</summary>
public sealed class ApiEndpointMetadata;
