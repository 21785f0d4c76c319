/**
 * PDF export as a step of the build. When the config is read it looks for Chromium and
 * tells the pages (virtual:pdf-export) whether to link the PDFs; after the build it
 * prints the print pages into <outDir>/pdf/. Without Chromium the site is built all
 * the same, without PDF links, and the log says the PDFs were skipped.
 *
 * `npm run dev` shows what the build publishes: the same links, on the same decision, and
 * each PDF made when its link is followed, by the same export (src/dev/pdf-on-demand.ts).
 * Chromium, playwright-core and pdf.js are not loaded with the config: the dev server loads
 * them only when a PDF is asked for.
 *
 * PDF_EXPORT=off skips the PDFs on purpose; PDF_FORMAT=letter prints on US Letter.
 */
import type { AstroIntegration } from 'astro';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import type { ChromiumLookup } from '../../scripts/lib/chromium.ts';
import { PDF_DIR } from '../lib/print/files.ts';
import { trustSites } from './trusts.ts';

const VIRTUAL_ID = 'virtual:pdf-export';

function flagsModule(pdfLinks: () => Promise<boolean>): Plugin {
  const resolved = `\0${VIRTUAL_ID}`;
  return {
    name: 'pdf-export-flags',
    resolveId: (id) => (id === VIRTUAL_ID ? resolved : undefined),
    load: async (id) => (id === resolved ? `export const pdfLinks = ${JSON.stringify(await pdfLinks())};` : undefined),
  };
}

export default function pdfExport(): AstroIntegration {
  let chromiumPath: string | undefined;
  let skipped: string | undefined;
  /** The dev server's lookup: it links the PDFs the build would write, and makes each when asked. */
  let devLookup: ChromiumLookup | undefined;
  let base = '/';
  let root = process.cwd();
  return {
    name: 'pdf-export',
    hooks: {
      'astro:config:setup': async ({ config, command, updateConfig }) => {
        root = fileURLToPath(config.root);
        if (command === 'build') {
          const { parsePaperFormat } = await import('../../scripts/lib/pdf-export.ts');
          if (process.env.PDF_EXPORT === 'off') {
            skipped = 'PDF_EXPORT=off';
          } else {
            const { findChromium } = await import('../../scripts/lib/chromium.ts');
            const lookup = findChromium();
            if (lookup.found) chromiumPath = lookup.path;
            else skipped = `Chromium not found (${lookup.reason})`;
          }
          // Fail early, before the site is built, on a wrong paper format.
          parsePaperFormat(process.env.PDF_FORMAT);
        } else if (command === 'dev' && !process.env.VITEST && process.env.PDF_EXPORT !== 'off') {
          // Vitest starts a Vite server from Astro's config (vitest.config.ts): no preview, no PDFs.
          const { findChromium } = await import('../../scripts/lib/chromium.ts');
          devLookup = findChromium();
          skipped = 'not a build';
        } else {
          skipped = 'not a build';
        }
        // The build links the PDFs it writes; the dev server those it would write, and makes each when asked.
        const links = async () => (devLookup ? devLookup.found : chromiumPath !== undefined);
        updateConfig({ vite: { plugins: [flagsModule(links)] } });
      },
      'astro:config:done': ({ config }) => {
        base = config.base;
      },
      'astro:server:setup': ({ server, logger }) => {
        if (!devLookup) return;
        let madeOne = false;
        const prefix = `${base.endsWith('/') ? base : `${base}/`}${PDF_DIR}/`;
        const origin = () => {
          const { address, port } = server.httpServer!.address() as AddressInfo;
          return `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
        };
        const makePdf = async (req: IncomingMessage, res: ServerResponse, next: () => void) => {
          const path = new URL(req.url ?? '/', 'http://localhost').pathname;
          const file = path.startsWith(prefix) ? path.slice(prefix.length) : '';
          if (!/^[a-z0-9-]+\.pdf$/.test(file)) return next();
          const lookup = devLookup!;
          if (!lookup.found) return next();
          const started = performance.now();
          try {
            madeOne = true;
            const { printOnDemand } = await import('../dev/pdf-on-demand.ts');
            const pdf = await printOnDemand({ file, origin: origin(), base, chromiumPath: lookup.path });
            if (!pdf) return next();
            logger.info(`${PDF_DIR}/${file} made for the preview in ${((performance.now() - started) / 1000).toFixed(1)} s`);
            res.writeHead(200, { 'Content-Type': 'application/pdf', 'Content-Length': pdf.byteLength, 'Cache-Control': 'no-store' });
            res.end(pdf);
          } catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            logger.error(`${PDF_DIR}/${file} could not be made: ${message}`);
            res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
            res.end(`${PDF_DIR}/${file} could not be made: ${message}\n`);
          }
        };
        server.middlewares.use((req, res, next) => void makePdf(req, res, next));
        server.httpServer?.once('close', () => {
          // Only a server that made a PDF has a Chromium to close (and the export loaded).
          if (madeOne) void import('../dev/pdf-on-demand.ts').then(({ closeBrowser }) => closeBrowser());
        });
      },
      'astro:build:done': async ({ dir, logger }) => {
        if (!chromiumPath) {
          if (skipped === 'PDF_EXPORT=off') {
            logger.warn('PDFs skipped (PDF_EXPORT=off): the site was built without "Download as PDF" links.');
          } else if (skipped !== 'not a build') {
            const { INSTALL_HINT } = await import('../../scripts/lib/chromium.ts');
            logger.warn(
              `PDFs skipped: ${skipped}. The site was built without "Download as PDF" links. ` +
                `For PDFs, ${INSTALL_HINT}, then run npm run build again.`,
            );
          }
          return;
        }
        const [{ launchChromium }, { exportPdfs, formatBytes, parsePaperFormat }] = await Promise.all([
          import('../../scripts/lib/chromium.ts'),
          import('../../scripts/lib/pdf-export.ts'),
        ]);
        const format = parsePaperFormat(process.env.PDF_FORMAT);
        const sites = trustSites(root, fileURLToPath(dir));
        // One Chromium prints every trust's site.
        const browser = await launchChromium(chromiumPath);
        try {
          for (const site of sites) {
            const result = await exportPdfs({ dir: site.dir, base, chromiumPath, format, browser, log: (line) => logger.info(line) });
            const bytes = result.pdfs.reduce((sum, p) => sum + p.bytes, 0);
            const where = sites.length > 1 ? `${site.trust.id}/pdf/` : 'pdf/';
            console.log(`✔ ${result.pdfs.length} ${result.pdfs.length === 1 ? 'PDF' : 'PDFs'} (${format}, ${formatBytes(bytes)}) written to ${where} in ${(result.ms / 1000).toFixed(1)} s`);
          }
        } finally {
          await browser.close();
        }
      },
    },
  };
}
