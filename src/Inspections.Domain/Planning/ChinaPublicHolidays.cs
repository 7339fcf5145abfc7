namespace Inspections.Domain.Planning;

/// <summary>
/// China's statutory holidays and make-up working days (调休上班) for 2026, from the State Council General
/// Office notice of 4 November 2025 (国务院办公厅关于2026年部分节假日安排的通知). Other years go in <see cref="PlanningSettings"/>.
/// </summary>
public static class ChinaPublicHolidays
{
    public static IReadOnlyList<DateOnly> Holidays2026 { get; } =
    [
        .. Range(new DateOnly(2026, 1, 1), 3),
        .. Range(new DateOnly(2026, 2, 15), 9),
        .. Range(new DateOnly(2026, 4, 4), 3),
        .. Range(new DateOnly(2026, 5, 1), 5),
        .. Range(new DateOnly(2026, 6, 19), 3),
        .. Range(new DateOnly(2026, 9, 25), 3),
        .. Range(new DateOnly(2026, 10, 1), 7),
    ];

    public static IReadOnlyList<DateOnly> MakeUpWorkingDays2026 { get; } =
    [
        new(2026, 1, 4),
        new(2026, 2, 14),
        new(2026, 2, 28),
        new(2026, 5, 9),
        new(2026, 9, 20),
        new(2026, 10, 10),
    ];

    private static IEnumerable<DateOnly> Range(DateOnly first, int days) =>
        Enumerable.Range(0, days).Select(first.AddDays);
}
