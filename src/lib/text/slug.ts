import { stripDiacritics } from './fold.ts';

/** ASCII slug from Vietnamese text: "Đảng ủy phường Trương Định" → "dang-uy-phuong-truong-dinh". */
export function slugify(text: string, maxLength = 80): string {
  const ascii = stripDiacritics(text.normalize('NFC'))
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (ascii.length <= maxLength) return ascii;
  const cut = ascii.slice(0, maxLength);
  const lastDash = cut.lastIndexOf('-');
  return (lastDash > maxLength / 2 ? cut.slice(0, lastDash) : cut).replace(/-+$/g, '');
}

/**
 * Hands out unique slugs: the first claimant of a base gets it, later ones get
 * "-2", "-3" … in the order they ask, so a stable input order gives stable slugs.
 */
export class SlugAllocator {
  private readonly taken = new Set<string>();
  constructor(existing: Iterable<string> = []) {
    for (const s of existing) this.taken.add(s);
  }
  claim(base: string): string {
    const root = base || 'bai-viet';
    if (!this.taken.has(root)) {
      this.taken.add(root);
      return root;
    }
    for (let n = 2; ; n++) {
      const candidate = `${root}-${n}`;
      if (!this.taken.has(candidate)) {
        this.taken.add(candidate);
        return candidate;
      }
    }
  }
  has(slug: string): boolean {
    return this.taken.has(slug);
  }
}
