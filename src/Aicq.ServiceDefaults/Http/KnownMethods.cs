namespace Aicq.ServiceDefaults.Http;

/// <summary>
/// The HTTP methods of RFC 9110 (and PATCH), the only ones a metric label or a forwarded request may carry: a method
/// is any token a client likes, so labelling by it would let anyone add series without bound.
/// </summary>
public static class KnownMethods
{
    /// <summary>The label of every method outside the known set.</summary>
    public const string Other = "OTHER";

    /// <summary>The canonical (upper-case) name of a known method, or null. Case-insensitive, as routing is.</summary>
    public static string? Find(string method) => method switch
    {
        _ when HttpMethods.IsGet(method) => HttpMethods.Get,
        _ when HttpMethods.IsPost(method) => HttpMethods.Post,
        _ when HttpMethods.IsPut(method) => HttpMethods.Put,
        _ when HttpMethods.IsDelete(method) => HttpMethods.Delete,
        _ when HttpMethods.IsPatch(method) => HttpMethods.Patch,
        _ when HttpMethods.IsHead(method) => HttpMethods.Head,
        _ when HttpMethods.IsOptions(method) => HttpMethods.Options,
        _ when HttpMethods.IsTrace(method) => HttpMethods.Trace,
        _ when HttpMethods.IsConnect(method) => HttpMethods.Connect,
        _ => null,
    };

    /// <summary>A label from the closed set: the known method's name, else <see cref="Other"/>.</summary>
    public static string Label(string method) => Find(method) ?? Other;
}
