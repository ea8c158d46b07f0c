/** What every phase hands the report: headline rows (each a ratio to a same-run baseline) and details. */
export interface Headline {
  metric: string;
  value: string;
  baseline: string;
  /** value ÷ baseline, formatted. */
  ratio: string;
  target?: string;
  /** true / false when the target is judged, undefined when there is none. */
  met?: boolean;
}

export interface PhaseResult {
  id: string;
  title: string;
  headlines: Headline[];
  /** Markdown: tables and figures behind the headlines. */
  details: string;
  notes: string[];
  seconds?: number;
}

/** A phase that threw: reported, never fatal (benchmarks report; they do not fail CI). */
export function failedPhase(id: string, title: string, err: unknown): PhaseResult {
  const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
  return { id, title, headlines: [{ metric: 'phase failed', value: 'error', baseline: '', ratio: '' }], details: '```\n' + message + '\n```', notes: [] };
}

/** A markdown table. */
export function table(header: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.map(String).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
