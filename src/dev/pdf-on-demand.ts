/**
 * `npm run dev` makes a PDF when a page's "Download as PDF" link asks for it, with the build's
 * own export (exportPdfs in scripts/lib/pdf-export.ts: the same print page, Chromium options,
 * page-number passes and checks), printing the print page the dev server renders now.
 * Loaded by src/integrations/pdf.ts on the first PDF asked for, never with the dev server.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Browser, BrowserContextOptions } from 'playwright-core';
import { launchChromium } from '../../scripts/lib/chromium.ts';
import { exportPdfs, parsePaperFormat } from '../../scripts/lib/pdf-export.ts';
import { PRINT_MANIFEST, type PrintManifest } from '../lib/print/files.ts';

export interface DevPdfRequest {
  /** The PDF's file name, e.g. logg-inn-hjemmefra-nb-bankid.pdf. */
  file: string;
  /** The dev server, e.g. http://127.0.0.1:4321. */
  origin: string;
  /** The deploy base, `/` or e.g. `/veiledning/`. */
  base: string;
  chromiumPath: string;
  log?: (line: string) => void;
}

/**
 * The browser exportPdfs prints with, each of its tabs answered by the dev server. exportPdfs
 * prints a built folder: it serves the folder on a local port and refuses every other host
 * (with a route of its own, which Playwright asks first, being added last). Here the folder
 * holds only the print manifest, and every request to that local server goes to the same path
 * on the dev server, so the print page, its styles and images are what `npm run dev` renders.
 * The page's own address stays the local one on purpose: Vite's client in it then cannot reach
 * the dev server's reload socket, which would reload the page in the middle of printing when a
 * file is saved (printing the dev server's address directly fails so: "Printing failed").
 */
function answeredByDevServer(browser: Browser, origin: string): Browser {
  return new Proxy(browser, {
    get(target, property) {
      if (property === 'newContext') {
        return async (options?: BrowserContextOptions) => {
          const context = await target.newContext(options);
          await context.route('**/*', (route) => {
            const asked = new URL(route.request().url());
            return route.continue({ url: new URL(`${asked.pathname}${asked.search}`, origin).href });
          });
          return context;
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** One Chromium for the PDFs a dev session asks for, closed after a while unused and when the server stops. */
const IDLE_MS = 5 * 60_000;
let running: Promise<Browser> | undefined;
let printing = 0;
let idle: ReturnType<typeof setTimeout> | undefined;

async function borrowBrowser(chromiumPath: string): Promise<Browser> {
  clearTimeout(idle);
  printing++;
  running ??= launchChromium(chromiumPath);
  try {
    return await running;
  } catch (error) {
    running = undefined;
    printing--;
    throw error;
  }
}

function giveBack(): void {
  printing--;
  if (printing === 0) idle = setTimeout(() => void closeBrowser(), IDLE_MS).unref();
}

export async function closeBrowser(): Promise<void> {
  clearTimeout(idle);
  const browser = running;
  running = undefined;
  await (await browser?.catch(() => undefined))?.close();
}

/**
 * The PDF `file` as the build would make it from the site the dev server shows now; undefined
 * when no print page makes it (not a PDF the build writes). Errors are exportPdfs' own, which
 * name the print page.
 */
export async function printOnDemand(request: DevPdfRequest): Promise<Uint8Array | undefined> {
  const format = parsePaperFormat(process.env.PDF_FORMAT);
  const answer = await fetch(new URL(`${request.base}${PRINT_MANIFEST}`, request.origin));
  if (!answer.ok) throw new Error(`${request.base}${PRINT_MANIFEST} answered ${answer.status} in npm run dev`);
  const manifest = (await answer.json()) as PrintManifest;
  if (!manifest.targets.some((target) => target.file === request.file)) return undefined;

  const browser = await borrowBrowser(request.chromiumPath);
  // Made once Chromium runs: a launch that fails leaves no folder behind.
  const dir = mkdtempSync(join(tmpdir(), 'guide-dev-pdf-'));
  try {
    mkdirSync(join(dir, dirname(PRINT_MANIFEST)), { recursive: true });
    writeFileSync(join(dir, PRINT_MANIFEST), JSON.stringify(manifest));
    const { pdfs } = await exportPdfs({
      dir,
      base: request.base,
      chromiumPath: request.chromiumPath,
      format,
      only: [request.file],
      concurrency: 1,
      browser: answeredByDevServer(browser, request.origin),
      ...(request.log ? { log: request.log } : {}),
    });
    return readFileSync(pdfs[0]!.path);
  } finally {
    giveBack();
    rmSync(dir, { recursive: true, force: true });
  }
}
