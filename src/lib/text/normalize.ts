/**
 * Text normalisation applied to every piece of article text before it is
 * matched, indexed or stored: NFC, Eth→Đ, HTML entities decoded, invisible
 * characters removed. See domain.md: scraped Vietnamese text mixes all of these.
 */

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ',
  ndash: '–', mdash: '—', hellip: '…', laquo: '«', raquo: '»',
  lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', bull: '•', middot: '·',
  copy: '©', reg: '®', deg: '°', times: '×', divide: '÷', frac12: '½',
};

// Numeric (&#123; &#x1F;) and the named entities above. Unknown names stay as written,
// so broken pseudo-entities like "TN&MT;" are left for the caller (see decodeEntities).
const ENTITY_RE = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z][a-zA-Z0-9]{1,31}));/g;

export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY_RE, (whole, dec?: string, hex?: string, name?: string) => {
    if (dec !== undefined || hex !== undefined) {
      const code = dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(hex!, 16);
      if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '';
      return String.fromCodePoint(code);
    }
    const lower = name!.toLowerCase();
    if (lower in NAMED_ENTITIES) return NAMED_ENTITIES[lower]!;
    // "TN&MT;" / "NN&PTNT;": an ampersand glued to an upper-case abbreviation with a
    // stray semicolon is an escaping accident, not an entity: drop the semicolon.
    if (/^[A-ZĐ]+$/.test(name!)) return `&${name}`;
    return whole;
  });
}

/** Zero-width characters, soft hyphen, BOM, word joiner, bidi marks: removed. */
const INVISIBLE = '\u00AD\u200B-\u200F\u2028\u2029\u202A-\u202E\u2060-\u2064\uFEFF';
/** Control characters other than tab and newline (NUL included): removed. */
const CONTROL = '\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F';
/** Non-breaking and other exotic spaces: a plain space. */
const SPACES = '\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000';
const SPACE_RE = new RegExp(`[${SPACES}]`);
/** U+00D0 (Latin Eth) and U+00F0 look like Đ/đ in scraped Vietnamese. */
const ETH: Record<string, string> = { '\u00D0': 'Đ', '\u00F0': 'đ' };
/** Everything above in one class: the text is scanned once (it is every article's whole body). */
const CLEAN_RE = new RegExp(`[${INVISIBLE}${CONTROL}${SPACES}\u00D0\u00F0]`, 'g');

function cleanChar(c: string): string {
  return ETH[c] ?? (SPACE_RE.test(c) ? ' ' : '');
}

/**
 * Normalise one piece of text (may span lines; line structure is kept).
 * `entities: false` leaves HTML entities alone: for Markdown, where `&lt;` is
 * the author's way to write a literal "<" and Markdown decodes it itself.
 */
export function normalizeText(text: string, options: { entities?: boolean } = {}): string {
  let out = text;
  if (out.includes('\r')) out = out.replace(/\r\n?/g, '\n');
  if (options.entities !== false) out = decodeEntities(out);
  return out.replace(CLEAN_RE, cleanChar).normalize('NFC');
}

/** Collapse runs of spaces and trim; for single-line values such as titles. */
export function normalizeLine(text: string): string {
  return normalizeText(text).replace(/\s+/g, ' ').trim();
}
