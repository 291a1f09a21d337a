using System.Security;
using Aicq.StatusPage.State;

namespace Aicq.StatusPage.Public;

/// <summary>A flat two-part badge ("AICQ API | operational") drawn here, with the state in words and in the title.</summary>
internal static class BadgeSvg
{
    // Verdana 11 px averages about 6.6 px per character; badges need not be pixel-exact.
    private static int Width(string text) => (int)Math.Ceiling(text.Length * 6.6) + 12;

    public static string Colour(ComponentState state) => state switch
    {
        ComponentState.Operational => "#2e7d32",
        ComponentState.Degraded => "#a35200",
        ComponentState.Outage => "#c62828",
        ComponentState.Maintenance => "#1f5fa8",
        _ => "#5f6368",
    };

    public static string Render(string label, ComponentState state)
    {
        var message = state.Text().ToLowerInvariant();
        var left = Width(label);
        var right = Width(message);
        var total = left + right;
        var title = Escape($"{label}: {message}");
        var labelText = Escape(label);
        var messageText = Escape(message);
        return $"""
            <svg xmlns="http://www.w3.org/2000/svg" width="{total}" height="20" role="img" aria-label="{title}">
              <title>{title}</title>
              <rect width="{left}" height="20" fill="#444"/>
              <rect x="{left}" width="{right}" height="20" fill="{Colour(state)}"/>
              <g fill="#fff" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11" text-anchor="middle">
                <text x="{left / 2.0:0.#}" y="14">{labelText}</text>
                <text x="{left + right / 2.0:0.#}" y="14">{messageText}</text>
              </g>
            </svg>
            """;
    }

    private static string Escape(string text) => SecurityElement.Escape(text) ?? "";
}
