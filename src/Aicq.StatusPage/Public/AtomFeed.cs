using System.Globalization;
using System.Text;
using System.Xml;
using Aicq.StatusPage.State;

namespace Aicq.StatusPage.Public;

/// <summary>
/// An Atom feed of the incidents on the page (open and resolved in the last 14 days), newest change first. Stored text
/// is cleaned on the way in (<see cref="Incidents.StoredText"/>), and again here: one entry stored before that, with a
/// character XML cannot carry, would otherwise break the whole feed for as long as it lives.
/// </summary>
internal static class AtomFeed
{
    private const string Atom = "http://www.w3.org/2005/Atom";

    public static string Render(StatusSnapshot snapshot, Uri publicUrl)
    {
        var incidents = snapshot.Incidents.OrderByDescending(Updated).ToList();
        var output = new StringBuilder();
        using (var xml = XmlWriter.Create(output, new XmlWriterSettings { Indent = true, Encoding = Encoding.UTF8 }))
        {
            xml.WriteStartElement("feed", Atom);
            xml.WriteElementString("title", Atom, "AICQ status: incidents");
            xml.WriteElementString("id", Atom, new Uri(publicUrl, "feed.atom").ToString());
            Link(xml, new Uri(publicUrl, "feed.atom"), "self");
            Link(xml, publicUrl, "alternate");
            xml.WriteElementString("updated", Atom, Time(incidents.Count > 0 ? Updated(incidents[0]) : snapshot.GeneratedAt));
            xml.WriteStartElement("author", Atom);
            xml.WriteElementString("name", Atom, "AICQ status page");
            xml.WriteEndElement();
            foreach (var incident in incidents) Entry(xml, incident, publicUrl);
            xml.WriteEndElement();
        }
        // StringBuilder output is UTF-16; the declaration must name what the response is sent as.
        return output.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"");
    }

    private static void Entry(XmlWriter xml, IncidentView incident, Uri publicUrl)
    {
        var link = new Uri(publicUrl, $"#incident-{incident.Id}");
        xml.WriteStartElement("entry", Atom);
        xml.WriteElementString("id", Atom, link.ToString());
        xml.WriteElementString("title", Atom, Text($"{(incident.IsOpen ? "[Open]" : "[Resolved]")} {incident.Title}"));
        xml.WriteElementString("published", Atom, Time(incident.StartedAt));
        xml.WriteElementString("updated", Atom, Time(Updated(incident)));
        Link(xml, link, "alternate");
        xml.WriteStartElement("category", Atom);
        xml.WriteAttributeString("term", Text(incident.Component));
        xml.WriteAttributeString("label", Text(incident.ComponentName));
        xml.WriteEndElement();
        var content = new StringBuilder($"Affects: {incident.ComponentName}. Severity: {incident.Severity}.");
        foreach (var update in incident.Updates.OrderByDescending(u => u.At))
            content.Append(CultureInfo.InvariantCulture, $"\n{update.At:yyyy-MM-dd HH:mm} UTC — {update.Kind}: {update.Message}");
        xml.WriteStartElement("content", Atom);
        xml.WriteAttributeString("type", "text");
        xml.WriteString(Text(content.ToString()));
        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    private static DateTimeOffset Updated(IncidentView incident) =>
        incident.Updates.Count > 0 ? incident.Updates.Max(u => u.At) : incident.ResolvedAt ?? incident.StartedAt;

    private static void Link(XmlWriter xml, Uri href, string rel)
    {
        xml.WriteStartElement("link", Atom);
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("href", href.ToString());
        xml.WriteEndElement();
    }

    /// <summary>Only characters XML 1.0 allows (surrogate pairs kept whole); anything else becomes U+FFFD.</summary>
    private static string Text(string value)
    {
        var clean = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (i + 1 < value.Length && XmlConvert.IsXmlSurrogatePair(value[i + 1], value[i])) clean.Append(value, i++, 2);
            else clean.Append(XmlConvert.IsXmlChar(value[i]) ? value[i] : '\uFFFD');
        }
        return clean.ToString();
    }

    private static string Time(DateTimeOffset value) => XmlConvert.ToString(value.ToUniversalTime().DateTime, XmlDateTimeSerializationMode.Utc);
}
