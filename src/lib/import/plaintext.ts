/** A plain-text article file (headline line, byline, dates, body, page chrome) → a cleaned article. */
import path from 'node:path';
import { cleanArticle, type CleanResult } from './article.ts';
import { decodeText } from './decode.ts';

/** Decode and clean one file's bytes. Throws ImportError (naming the file) when the bytes are not text. */
export function importPlainText(bytes: Uint8Array, file: string): CleanResult {
  const text = decodeText(bytes, file);
  return cleanArticle({
    text,
    title: null,
    importedFrom: path.basename(file),
    url: null,
    source: null,
    author: null,
    published: null,
  });
}
