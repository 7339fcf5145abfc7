namespace Inspections.Domain.Planning;

/// <summary>A daily time window; <see cref="End"/> at or before <see cref="Start"/> means it runs past midnight.</summary>
public sealed record TimeWindow(TimeOnly Start, TimeOnly End)
{
    public bool Overnight => End <= Start;

    /// <summary>Minutes from the midnight that starts the window's day.</summary>
    public int StartMinute => (Start.Hour * 60) + Start.Minute;

    /// <summary>Minutes from the same midnight as <see cref="StartMinute"/>; above 1440 when overnight.</summary>
    public int EndMinute => (End.Hour * 60) + End.Minute + (Overnight ? 1440 : 0);

    public int LengthMinutes => EndMinute - StartMinute;

    public override string ToString() => $"{Start:HH\\:mm}-{End:HH\\:mm}";
}
