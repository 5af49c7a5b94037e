namespace Gogobe.Contracts.Events;

/// <summary>A committed change could not be announced: the broker did not confirm it in time. The change stays committed.</summary>
public sealed class ChangeNotAnnouncedException(string message, Exception? innerException) : Exception(message, innerException);
