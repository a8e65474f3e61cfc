using System.Globalization;
using System.Text;
using Berth.Core.Engine;
using Berth.Operations.Containers;
using Berth.Operations.Output;

namespace Berth.Operations.Events;

/// <summary>
/// How <c>docker events</c> prints an event: by default <c>TIME TYPE ACTION ID (key=value, …)</c> with the time in
/// the local zone to the nanosecond; with <c>--format json</c> (or <c>{{json .}}</c>) docker's event message as JSON;
/// with another template, that template over the message's Go fields (<c>.Type</c>, <c>.Action</c>, <c>.Actor.ID</c>,
/// <c>.Actor.Attributes</c>, <c>.Time</c>, <c>.TimeNano</c>, <c>.Status</c>, <c>.ID</c>, <c>.From</c>, <c>.Scope</c>).
/// </summary>
internal sealed class EventFormat
{
    private readonly InspectTemplate? _template;
    private readonly bool _json;

    private EventFormat(InspectTemplate? template, bool json)
    {
        _template = template;
        _json = json;
    }

    /// <summary>The format of <c>--format</c>; a <see cref="ClientException"/> (exit 64, as docker) for a template that does not parse.</summary>
    public static EventFormat Parse(string? format)
    {
        string text = format?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            return new EventFormat(null, json: false);
        }

        if (text is "json" or "{{json .}}")
        {
            return new EventFormat(null, json: true);
        }

        try
        {
            return new EventFormat(InspectTemplate.Parse(format!), json: false);
        }
        catch (ClientException ex)
        {
            throw new ClientException("Error parsing format: " + ex.Message.Replace("template parsing error: ", string.Empty, StringComparison.Ordinal), 64);
        }
    }

    /// <summary>One event as a line, without its newline.</summary>
    public string Render(EngineEvent e)
        => _json ? Json(e) : _template is { } template ? template.Execute(TemplateData(e)) : Line(e);

    /// <summary>docker's default line.</summary>
    public static string Line(EngineEvent e)
    {
        var line = new StringBuilder(Timestamp(e.Time)).Append(' ').Append(e.Type).Append(' ').Append(e.Action).Append(' ').Append(e.ActorId);
        if (e.Attributes.Count > 0)
        {
            line.Append(" (").AppendJoin(", ", e.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={a.Value}")).Append(')');
        }

        return line.ToString();
    }

    /// <summary>Go's RFC3339Nano with all nine digits, in the local zone (<c>Z</c> when that is UTC), as docker prints event times.</summary>
    public static string Timestamp(DateTimeOffset time)
    {
        var local = TimeZoneInfo.ConvertTime(time, TimeZoneInfo.Local);
        string zone = TimeZoneInfo.Local.HasSameRules(TimeZoneInfo.Utc) ? "Z" : local.ToString("zzz", CultureInfo.InvariantCulture);
        return local.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture) + "00" + zone;
    }

    // The legacy fields (status, id, from) that dockerd still fills for containers and images.
    private static bool HasLegacyFields(EngineEvent e) => e.Type is EngineEventTypes.Container or EngineEventTypes.Image;

    private static SortedDictionary<string, object?> TemplateData(EngineEvent e)
    {
        bool legacy = HasLegacyFields(e);
        return new SortedDictionary<string, object?>(StringComparer.Ordinal)
        {
            ["Status"] = legacy ? e.Action : string.Empty,
            ["ID"] = legacy ? e.ActorId : string.Empty,
            ["From"] = legacy ? e.Attributes.GetValueOrDefault("image", string.Empty) : string.Empty,
            ["Type"] = e.Type,
            ["Action"] = e.Action,
            ["Actor"] = new SortedDictionary<string, object?>(StringComparer.Ordinal) { ["ID"] = e.ActorId, ["Attributes"] = new AttributeMap(e.Attributes) },
            ["Scope"] = "local",
            ["Time"] = new GoNumber((e.TimeNano / 1_000_000_000).ToString(CultureInfo.InvariantCulture)),
            ["TimeNano"] = new GoNumber(e.TimeNano.ToString(CultureInfo.InvariantCulture)),
        };
    }

    /// <summary>docker's event message as Go encodes it: fields in the struct's order, empty legacy fields left out, attributes sorted.</summary>
    public static string Json(EngineEvent e)
    {
        var json = new StringBuilder("{");
        if (HasLegacyFields(e))
        {
            json.Append("\"status\":").Append(GoJson.String(e.Action)).Append(",\"id\":").Append(GoJson.String(e.ActorId)).Append(',');
            if (e.Attributes.GetValueOrDefault("image") is { Length: > 0 } from)
            {
                json.Append("\"from\":").Append(GoJson.String(from)).Append(',');
            }
        }

        json.Append("\"Type\":").Append(GoJson.String(e.Type)).Append(",\"Action\":").Append(GoJson.String(e.Action))
            .Append(",\"Actor\":{\"ID\":").Append(GoJson.String(e.ActorId)).Append(",\"Attributes\":").Append(GoJson.Object(e.Attributes))
            .Append("},\"scope\":\"local\",\"time\":").Append((e.TimeNano / 1_000_000_000).ToString(CultureInfo.InvariantCulture))
            .Append(",\"timeNano\":").Append(e.TimeNano.ToString(CultureInfo.InvariantCulture)).Append('}');
        return json.ToString();
    }
}
