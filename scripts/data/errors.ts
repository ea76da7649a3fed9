/** A validation or read failure that names the file and, where it applies, row and column. */
export class PipelineError extends Error {
  readonly file: string;
  readonly row: number | null;
  readonly column: string | null;

  constructor(file: string, message: string, where: { row?: number | null; column?: string | null } = {}) {
    const row = where.row ?? null;
    const column = where.column ?? null;
    const loc = [row !== null ? `row ${row}` : '', column !== null ? `column "${column}"` : '']
      .filter(Boolean)
      .join(', ');
    super(`${file}${loc ? ` (${loc})` : ''}: ${message}`);
    this.name = 'PipelineError';
    this.file = file;
    this.row = row;
    this.column = column;
  }
}
