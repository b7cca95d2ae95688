/** A problem with one input file, in a form a person can act on: file:line: what to fix. */
export interface Diagnostic {
  file: string;
  line?: number;
  field?: string;
  message: string;
  severity: 'error' | 'warning';
}

export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line !== undefined ? `${d.file}:${d.line}` : d.file;
  const field = d.field ? ` [${d.field}]` : '';
  return `${where}${field}: ${d.message}`;
}

/** Thrown when content cannot be built; carries every diagnostic of the run, not only the first. */
export class ContentError extends Error {
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic[]) {
    const errors = diagnostics.filter((d) => d.severity === 'error');
    super(
      `${errors.length} lỗi nội dung (content error${errors.length === 1 ? '' : 's'}):\n` +
        errors.map((d) => '  ' + formatDiagnostic(d)).join('\n'),
    );
    this.name = 'ContentError';
    this.diagnostics = diagnostics;
  }
}
