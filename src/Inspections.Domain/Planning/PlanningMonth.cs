using Inspections.Domain.Common;

namespace Inspections.Domain.Planning;

/// <summary>The calendar month a plan covers.</summary>
public readonly record struct PlanningMonth
{
    public PlanningMonth(int year, int month)
    {
        if (year is < 2000 or > 2100)
        {
            throw new DomainException("planning.month.year_range", "The planning year must be between 2000 and 2100.");
        }
        if (month is < 1 or > 12)
        {
            throw new DomainException("planning.month.month_range", "The planning month must be between 1 and 12.");
        }
        Year = year;
        Month = month;
    }

    public int Year { get; }

    public int Month { get; }

    public DateOnly FirstDay => new(Year, Month, 1);

    public int DayCount => DateTime.DaysInMonth(Year, Month);

    public DateOnly LastDay => new(Year, Month, DayCount);

    /// <summary>0, 1 or 2: the position of this month inside its quarter.</summary>
    public int MonthInQuarter => (Month - 1) % 3;

    public DateOnly QuarterStart => new(Year, Month - MonthInQuarter, 1);

    public bool Contains(DateOnly date) => date.Year == Year && date.Month == Month;

    public PlanningMonth Next() => Month == 12 ? new(Year + 1, 1) : new(Year, Month + 1);

    public override string ToString() => $"{Year:D4}-{Month:D2}";
}
