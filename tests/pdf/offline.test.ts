/**
 * The PDF step prints the site's own print pages and nothing else: whatever a print page
 * asks for on another host is refused inside Chromium, before it leaves the machine, and
 * the document fails with that address named. Needs Chromium.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { findChromium } from '../../scripts/lib/chromium.ts';
import { exportPdfs } from '../../scripts/lib/pdf-export.ts';
import { policyMeta } from '../../src/lib/csp.ts';
import { PRINT_MANIFEST, type PrintManifest } from '../../src/lib/print/files.ts';

const chromium = findChromium();
let elsewhere: Server;
let elsewhereUrl: string;
const requestsElsewhere: string[] = [];
let site: string;

beforeAll(async () => {
  // Another host, as far as the print page is concerned: it records any request that reaches it.
  elsewhere = createServer((req, res) => {
    requestsElsewhere.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'image/png' }).end();
  });
  await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
  const address = elsewhere.address();
  elsewhereUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  site = mkdtempSync(join(tmpdir(), 'pdf-offline-'));
  mkdirSync(join(site, 'print'), { recursive: true });
  const manifest: PrintManifest = { base: '/', targets: [{ kind: 'guide', locale: 'nb', path: '/print/', file: 'guide.pdf', title: 'Guide' }] };
  writeFileSync(join(site, PRINT_MANIFEST), JSON.stringify(manifest));
});

afterAll(async () => {
  await new Promise((resolve) => elsewhere.close(resolve));
  rmSync(site, { recursive: true, force: true });
});

describe.skipIf(!chromium.found)('the PDF step', () => {
  test('refuses a request to another host, names it, and the other host hears nothing', async () => {
    // No policy in the page: the refusal must come from the exporter itself.
    writeFileSync(join(site, 'print/index.html'), `<!doctype html><html lang="nb"><title>x</title><body><p>Hei</p><img src="${elsewhereUrl}/pixel.png" alt="x"></body></html>`);
    await expect(exportPdfs({ dir: site, chromiumPath: (chromium as { path: string }).path })).rejects.toThrow(`a request to another host, refused: ${elsewhereUrl}/pixel.png`);
    expect(requestsElsewhere).toEqual([]);
  });

  test('prints a page that needs nothing from elsewhere, under the site\'s policy', async () => {
    writeFileSync(join(site, 'print/index.html'), `<!doctype html><html lang="nb"><head><meta http-equiv="Content-Security-Policy" content="${policyMeta()}"><title>x</title></head><body><p>Hei</p></body></html>`);
    const result = await exportPdfs({ dir: site, chromiumPath: (chromium as { path: string }).path });
    expect(result.pdfs.map((pdf) => pdf.pages)).toEqual([1]);
    expect(requestsElsewhere).toEqual([]);
  });
});
