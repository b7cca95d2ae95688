/**
 * Splitting an article file into its YAML frontmatter and its Markdown body,
 * keeping line numbers so that every diagnostic can point at a line.
 *
 * The frontmatter opens with a line `---` (leading blank lines are tolerated)
 * and closes at the next line that is `---` or `...` (trailing spaces allowed).
 * Works line by line with indexOf: linear, no regular expression over the file.
 */

export type FrontmatterSplit =
  | {
      kind: 'ok';
      /** The YAML text between the fences. */
      yaml: string;
      /** 1-based file line of the first YAML line. */
      yamlLine: number;
      /** Everything after the closing fence. */
      body: string;
      /** 1-based file line where the body starts (the line after the closing fence). */
      bodyLine: number;
    }
  | { kind: 'missing'; firstLine: string }
  | {
      kind: 'unclosed';
      /** Line of the opening fence. */
      openLine: number;
      /** The last line that still looks like a frontmatter field: the closing fence probably belongs after it. */
      lastFieldLine: number;
    };

/** A line that looks like YAML frontmatter: `key: …`, an indented continuation, a list item or a comment. */
function looksLikeYaml(line: string): boolean {
  if (line.length === 0) return false;
  if (line[0] === ' ' || line[0] === '\t' || line[0] === '#' || line.startsWith('- ')) return true;
  const colon = line.indexOf(':');
  if (colon <= 0 || colon > 40) return false;
  return /^[A-Za-z_][\w-]*\s*$/.test(line.slice(0, colon));
}

function isFence(line: string, closing: boolean): boolean {
  const t = line.trimEnd();
  return t === '---' || (closing && t === '...');
}

/** `text` must already have LF line ends and no BOM. */
export function splitFrontmatter(text: string): FrontmatterSplit {
  // Skip leading blank lines (counting them).
  let pos = 0;
  let line = 1;
  for (;;) {
    const nl = text.indexOf('\n', pos);
    const current = nl === -1 ? text.slice(pos) : text.slice(pos, nl);
    if (current.trim() !== '' || nl === -1) {
      if (!isFence(current, false)) return { kind: 'missing', firstLine: current.slice(0, 80) };
      pos = nl === -1 ? text.length : nl + 1;
      break;
    }
    pos = nl + 1;
    line++;
  }
  const openLine = line;
  const yamlStart = pos;
  let lastFieldLine = openLine;
  let stillFields = true;
  line++;
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos);
    const end = nl === -1 ? text.length : nl;
    const current = text.slice(pos, end);
    if (isFence(current, true)) {
      return {
        kind: 'ok',
        yaml: text.slice(yamlStart, pos),
        yamlLine: openLine + 1,
        body: nl === -1 ? '' : text.slice(nl + 1),
        bodyLine: line + 1,
      };
    }
    if (stillFields && looksLikeYaml(current)) lastFieldLine = line;
    else if (current.trim() !== '' || !stillFields) stillFields = false;
    pos = end + 1;
    line++;
  }
  return { kind: 'unclosed', openLine, lastFieldLine };
}
