/**
 * The editors' preview, timed: `astro dev` started in a project copy, and the time from
 * spawning it until the first GET of / returns 200 with the page's HTML (the server's own
 * start-up, Vite's first compile and the first render), then the time to the first byte of
 * a second page requested after that.
 */
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { createServer } from 'node:net';

export interface DevServerMeasurement {
  /** From spawn until GET / answered 200 with the whole HTML. */
  firstPageMs: number;
  /** The path measured second, and the time from its request to its response's first byte. */
  secondPath: string;
  secondPageFirstByteMs: number;
}

/** A TCP port nobody listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

interface Answer {
  status: number;
  contentType: string;
  body: string;
  /** When the response's head arrived (performance.now()). */
  firstByteAt: number;
}

/** One GET on localhost (IPv4 or IPv6, whichever the server listens on). */
function get(port: number, path: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: 'localhost', port, path, method: 'GET', headers: { accept: 'text/html' } }, (res) => {
      const firstByteAt = performance.now();
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), body: Buffer.concat(chunks).toString('utf8'), firstByteAt }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const isHtmlPage = (answer: Answer) => answer.status === 200 && answer.contentType.includes('text/html') && /<\/html>/i.test(answer.body);

/**
 * Starts `astro dev` in `cwd` (the caller empties the caches first), measures, and stops
 * the server and everything it started. Fails when a page does not answer 200 with HTML,
 * or nothing answers within `timeoutMs`.
 */
export async function measureDevServer(cwd: string, env: NodeJS.ProcessEnv, secondPath: string, timeoutMs = 180_000): Promise<DevServerMeasurement> {
  const port = await freePort();
  const started = performance.now();
  // Its own process group, so stopping it stops Vite's and Astro's children too.
  const child = spawn(process.execPath, ['node_modules/astro/bin/astro.mjs', 'dev', '--port', String(port)], {
    cwd,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let exited: number | null | undefined;
  const exit = new Promise<void>((resolve) =>
    child.on('exit', (code) => {
      exited = code;
      resolve();
    }),
  );
  const stop = async () => {
    if (exited !== undefined || child.pid === undefined) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // Gone already.
    }
    const killer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // Gone already.
      }
    }, 5000);
    await exit;
    clearTimeout(killer);
  };
  const fail = (why: string): never => {
    throw new Error(`astro dev in ${cwd}: ${why}\n${output.slice(-3000)}`);
  };
  try {
    // Poll until the server accepts the connection; the GET that it accepts is the measured one.
    let first: Answer | undefined;
    while (!first) {
      if (exited !== undefined) fail(`the server stopped (exit code ${exited}) before it answered`);
      if (performance.now() - started > timeoutMs) fail(`no answer on port ${port} within ${timeoutMs / 1000} s`);
      try {
        first = await get(port, '/');
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== 'ECONNREFUSED' && code !== 'ECONNRESET' && !(error instanceof AggregateError)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
    const firstPageMs = performance.now() - started;
    if (!isHtmlPage(first)) fail(`GET / answered ${first.status} (${first.contentType}), not the start page's HTML`);
    const asked = performance.now();
    const second = await get(port, secondPath);
    if (!isHtmlPage(second)) fail(`GET ${secondPath} answered ${second.status} (${second.contentType}), not the page's HTML`);
    return { firstPageMs, secondPath, secondPageFirstByteMs: second.firstByteAt - asked };
  } finally {
    await stop();
  }
}
