/**
 * Valid HTML: every built page passes html-validate with the project's .htmlvalidate.json
 * (the recommended rules), and holds nothing a strict Content-Security-Policy would block.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { HtmlValidate, type ConfigData, type Message } from 'html-validate';
import { describe, expect, inject, test } from 'vitest';
import { listPages } from './lib/site.ts';

const repo = resolve(import.meta.dirname, '../..');
const pages = listPages(inject('siteDir'));
const config = JSON.parse(readFileSync(resolve(repo, '.htmlvalidate.json'), 'utf8')) as ConfigData;
const validator = new HtmlValidate(config);

const describeMessage = (path: string, m: Message) =>
  `${path}:${m.line}:${m.column}  ${m.ruleId}  ${m.message}${m.selector ? `  (${m.selector})` : ''}  ${m.ruleUrl ?? ''}`;

describe('valid HTML (html-validate:recommended)', () => {
  test('the site has pages of every kind', () => {
    const kinds = new Set(pages.map((p) => p.kind));
    expect([...kinds]).toEqual(expect.arrayContaining(['guide', 'search', 'not-found']));
  });

  test.each(pages.map((p) => [p.path, p] as const))('%s', async (_, page) => {
    const report = await validator.validateString(page.html, page.file);
    const problems = report.results.flatMap((r) => r.messages.map((m) => describeMessage(page.path, m)));
    expect(problems, problems.join('\n')).toEqual([]);
    // Browsers repair it, validators may not see it: markup after </html> (e.g. a misplaced <script>).
    expect(page.html.trimEnd().endsWith('</html>'), `${page.path}: content after </html>`).toBe(true);
  });
});

/** What `script-src 'self'; style-src 'self'` blocks, found in the markup with its page. */
function cspBlockers(html: string): string[] {
  const found: string[] = [];
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    const attrs = match[1] ?? '';
    const isData = /\stype="application\/(ld\+)?json"/.test(attrs);
    if (!/\ssrc=/.test(attrs) && !isData && (match[2] ?? '').trim() !== '') found.push(`inline <script>: ${(match[2] ?? '').trim().slice(0, 80)}`);
  }
  for (const match of html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/g)) found.push(`inline <style>: ${(match[1] ?? '').trim().slice(0, 80)}`);
  for (const match of html.matchAll(/<[a-z][^>]*?\sstyle="([^"]*)"/g)) found.push(`style="${match[1]}" attribute`);
  for (const match of html.matchAll(/<[a-z][^>]*?\s(on[a-z]+)="/g)) found.push(`${match[1]}= event handler attribute`);
  for (const match of html.matchAll(/\s(?:href|src|action)="\s*javascript:/g)) found.push(`javascript: URL ${match[0].trim()}`);
  return found;
}

describe('markup a strict Content-Security-Policy allows', () => {
  test.each(pages.map((p) => [p.path, p] as const))('%s', (_, page) => {
    const found = cspBlockers(page.html);
    expect(found, `${page.path}:\n  ${found.join('\n  ')}`).toEqual([]);
  });
});
