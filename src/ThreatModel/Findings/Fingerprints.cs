using System.Security.Cryptography;
using System.Text;

namespace ThreatModel.Findings;

/// <summary>Stable fingerprints for findings, from the rule id and the ids involved.</summary>
public static class Fingerprints
{
    /// <summary>The first 16 bytes of SHA-256 over "rule-id/key", as lowercase hex.</summary>
    public static string Of(string ruleId, string key)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(ruleId + "/" + key), hash);
        return Convert.ToHexStringLower(hash[..16]);
    }
}
