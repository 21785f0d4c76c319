import type { APIRoute } from 'astro';
import type { PrintManifest } from '../../lib/print/files.ts';
import { printTargets } from '../../lib/print/targets.ts';

/** The print pages and the PDF each becomes, read by the PDF export after the build. */
export const GET: APIRoute = async () => {
  const manifest: PrintManifest = { base: import.meta.env.BASE_URL, targets: await printTargets() };
  return new Response(JSON.stringify(manifest, null, 2), { headers: { 'Content-Type': 'application/json' } });
};
