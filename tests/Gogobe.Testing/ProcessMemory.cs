namespace Gogobe.Testing;

/// <summary>A process's resident memory as Linux reports it in <c>/proc/&lt;pid&gt;/status</c>, in MiB.</summary>
public static class ProcessMemory
{
    /// <summary>Resident memory now (<c>VmRSS</c>).</summary>
    public static double ResidentMiB(int pid) => Field(pid, "VmRSS:");

    /// <summary>The highest resident memory since the process started (<c>VmHWM</c>).</summary>
    public static double PeakMiB(int pid) => Field(pid, "VmHWM:");

    private static double Field(int pid, string name)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith(name, StringComparison.Ordinal))
            {
                var kb = long.Parse(line[name.Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
                return kb / 1024.0;
            }
        }

        throw new InvalidOperationException($"/proc/{pid}/status has no {name}");
    }
}
