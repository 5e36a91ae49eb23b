// The Gantt's geometry, a pure function of the records: which days the chart spans, where each
// bar starts and how wide it is, and how a drag of some pixels moves dates. No DOM here.

const DAY = 86_400_000;

/** A date-only value (`2026-12-03`) is a whole local day; a timestamp is an instant. */
const isDateOnly = (value) => /^\d{4}-\d{2}-\d{2}$/.test(value);

/** Local midnight of the day `value` falls on. */
export function startOfDay(value) {
  const at = isDateOnly(value) ? new Date(`${value}T00:00:00`) : new Date(value);
  return new Date(at.getFullYear(), at.getMonth(), at.getDate());
}

/** The instant a value starts at, and the instant it ends at (a date-only end covers its whole day). */
const instantOf = (value, isEnd) => (isDateOnly(value) ? startOfDay(value).getTime() + (isEnd ? DAY : 0) : new Date(value).getTime());

/** Whole days between two local midnights, immune to daylight-saving hours. */
const daysBetween = (from, to) => Math.round((startOfDay(to.toISOString()) - startOfDay(from.toISOString())) / DAY);

/**
 * Lays out `items` ({id, start, end}: ISO dates or timestamps; items without a start are left out)
 * on a day grid `dayWidth` pixels wide, with `padding` days either side and at least `minimumDays`.
 * @returns {{origin: Date, days: number, width: number, bars: Map<string, {x: number, width: number}>, ticks: {x: number, date: Date}[]}}
 */
export function layout(items, { dayWidth = 40, padding = 2, minimumDays = 14, today = new Date() } = {}) {
  const placed = items.filter((item) => item.start);
  const starts = placed.map((item) => instantOf(item.start, false));
  const ends = placed.map((item) => instantOf(item.end ?? item.start, true));
  const first = startOfDay(new Date(Math.min(today.getTime(), ...starts)).toISOString());
  const origin = new Date(first.getFullYear(), first.getMonth(), first.getDate() - padding);
  const last = new Date(Math.max(today.getTime(), ...ends));
  const days = Math.max(minimumDays, daysBetween(origin, last) + 1 + padding);
  const x = (instant) => ((instant - origin.getTime()) / DAY) * dayWidth;
  const bars = new Map(placed.map((item, index) => {
    const left = x(starts[index]);
    return [item.id, { x: left, width: Math.max(dayWidth / 4, x(Math.max(ends[index], starts[index])) - left) }];
  }));
  const ticks = Array.from({ length: days }, (_, i) => {
    const date = new Date(origin.getFullYear(), origin.getMonth(), origin.getDate() + i);
    return { x: i * dayWidth, date };
  });
  return { origin, days, width: days * dayWidth, bars, ticks };
}

/**
 * One day's hours for the dispatch board: from `firstHour` to `lastHour` of local `day`
 * (`2026-12-03`), `hourWidth` pixels an hour. `place(start, end)` gives a bar's {x, width}, clipped
 * to the day; `startAt(minutes)` the instant `minutes` after the day's midnight.
 */
export function dayTimeline(day, { firstHour = 6, lastHour = 20, hourWidth = 64 } = {}) {
  const midnight = startOfDay(day);
  const minuteWidth = hourWidth / 60;
  const minutesOf = (value) => (new Date(value).getTime() - midnight.getTime()) / 60_000;
  const clip = (minutes) => Math.min(Math.max(minutes, firstHour * 60), lastHour * 60);
  return {
    width: (lastHour - firstHour) * hourWidth,
    ticks: Array.from({ length: lastHour - firstHour }, (_, i) => ({ x: i * hourWidth, hour: firstHour + i })),
    place(start, end) {
      const from = clip(minutesOf(start));
      const to = clip(minutesOf(end ?? start));
      return { x: (from - firstHour * 60) * minuteWidth, width: Math.max(hourWidth / 4, (to - from) * minuteWidth) };
    },
    minutesOf,
    startAt: (minutes) => new Date(midnight.getFullYear(), midnight.getMonth(), midnight.getDate(), 0, minutes).toISOString(),
  };
}

/** `value` moved by `days`: a date stays a date, a timestamp keeps its local time of day. */
export function shifted(value, days) {
  if (!value) return value;
  if (isDateOnly(value)) {
    const moved = new Date(Date.UTC(...value.split('-').map((part, i) => Number(part) - (i === 1 ? 1 : 0))) + days * DAY);
    return moved.toISOString().slice(0, 10);
  }
  const at = new Date(value);
  at.setDate(at.getDate() + days);
  return at.toISOString();
}
