/** Byte-level checks shared by the importer and the content loader. */

/**
 * Which UTF-16 byte order the bytes look like when they carry no BOM: text in
 * the ASCII range leaves a zero in every other byte (odd offsets for little
 * endian, even for big endian). Looks at the first 4 KB; null when neither.
 */
export function bomlessUtf16(bytes: Uint8Array): 'le' | 'be' | null {
  const n = Math.min(bytes.length, 4096);
  if (n < 8) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i++) {
    if (bytes[i] === 0) {
      if (i % 2 === 0) even++;
      else odd++;
    }
  }
  const half = n / 2;
  if (odd / half > 0.2 && even / half < 0.02) return 'le';
  if (even / half > 0.2 && odd / half < 0.02) return 'be';
  return null;
}
