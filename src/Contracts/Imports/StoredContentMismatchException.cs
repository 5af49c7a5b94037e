namespace Gogobe.Contracts.Imports;

/// <summary>A stored file's bytes do not hash to the import id that names them.</summary>
public sealed class StoredContentMismatchException(string message) : Exception(message);
