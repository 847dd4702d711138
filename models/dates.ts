/**
 * Strict dates from clients: a real calendar day (no 2024-02-30) within the years the platform
 * can hold (no year 0000), so that a bad date is a 400 in Chinese, never a database error.
 */
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2}))$/;

export const EARLIEST_YEAR = 1990;
export const LATEST_YEAR = 2100;

function isCalendarDay(y: number, m: number, d: number): boolean {
  if (y < EARLIEST_YEAR || y > LATEST_YEAR || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/**
 * A date (`YYYY-MM-DD`, read in China Standard Time) or a date-time with its offset, as a Date;
 * undefined when it is not a real moment in the accepted years.
 */
export function parseClientDate(value: string): { at: Date; dateOnly: boolean } | undefined {
  const d = DATE_ONLY.exec(value);
  if (d) {
    const [y, m, day] = [Number(d[1]), Number(d[2]), Number(d[3])];
    return isCalendarDay(y, m, day) ? { at: new Date(`${value}T00:00:00+08:00`), dateOnly: true } : undefined;
  }
  const t = DATE_TIME.exec(value);
  if (!t) return undefined;
  const [y, m, day, hh, mm, ss] = [1, 2, 3, 4, 5, 6].map((i) => Number(t[i] ?? 0)) as [number, number, number, number, number, number];
  if (!isCalendarDay(y, m, day) || hh > 23 || mm > 59 || ss > 59) return undefined;
  if (t[8] !== undefined && (Number(t[8]) > 14 || Number(t[9]) > 59)) return undefined;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? undefined : { at, dateOnly: false };
}
