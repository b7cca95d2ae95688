/** Matching keys for scoring: names folded, document codes normalised. */
import { canonicalTones, fold } from '../text/fold.ts';

/**
 * Names compare folded (no diacritics, đ→d, lower case, single spaces), as the brief
 * asks, with punctuation between words ignored: "Trung tâm tin học, Bộ GDĐT" =
 * "Trung tâm tin học Bộ GDĐT", "TP.HCM" = "TP HCM", "Lao động - Thương binh" =
 * "Lao động Thương binh". Slashes stay (document numbers).
 */
export function nameKey(text: string): string {
  return fold(canonicalTones(text.normalize('NFC')).replace(/[,.;:()\[\]"“”'‘’\-–—]+/gu, ' '));
}

/**
 * A document code as one key: "05-CT/TƯ", "5-CT/T.Ư", "05 - CT/TW" → "5-CT/TW".
 * TƯ/T.Ư/Trung ương are the central issuer (TW); TU (Thành ủy/Tỉnh ủy) stays TU,
 * so this must run before folding (fold would turn TƯ into TU).
 */
export function codeKey(code: string): string {
  const upper = code.normalize('NFC').toUpperCase().replace(/\s+/g, '');
  const central = upper.replace(/T\.?Ư\.?|TRUNGƯƠNG/g, 'TW');
  return fold(central).toUpperCase().replace(/^0+(?=\d)/, '');
}

/** Year of an ISO-ish date string ("2016-10-30", "2016"), or null. */
export function yearOf(date: string | null | undefined): number | null {
  const m = date ? /^(\d{4})/.exec(date) : null;
  return m ? Number(m[1]) : null;
}
