/**
 * Escaping for text that goes into HTML by hand (outside a template engine that
 * escapes for us): element text and attribute values, and JSON embedded in
 * <script type="application/ld+json">.
 */

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escape plain text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

const JSON_SCRIPT_ESCAPES: Record<string, string> = {
  '<': '\\u003c', '>': '\\u003e', '&': '\\u0026', '\u2028': '\\u2028', '\u2029': '\\u2029',
};

/**
 * JSON that is safe inside a <script> element: "</script>", "<!--" and "&"
 * cannot end or confuse the script element, and U+2028/U+2029 are escaped for
 * old JavaScript parsers. The result is still valid JSON with the same value.
 */
export function jsonForScript(value: unknown): string {
  return (JSON.stringify(value) ?? 'null').replace(/[<>&\u2028\u2029]/g, (c) => JSON_SCRIPT_ESCAPES[c]!);
}
