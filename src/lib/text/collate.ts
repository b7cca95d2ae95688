/** Vietnamese collation (a < ă < â, d < đ) shared by every sorted list. */
export const viCollator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

export function compareVi(a: string, b: string): number {
  return viCollator.compare(a, b);
}

/**
 * Sort key for a person: given name (last syllable) first, then the rest,
 * as Vietnamese indexes file people ("Nguyễn Văn Nam" under N for Nam).
 */
export function personSortKey(name: string): string {
  const parts = name.trim().split(/\s+/);
  const given = parts.pop() ?? '';
  return [given, ...parts].join(' ');
}

export function comparePersons(a: string, b: string): number {
  return viCollator.compare(personSortKey(a), personSortKey(b)) || viCollator.compare(a, b);
}

/** The index letter a name files under: its first letter, upper-cased, Vietnamese-aware (Đ is its own letter). */
export function indexLetter(key: string): string {
  const first = [...key.trim().normalize('NFC')][0] ?? '#';
  const base = first.normalize('NFD')[0]!.toUpperCase();
  if (first === 'Đ' || first === 'đ') return 'Đ';
  return /[A-Z]/.test(base) ? base : '#';
}
