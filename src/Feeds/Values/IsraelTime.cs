using System.Collections.Concurrent;

namespace Gogobe.Feeds.Values;

/// <summary>
/// Dates and times as the feeds write them, all Israel local time (Asia/Jerusalem), turned into UTC instants.
/// Reads <c>yyyy-MM-dd[ HH:mm[:ss[.fff]]]</c>, <c>yyyy/MM/dd …</c>, <c>dd/MM/yyyy …</c>, <c>dd/MM/yy</c>,
/// ISO with <c>T</c> and milliseconds, and compact <c>yyyyMMddHHmm[ss]</c>.
/// Placeholder dates before 1970 (<c>1899-12-30</c>, <c>01/01/0001</c>) read as missing.
/// </summary>
internal static class IsraelTime
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Jerusalem");

    /// <summary>UTC offset of each whole day (ticks), or <see cref="long.MinValue"/> on the days the clocks change.</summary>
    private static readonly ConcurrentDictionary<int, long> DayOffsets = new();

    public static DateTimeOffset? Parse(string? date, string? time = null)
    {
        if (string.IsNullOrWhiteSpace(date))
        {
            return null;
        }

        if (!TryParseDate(date.AsSpan().Trim(), out var day, out var rest))
        {
            return null;
        }

        var timeText = rest.Trim();
        if (timeText.IsEmpty && time is not null)
        {
            timeText = time.AsSpan().Trim();
        }

        if (!TryParseTime(timeText, out var timeOfDay))
        {
            return null;
        }

        return ToUtc(day.Add(timeOfDay));
    }

    public static DateTimeOffset? FromCompact(ReadOnlySpan<char> digits)
    {
        if (digits.Length is not (8 or 12 or 14) || !AllDigits(digits))
        {
            return null;
        }

        var year = Number(digits[..4]);
        var month = Number(digits[4..6]);
        var day = Number(digits[6..8]);
        var hour = digits.Length >= 12 ? Number(digits[8..10]) : 0;
        var minute = digits.Length >= 12 ? Number(digits[10..12]) : 0;
        var second = digits.Length == 14 ? Number(digits[12..14]) : 0;
        if (!Valid(year, month, day) || hour > 23 || minute > 59 || second > 59 || year < 1970)
        {
            return null;
        }

        return ToUtc(new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified));
    }

    public static DateTimeOffset ToUtc(DateTime local)
    {
        var day = (int)(local.Ticks / TimeSpan.TicksPerDay);
        if (!DayOffsets.TryGetValue(day, out var offset))
        {
            var midnight = new DateTime(local.Ticks - (local.Ticks % TimeSpan.TicksPerDay), DateTimeKind.Unspecified);
            var early = Zone.GetUtcOffset(midnight);
            var late = Zone.GetUtcOffset(midnight.AddDays(1).AddTicks(-1));
            offset = early == late && !Zone.IsAmbiguousTime(midnight) ? early.Ticks : long.MinValue;
            if (DayOffsets.Count < 100_000)
            {
                DayOffsets[day] = offset;
            }
        }

        if (offset == long.MinValue)
        {
            if (Zone.IsInvalidTime(local))
            {
                local = local.AddHours(1);
            }

            offset = Zone.GetUtcOffset(local).Ticks;
        }

        return new DateTimeOffset(local.Ticks - offset, TimeSpan.Zero);
    }

    private static bool TryParseDate(ReadOnlySpan<char> s, out DateTime day, out ReadOnlySpan<char> rest)
    {
        day = default;
        rest = default;
        if (s.Length < 8)
        {
            return false;
        }

        int year, month, dd, used;
        if (s.Length >= 10 && IsDigits(s, 0, 4) && s[4] is '-' or '/' && IsDigits(s, 5, 2) && s[7] == s[4] && IsDigits(s, 8, 2))
        {
            (year, month, dd, used) = (Number(s[..4]), Number(s[5..7]), Number(s[8..10]), 10);
        }
        else if (IsDigits(s, 0, 2) && s[2] is '/' or '.' or '-' && IsDigits(s, 3, 2) && s[5] == s[2])
        {
            if (s.Length >= 10 && IsDigits(s, 6, 4))
            {
                (year, month, dd, used) = (Number(s[6..10]), Number(s[3..5]), Number(s[..2]), 10);
            }
            else if (IsDigits(s, 6, 2) && (s.Length == 8 || !char.IsDigit(s[8])))
            {
                (year, month, dd, used) = (2000 + Number(s[6..8]), Number(s[3..5]), Number(s[..2]), 8);
            }
            else
            {
                return false;
            }
        }
        else if (IsDigits(s, 0, 8) && (s.Length == 8 || !char.IsDigit(s[8])))
        {
            (year, month, dd, used) = (Number(s[..4]), Number(s[4..6]), Number(s[6..8]), 8);
        }
        else
        {
            return false;
        }

        if (!Valid(year, month, dd) || year < 1970)
        {
            return false;
        }

        day = new DateTime(year, month, dd, 0, 0, 0, DateTimeKind.Unspecified);
        rest = s[used..];
        if (!rest.IsEmpty && rest[0] is 'T' or 't')
        {
            rest = rest[1..];
        }

        return true;
    }

    private static bool TryParseTime(ReadOnlySpan<char> s, out TimeSpan time)
    {
        time = TimeSpan.Zero;
        if (s.IsEmpty)
        {
            return true;
        }

        if (s.Length < 4 || !IsDigits(s, 0, 2) || s[2] != ':' || !IsDigits(s, 3, 2))
        {
            return false;
        }

        var hour = Number(s[..2]);
        var minute = Number(s[3..5]);
        var second = 0;
        var ticks = 0L;
        if (s.Length >= 8 && s[5] == ':' && IsDigits(s, 6, 2))
        {
            second = Number(s[6..8]);
            if (s.Length > 9 && s[8] is '.' or ',')
            {
                var fraction = s[9..];
                var scale = TimeSpan.TicksPerSecond / 10;
                for (var i = 0; i < fraction.Length && char.IsAsciiDigit(fraction[i]) && scale > 0; i++, scale /= 10)
                {
                    ticks += (fraction[i] - '0') * scale;
                }
            }
        }

        if (hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        time = new TimeSpan(hour, minute, second).Add(TimeSpan.FromTicks(ticks));
        return true;
    }

    private static bool Valid(int year, int month, int day) =>
        year is >= 1 and <= 9999 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);

    private static bool IsDigits(ReadOnlySpan<char> s, int start, int count) =>
        s.Length >= start + count && AllDigits(s.Slice(start, count));

    private static bool AllDigits(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static int Number(ReadOnlySpan<char> digits)
    {
        var n = 0;
        foreach (var c in digits)
        {
            n = (n * 10) + (c - '0');
        }

        return n;
    }
}
