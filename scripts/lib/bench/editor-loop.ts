/**
 * The editors' loop in the benchmark: what the commands an editor runs print, read back,
 * and `npm test`'s last measured time from earlier results.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchReport, TestsResult } from './report.ts';

// Terminal colours, which Vitest and the checks write when they think a person reads them.
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/** The summary line of `npm run check` ("✔ No problems (42 warnings)", "✖ 2 errors …"), or its last line. */
export function checkSummary(output: string): string {
  const lines = output
    .replace(ANSI, '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return [...lines].reverse().find((l) => /^[✔✖]/.test(l)) ?? lines[lines.length - 1] ?? '(no output)';
}

/** Vitest's totals ("Test Files  60 passed (60); Tests  512 passed (512)"), and astro check's result when it stopped the run. */
export function testsSummary(output: string): string {
  const text = output.replace(ANSI, '');
  const totals = [...text.matchAll(/^\s*(Test Files|Tests)\s+(.+)$/gm)].map((m) => `${m[1]} ${m[2]!.trim()}`);
  if (totals.length > 0) return totals.join('; ');
  const astroCheck = /Result \(\d+ files?\):[^\n]*\n?[^\n]*/.exec(text)?.[0];
  return astroCheck ? `astro check: ${astroCheck.replace(/\s+/g, ' ').trim()}` : 'no test summary in the output';
}

/** The newest result in `resultsDir` that measured `npm test`, as the last measured value. */
export function lastTestsRun(resultsDir: string): TestsResult['last'] {
  if (!existsSync(resultsDir)) return undefined;
  let newest: NonNullable<TestsResult['last']> | undefined;
  for (const file of readdirSync(resultsDir).filter((f) => f.endsWith('.json'))) {
    let report: Partial<BenchReport>;
    try {
      report = JSON.parse(readFileSync(join(resultsDir, file), 'utf8')) as Partial<BenchReport>;
    } catch {
      continue;
    }
    const tests = report.editorLoop?.tests;
    if (!tests?.measured || tests.wallMs === undefined || typeof report.date !== 'string') continue;
    if (!newest || report.date > newest.date) newest = { wallMs: tests.wallMs, date: report.date, file: `bench/results/${file}`, exitCode: tests.exitCode ?? null };
  }
  return newest;
}
