// The namespaces nearly every slice needs (MediatR request and handler, FluentValidation validator, EF Core
// queries on the DbContext, the pipeline contracts and the request aggregate); anything rarer is imported where used.
global using FluentValidation;
global using MediatR;
global using Microsoft.EntityFrameworkCore;
global using PrivacyDesk.Domain.Common;
global using PrivacyDesk.Domain.Requests;
global using PrivacyDesk.Web.Data;
global using PrivacyDesk.Web.Infrastructure.Mediation;
global using PrivacyDesk.Web.Infrastructure.Security;
