/**
 * PDF export as a step of the build. When the config is read it looks for Chromium and
 * tells the pages (virtual:pdf-export) whether to link the PDFs; after the build it
 * prints the print pages into <outDir>/pdf/. Without Chromium the site is built all
 * the same, without PDF links, and the log says the PDFs were skipped.
 *
 * PDF_EXPORT=off skips the PDFs on purpose; PDF_FORMAT=letter prints on US Letter.
 */
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { findChromium, INSTALL_HINT, launchChromium } from '../../scripts/lib/chromium.ts';
import { exportPdfs, formatBytes, parsePaperFormat } from '../../scripts/lib/pdf-export.ts';
import { trustSites } from './trusts.ts';

const VIRTUAL_ID = 'virtual:pdf-export';

function flagsModule(pdfLinks: boolean): Plugin {
  const resolved = `\0${VIRTUAL_ID}`;
  return {
    name: 'pdf-export-flags',
    resolveId: (id) => (id === VIRTUAL_ID ? resolved : undefined),
    load: (id) => (id === resolved ? `export const pdfLinks = ${JSON.stringify(pdfLinks)};` : undefined),
  };
}

export default function pdfExport(): AstroIntegration {
  let chromiumPath: string | undefined;
  let skipped: string | undefined;
  let base = '/';
  let root = process.cwd();
  return {
    name: 'pdf-export',
    hooks: {
      'astro:config:setup': ({ config, command, updateConfig }) => {
        root = fileURLToPath(config.root);
        if (command !== 'build') {
          // The dev server has no PDFs to link.
          skipped = 'not a build';
        } else if (process.env.PDF_EXPORT === 'off') {
          skipped = 'PDF_EXPORT=off';
        } else {
          const lookup = findChromium();
          if (lookup.found) chromiumPath = lookup.path;
          else skipped = `Chromium not found (${lookup.reason})`;
        }
        // Fail early, before the site is built, on a wrong paper format.
        parsePaperFormat(process.env.PDF_FORMAT);
        updateConfig({ vite: { plugins: [flagsModule(chromiumPath !== undefined)] } });
      },
      'astro:config:done': ({ config }) => {
        base = config.base;
      },
      'astro:build:done': async ({ dir, logger }) => {
        if (!chromiumPath) {
          if (skipped === 'PDF_EXPORT=off') {
            logger.warn('PDFs skipped (PDF_EXPORT=off): the site was built without "Download as PDF" links.');
          } else if (skipped !== 'not a build') {
            logger.warn(
              `PDFs skipped: ${skipped}. The site was built without "Download as PDF" links. ` +
                `For PDFs, ${INSTALL_HINT}, then run npm run build again.`,
            );
          }
          return;
        }
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
