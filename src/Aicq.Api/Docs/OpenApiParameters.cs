using System.Globalization;
using Aicq.Api.Signing;
using Aicq.Protocol;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Aicq.Api.Docs;

/// <summary>
/// Handlers take ids and paging values as strings so that bad input gets the protocol's 400, not the
/// framework's; this puts their real types and bounds back into the OpenAPI document, and documents
/// the signature headers on signed operations, so clients and fuzzers read the true contract.
/// </summary>
internal sealed class OpenApiParameters : IOpenApiOperationTransformer
{
    private static readonly Dictionary<string, Func<OpenApiSchema>> Known = new()
    {
        ["id"] = Uuid,
        ["recipient"] = Uuid,
        ["room"] = Uuid,
        ["msgID"] = () => new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^[0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{26}$", Description = "ULID" },
        ["before"] = () => Integer(0, null, "Unix milliseconds, exclusive"),
        ["after"] = () => Integer(0, null, "Unix milliseconds, exclusive"),
        ["offset"] = () => Integer(0, null, null),
        ["q"] = () => new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = 100 },
    };

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>())
        {
            if (parameter.Name is null) continue;
            if (parameter.Name == "limit") parameter.Schema = Integer(1, LimitMaximum(context), "values above the maximum are clamped");
            else if (Known.TryGetValue(parameter.Name, out var schema)) parameter.Schema = schema();
            if (parameter.In == ParameterLocation.Path || parameter.Name == "q") parameter.Required = true;
        }
        var signature = context.Description.ActionDescriptor.EndpointMetadata.OfType<RequiresSignature>().FirstOrDefault();
        if (signature is not null)
        {
            operation.Parameters ??= [];
            foreach (var header in ProtocolHeaders.Signing)
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = header,
                    In = ParameterLocation.Header,
                    Required = !signature.Optional,
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                    Description = "Request signature; see /docs",
                });
        }
        return Task.CompletedTask;
    }

    private static int LimitMaximum(OpenApiOperationTransformerContext context) => context.Description.RelativePath switch
    {
        "room/{id}" => 200,
        _ => 100,
    };

    private static OpenApiSchema Uuid() => new() { Type = JsonSchemaType.String, Format = "uuid" };

    private static OpenApiSchema Integer(long minimum, long? maximum, string? description) => new()
    {
        Type = JsonSchemaType.Integer,
        Format = "int64",
        Minimum = minimum.ToString(CultureInfo.InvariantCulture),
        Maximum = maximum?.ToString(CultureInfo.InvariantCulture),
        Description = description,
    };
}
