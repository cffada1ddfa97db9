using System.Globalization;
using System.Text;
using ThreatModel.Formats.Tree;

namespace ThreatModel.Formats.Import;

/// <summary>Small readings shared by the importers: field look-ups on the node tree, ids from names, and the naming heuristics of docs/import.md.</summary>
internal static class ImportText
{
    /// <summary>The value of a field of a mapping, or null when the node is not a mapping or has no such field.</summary>
    public static DesignNode? Field(DesignNode? node, string key) =>
        node is MappingNode { Invalid: false } mapping ? mapping.Find(key)?.Value : null;

    /// <summary>The text of a scalar field (numbers and booleans as written), or null when absent, null or not a scalar.</summary>
    public static string? Text(DesignNode? node, string key) => Text(Field(node, key));

    /// <summary>The text of a scalar, or null when it is null or not a scalar.</summary>
    public static string? Text(DesignNode? node) =>
        node is ScalarNode { IsNull: false, Invalid: false } scalar ? scalar.Value : null;

    /// <summary>True when the field is the boolean true.</summary>
    public static bool True(DesignNode? node, string key) =>
        Field(node, key) is ScalarNode { Quoted: false, Invalid: false } scalar && ScalarValues.IsBoolean(scalar.Value, out var value) && value;

    /// <summary>The entries of a list field, or none.</summary>
    public static IReadOnlyList<DesignNode> List(DesignNode? node, string key) =>
        Field(node, key) is SequenceNode { Invalid: false } list ? list.Items : [];

    /// <summary>
    /// An id made from a name: lower case letters and digits, other runs of characters as one hyphen
    /// ("Web Shop (EU)" is "web-shop-eu"); empty when the name has no letter or digit. Accents are dropped.
    /// </summary>
    public static string Slug(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
            return string.Empty;
        var decomposed = name.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(Math.Min(decomposed.Length, 64));
        var hyphen = false;
        foreach (var c in decomposed)
        {
            if (builder.Length >= 60)
                break;
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
                continue;
            if (char.IsAsciiLetterOrDigit(c))
            {
                if (hyphen && builder.Length > 0)
                    builder.Append('-');
                hyphen = false;
                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                hyphen = true;
            }
        }

        return builder.ToString();
    }

    /// <summary>A name on one line: line breaks and runs of spaces become one space.</summary>
    public static string OneLine(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text.Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space && builder.Length > 0)
                builder.Append(' ');
            space = false;
            builder.Append(c);
        }

        return builder.ToString();
    }

    // Names of legal orders: a trust boundary named like one of these is a jurisdiction, not an organization.
    private static readonly HashSet<string> JurisdictionWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "eu", "eea", "european-union", "europe", "us", "usa", "united-states", "uk", "united-kingdom", "gb", "cn", "china",
        "prc", "in", "india", "ru", "russia", "br", "brazil", "ca", "canada", "au", "australia", "jp", "japan", "ch",
        "switzerland", "de", "germany", "fr", "france", "nl", "netherlands", "ie", "ireland", "sg", "singapore", "kr",
        "south-korea", "za", "south-africa", "hk", "hong-kong", "apac", "emea", "latam", "mx", "mexico", "es", "spain",
        "it", "italy", "se", "sweden", "pl", "poland", "be", "belgium", "at", "austria", "dk", "denmark", "fi", "finland",
        "no", "norway", "tr", "turkey", "il", "israel", "ae", "uae",
    };

    private static readonly string[] JurisdictionMarkers = ["jurisdiction", "country", "region"];

    /// <summary>
    /// True when a boundary's name names a legal order: a country or region ("EU", "Germany", "US"), alone or followed
    /// or preceded by "region", "jurisdiction", "country" ("EU region", "Jurisdiction: China"), or with one of those words.
    /// Cloud regions such as "eu-west-1" count too: data there is under that law.
    /// </summary>
    public static bool NamesJurisdiction(string name)
    {
        var slug = Slug(name);
        if (slug.Length == 0)
            return false;
        if (JurisdictionWords.Contains(slug))
            return true;
        var words = slug.Split('-');
        foreach (var marker in JurisdictionMarkers)
        {
            if (Array.IndexOf(words, marker) >= 0)
                return true;
        }

        // A cloud region: eu-west-1, us-east-2, ap-southeast-1.
        return words.Length == 3 && words[0].Length == 2 && int.TryParse(words[2], NumberStyles.None, CultureInfo.InvariantCulture, out _)
            && words[1] is "west" or "east" or "north" or "south" or "central" or "southeast" or "northeast" or "southwest" or "northwest";
    }

    private static readonly HashSet<string> OpenZoneWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "internet", "public", "untrusted", "outside", "world", "wan", "user", "users", "client", "clients", "browser", "browsers", "device", "devices", "customer", "customers",
    };

    /// <summary>
    /// True when a boundary's name says it is no one's premises but the open network or the users' side ("Internet",
    /// "Public network", "Untrusted zone", "User devices"): elements there belong to no organization through it.
    /// </summary>
    public static bool NamesOpenZone(string name)
    {
        foreach (var word in Slug(name).Split('-'))
        {
            if (OpenZoneWords.Contains(word))
                return true;
        }

        return false;
    }

    // Protocols that encrypt on the wire: a flow over one of them is read as encryptedInTransit.
    private static readonly HashSet<string> EncryptingProtocols = new(StringComparer.OrdinalIgnoreCase)
    {
        "https", "tls", "ssl", "mtls", "sftp", "ssh", "ftps", "wss", "smtps", "imaps", "ldaps", "ipsec", "vpn", "grpcs",
        "http2-tls", "quic", "http3", "amqps", "mqtts", "jdbc-tls", "postgres-tls",
    };

    /// <summary>True when a protocol name says the flow is encrypted on the wire (HTTPS, TLS, SSH, SFTP, WSS, ...; "HTTP over TLS" too).</summary>
    public static bool Encrypts(string protocol)
    {
        var slug = Slug(protocol);
        if (EncryptingProtocols.Contains(slug))
            return true;
        foreach (var word in slug.Split('-'))
        {
            if (word is "tls" or "ssl" or "https" or "mtls" or "ssh" or "sftp" or "wss" or "encrypted")
                return true;
        }

        return false;
    }
}
