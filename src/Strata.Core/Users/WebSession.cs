namespace Strata.Core.Users;

/// <summary>A live session of the web page: its user and the token every page write must carry (CSRF).</summary>
public sealed record WebSession(User User, string CsrfToken);

/// <summary>A session just started: <paramref name="SessionId"/> goes to the browser (a cookie) and is kept nowhere else.</summary>
public sealed record StartedWebSession(string SessionId, WebSession Session, DateTimeOffset ExpiresAt);
