using System.Text.Json.Serialization;

namespace Aicq.Protocol;

/// <summary>
/// Source-generated JSON for the protocol's own shapes: no reflection, so a Native AOT part writes the same bytes as a JIT one.
/// </summary>
[JsonSerializable(typeof(ErrorResponse))]
public sealed partial class ProtocolJsonContext : JsonSerializerContext;
