/**
 * Bytes of a plain-text input → text. Scraped files come as UTF-8 (with or
 * without BOM) or UTF-16 (VNTC's originals are UTF-16LE with BOM; a copy may
 * have lost the BOM). Anything else (binary, legacy 8-bit encodings) is refused
 * with a message that says what was found.
 */
import { gunzipSync } from 'node:zlib';
import { ImportError } from './types.ts';
import { bomlessUtf16 } from '../text/encoding.ts';

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

function decodeUtf16(bytes: Uint8Array, littleEndian: boolean, file: string): string {
  if (bytes.length % 2 !== 0) bytes = bytes.subarray(0, bytes.length - 1);
  try {
    return new TextDecoder(littleEndian ? 'utf-16le' : 'utf-16be', { fatal: true }).decode(bytes);
  } catch {
    throw new ImportError(file, `looks like UTF-16${littleEndian ? 'LE' : 'BE'} but does not decode; re-save it as UTF-8`);
  }
}

/** Decode a whole input file; throws ImportError naming the file when it is not text. */
export function decodeText(input: Uint8Array, file: string): string {
  let bytes = input;
  if (isGzip(bytes)) {
    try {
      bytes = gunzipSync(bytes);
    } catch {
      throw new ImportError(file, 'starts like gzip but does not decompress (truncated or corrupt archive)');
    }
  }
  if (bytes.length === 0) throw new ImportError(file, 'empty file: nothing to import');
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) return checkText(decodeUtf16(bytes.subarray(2), true, file), file);
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) return checkText(decodeUtf16(bytes.subarray(2), false, file), file);
  else {
    // UTF-16 without BOM: ASCII-range characters leave a zero in every other byte.
    const order = bomlessUtf16(bytes);
    if (order) return checkText(decodeUtf16(bytes, order === 'le', file), file);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ImportError(file, 'not valid UTF-8 or UTF-16 text (a binary file, or a legacy encoding such as TCVN3/VNI); convert it to UTF-8');
  }
  return checkText(text, file);
}

// Control characters other than tab, newline, carriage return and form feed.
const CONTROL_RE = /[\u0000-\u0008\u000E-\u001F\u007F]/g;

/** Refuse text that is mostly control characters: a binary file that happened to decode. */
function checkText(text: string, file: string): string {
  const sample = text.slice(0, 8192);
  const controls = sample.match(CONTROL_RE)?.length ?? 0;
  if (sample.includes('\u0000') || controls > sample.length * 0.05) {
    throw new ImportError(file, 'binary data, not text (control characters found); give a UTF-8 text or JSON Lines file');
  }
  return text;
}
