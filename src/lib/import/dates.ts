/** Calendar dates as stated in page chrome ("27/01/2023", "2022-03-17"), checked and written as ISO. */

/** ISO YYYY-MM-DD for a real calendar date, else null (no 31/02, no month 13). */
export function isoDate(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || year < 1900 || year > 2100) return null;
  if (month < 1 || month > 12 || day < 1) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const DMY_RE = /(?<!\d)(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?!\d)/;

/** First full day/month/year date in the text (Vietnamese order), or null. "28/2" has no year: null. */
export function findDayMonthYear(text: string): string | null {
  const m = DMY_RE.exec(text);
  if (!m) return null;
  return isoDate(Number(m[3]), Number(m[2]), Number(m[1]));
}
