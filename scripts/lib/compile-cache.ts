/**
 * Loaded before a command's own modules (`node --import ./scripts/lib/compile-cache.ts …`, as
 * package.json runs npm run check and npm run build): Node keeps the code it compiles in its
 * compile cache (in the system's temporary folder, where astro's own command keeps it too) and
 * reuses it, so a command does not compile the same modules again every time it starts. On
 * the real guide that is about a tenth of a build's time and of a check's.
 */
import { enableCompileCache, getCompileCacheDir } from 'node:module';

enableCompileCache();
// Worker threads and the processes a command starts use it too.
const dir = getCompileCacheDir();
if (dir) process.env.NODE_COMPILE_CACHE ??= dir;
