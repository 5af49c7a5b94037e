namespace Gogobe.Feeds.Model;

/// <summary>
/// The file's XML header and its name give different ids for its chain or store; <paramref name="Used"/> is the one
/// taken: the valid one (a chain id has 13 digits; a store id is a number other than 0), the header's when both are.
/// </summary>
/// <param name="Field"><c>chain</c> or <c>store</c>.</param>
public sealed record IdentityDisagreement(string Field, string InHeader, string InName, string Used);
