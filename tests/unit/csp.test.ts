import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, inject, test } from 'vitest';
import { policyHeader, policyMeta } from '../../src/lib/csp.ts';
import { CACHE_FOREVER, CACHE_REVALIDATE, contentHashedPatterns, isContentHashed, securityHeaders } from '../../src/lib/headers.ts';

const root = resolve(import.meta.dirname, '../..');
const deployFiles = ['deploy/nginx.conf', 'deploy/nginx-subpath.conf'];

/** The headers a deploy file sends: `add_header Name "value" always;`, by lower-case name. */
function sentHeaders(conf: string): Map<string, string[]> {
  const sent = new Map<string, string[]>();
  for (const [, name, value] of readFileSync(join(root, conf), 'utf8').matchAll(/^\s*add_header\s+(\S+)\s+"([^"]*)"\s+always;/gm)) {
    sent.set(name!.toLowerCase(), [...(sent.get(name!.toLowerCase()) ?? []), value!]);
  }
  return sent;
}

describe("the site's security headers, written once (src/lib/headers.ts)", () => {
  test.each(deployFiles)('%s sends each of them once, on every response, with the same value', (conf) => {
    const sent = sentHeaders(conf);
    for (const [name, value] of Object.entries(securityHeaders)) expect(sent.get(name), `${conf}: ${name}`).toEqual([value]);
    // And nothing else with "always" that the module does not know of.
    expect([...sent.keys()].sort()).toEqual(Object.keys(securityHeaders).sort());
  });

  test('the policy names every source it allows: nothing by default, no data: URLs, no <base>', () => {
    expect(policyHeader()).toMatch(/^default-src 'none'; /);
    expect(policyHeader()).toContain("base-uri 'none'");
    expect(policyHeader()).not.toContain('data:');
    expect(policyHeader()).not.toContain("'unsafe-inline'");
    expect(policyHeader()).not.toMatch(/'unsafe-eval'/);
  });
});

describe('the cache rule, written once (src/lib/headers.ts)', () => {
  /** The deploy file's cache map: `"~regex" "value";` lines and the default. */
  function cacheMap(conf: string): { fallback?: string; rules: [string, string][] } {
    const text = readFileSync(join(root, conf), 'utf8');
    const block = /^map \$uri \$guide_cache_control \{\n([\s\S]*?)\n\}$/m.exec(text)?.[1] ?? '';
    const rules = [...block.matchAll(/^\s*"~([^"]+)"\s+"([^"]+)";/gm)].map(([, re, value]) => [re!, value!] as [string, string]);
    return { fallback: /^\s*default\s+"([^"]+)";/m.exec(block)?.[1], rules };
  }

  test.each(deployFiles)('%s keeps a year exactly the files src/lib/headers.ts names, and revalidates the rest', (conf) => {
    const { fallback, rules } = cacheMap(conf);
    expect(fallback).toBe(CACHE_REVALIDATE);
    expect(rules).toEqual(contentHashedPatterns.map((re) => [re, CACHE_FOREVER]));
  });

  test('the patterns tell hashed names from fixed ones, under a sub-path too', () => {
    for (const path of ['/_astro/Base.Ab12Cd34.css', '/img/velg-buypass-id.0123456789.2x.avif', '/pagefind/fragment/nb_1a2b3c4d5e.pf_fragment', '/pagefind/pagefind.nb_1a2b3c4d5e6f.pf_meta', '/veiledning/_astro/x.js']) {
      expect(isContentHashed(path), path).toBe(true);
    }
    for (const path of ['/index.html', '/pagefind/pagefind.js', '/pagefind/pagefind-entry.json', '/pagefind/wasm.nb.pagefind', '/pdf/bankid.pdf', '/img/velg-buypass-id.png', '/pagefind/fragment/readme.txt', '/favicon.svg']) {
      expect(isContentHashed(path), path).toBe(false);
    }
  });
});

describe("every page carries the policy in a <meta> element", () => {
  test('so `npm run preview`, a file share, another server and the PDF export enforce it too', () => {
    const site = inject('siteDir');
    const pages = readdirSync(site, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(20);
    const missing: string[] = [];
    for (const file of pages) {
      const html = readFileSync(join(site, file), 'utf8');
      const head = html.slice(0, html.indexOf('</head>'));
      const meta = `<meta http-equiv="Content-Security-Policy" content="${policyMeta()}">`;
      // First in <head> after the charset, before any element that could load something.
      const at = head.indexOf(meta);
      if (at < 0 || /<(link|script|style|img|base)\b/i.test(head.slice(0, at))) missing.push(file);
    }
    expect(missing, `pages without the policy first in <head>:\n${missing.join('\n')}`).toEqual([]);
    // frame-ancestors is ignored in a <meta> policy: only the header can carry it.
    expect(policyMeta()).not.toContain('frame-ancestors');
    expect(policyMeta()).toContain("default-src 'none'");
  });
});
