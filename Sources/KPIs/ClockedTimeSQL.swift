/// The SQL shared by the reports and the KPIs that count time on site, as CTEs to follow a
/// `WITH period AS (SELECT … AS from_day, … AS to_day)` that the query binds.
///
/// Clock events are paired with the technician's next event: time after `in` or `break_end` is
/// work, time after `break_start` is a break; time after `out` is not counted. A day is the site's
/// local calendar day of the event that opens the interval.
public enum ClockedTimeSQL {
    /// `clocked_days(technician_id, site_id, day, first_in, last_out, worked_hours, break_hours)`,
    /// first_in and last_out as the site's wall clock.
    public static let clockedDays = """
        clock_events AS (
            SELECT e.technician_id, e.site_id, e.kind, e.at, s.time_zone,
                   (e.at AT TIME ZONE s.time_zone)::date AS day,
                   lead(e.at) OVER (PARTITION BY e.technician_id ORDER BY e.at) AS next_at
            FROM time_clock_entries e JOIN sites s ON s.id = e.site_id
            WHERE e.at >= (SELECT from_day FROM period) - interval '1 day'
              AND e.at < (SELECT to_day FROM period) + interval '2 days'
        ),
        clocked_days AS (
            SELECT technician_id, site_id, day,
                   min(at) FILTER (WHERE kind = 'in') AT TIME ZONE min(time_zone) AS first_in,
                   max(at) FILTER (WHERE kind = 'out') AT TIME ZONE min(time_zone) AS last_out,
                   (coalesce(sum(extract(epoch FROM next_at - at)) FILTER (WHERE kind IN ('in', 'break_end')), 0) / 3600)::float8 AS worked_hours,
                   (coalesce(sum(extract(epoch FROM next_at - at)) FILTER (WHERE kind = 'break_start'), 0) / 3600)::float8 AS break_hours
            FROM clock_events
            WHERE day BETWEEN (SELECT from_day FROM period) AND (SELECT to_day FROM period)
            GROUP BY technician_id, site_id, day
        )
        """
}
