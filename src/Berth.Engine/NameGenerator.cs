namespace Berth.Engine;

/// <summary>
/// Names for containers created without <c>--name</c>, in docker's shape (<c>adjective_surname</c>), from word lists of
/// our own; a number is added when the plain name is taken.
/// </summary>
internal static class NameGenerator
{
    private static readonly string[] Adjectives =
    [
        "amber", "brave", "calm", "clever", "crisp", "daring", "eager", "fearless", "gentle", "glad", "happy", "humble",
        "jolly", "keen", "kind", "lively", "lucid", "merry", "nimble", "noble", "patient", "plucky", "quick", "quiet",
        "serene", "sharp", "steady", "sunny", "swift", "tender", "upbeat", "vivid", "warm", "wise", "witty", "zealous",
    ];

    private static readonly string[] Surnames =
    [
        "agnesi", "babbage", "bohr", "cannon", "curie", "darwin", "dirac", "euler", "faraday", "fermi", "franklin",
        "galois", "gauss", "hamilton", "hopper", "hypatia", "johnson", "kepler", "lamarr", "lovelace", "maxwell",
        "meitner", "mendel", "noether", "pascal", "payne", "ramanujan", "ride", "sagan", "shannon", "somerville",
        "tesla", "turing", "wu", "yalow", "zuse",
    ];

    /// <summary>A name <paramref name="taken"/> does not hold.</summary>
    public static string Next(Func<string, bool> taken)
    {
        for (int attempt = 0; ; attempt++)
        {
            string name = $"{Adjectives[Random.Shared.Next(Adjectives.Length)]}_{Surnames[Random.Shared.Next(Surnames.Length)]}";
            if (attempt > 10)
            {
                name += Random.Shared.Next(10);
            }

            if (!taken(name))
            {
                return name;
            }
        }
    }
}
