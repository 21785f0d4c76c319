import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, inject, test } from 'vitest';
import { policyHeader, policyMeta } from '../../src/lib/csp.ts';

const root = resolve(import.meta.dirname, '../..');

describe("the site's Content-Security-Policy, written once", () => {
  test.each(['deploy/nginx.conf', 'deploy/nginx-subpath.conf'])('%s sends it as its header', (conf) => {
    const sent = /add_header Content-Security-Policy "([^"]+)"/.exec(readFileSync(join(root, conf), 'utf8'))?.[1];
    expect(sent).toBe(policyHeader());
  });

  test('every print page carries it, so Chromium enforces it while printing the PDFs', () => {
    const site = inject('siteDir');
    const printPages = readdirSync(site, { recursive: true, encoding: 'utf8' }).filter((f) => /(^|\/)print\/(.+\/)?index\.html$/.test(f));
    expect(printPages.length).toBeGreaterThan(3);
    for (const file of printPages) {
      const html = readFileSync(join(site, file), 'utf8');
      expect(html, file).toContain(`<meta http-equiv="Content-Security-Policy" content="${policyMeta()}">`);
    }
    expect(policyMeta()).not.toContain('frame-ancestors');
  });
});
