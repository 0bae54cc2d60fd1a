using System.Security.Cryptography;
using System.Text;

namespace IOC.Access.Store;

/// <summary>
/// Keys, tokens, pairing codes and device secrets: random, shown once, stored only as SHA-256 (a long random secret
/// needs no slow hash: nothing can be guessed from its digest), compared in fixed time.
/// </summary>
public static class Secrets
{
    /// <summary>"ioc_pk_" + 32 random bytes, base64url: the prefix tells a leaked secret's kind to secret scanners and people.</summary>
    public static string New(string prefix) => prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>A pairing code a person can type on a TV remote: 10 letters and digits without look-alikes, shown as XXXXX-XXXXX.</summary>
    public static string PairingCode()
    {
        const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        var chars = new char[10];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return new string(chars, 0, 5) + "-" + new string(chars, 5, 5);
    }

    /// <summary>A pairing code as typed: case, spaces and dashes do not matter.</summary>
    public static string NormalizeCode(string code) => new([.. code.ToUpperInvariant().Where(char.IsLetterOrDigit)]);

    public static string Digest(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static bool SameDigest(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));

    /// <summary>A password that satisfies the account rules: 20 characters of every class.</summary>
    public static string Password()
    {
        const string Lower = "abcdefghijkmnpqrstuvwxyz", Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", Digits = "23456789", Symbols = "!#%+=?@";
        var all = Lower + Upper + Digits + Symbols;
        var chars = new List<char>
        {
            Lower[RandomNumberGenerator.GetInt32(Lower.Length)], Upper[RandomNumberGenerator.GetInt32(Upper.Length)],
            Digits[RandomNumberGenerator.GetInt32(Digits.Length)], Symbols[RandomNumberGenerator.GetInt32(Symbols.Length)],
        };
        while (chars.Count < 20)
        {
            chars.Add(all[RandomNumberGenerator.GetInt32(all.Length)]);
        }

        return new string([.. chars.OrderBy(_ => RandomNumberGenerator.GetInt32(int.MaxValue))]);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
