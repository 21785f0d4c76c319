/**
 * Serves a built site through a real nginx with the deploy configuration from deploy/
 * (for the quality tests and the Lighthouse run), so what is checked is the config an
 * intranet admin installs, not a stand-in. Only the `listen` and `root` lines of the
 * deploy file are changed. nginx runs in the foreground as one process of the current
 * user, on a free port, with all its files in a temp folder.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(fileURLToPath(import.meta.url), '../../..');

export type Variant = 'root' | 'subpath';

export interface Nginx {
  /** e.g. http://127.0.0.1:41234/ or http://127.0.0.1:41234/veiledning/ */
  url: string;
  origin: string;
  /** The site's base path: `/` or `/veiledning/`. */
  base: string;
  /** The exact server config nginx runs (the deploy file with listen and root changed). */
  config: string;
  stop(): Promise<void>;
}

/** The deploy file of each variant and the path the site lives under with it. */
export const variants: Record<Variant, { file: string; base: string }> = {
  root: { file: 'deploy/nginx.conf', base: '/' },
  subpath: { file: 'deploy/nginx-subpath.conf', base: '/veiledning/' },
};

export function findNginx(): string {
  const candidates = [process.env.NGINX_PATH, '/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/bin/nginx'];
  const found = candidates.find((c): c is string => !!c && existsSync(c));
  if (!found) {
    throw new Error('nginx is needed to test deploy/nginx.conf: install it (apt-get install nginx) or set NGINX_PATH');
  }
  return found;
}

/** The directory of nginx's own config, for mime.types (what an installed nginx includes). */
function mimeTypesFile(binary: string): string {
  const info = spawnSync(binary, ['-V'], { encoding: 'utf8' });
  const confPath = /--conf-path=(\S+)/.exec(`${info.stderr}${info.stdout}`)?.[1] ?? '/etc/nginx/nginx.conf';
  const file = join(dirname(confPath), 'mime.types');
  if (!existsSync(file)) throw new Error(`nginx's mime.types was not found at ${file}`);
  return file;
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** The deploy file with its `listen` lines replaced by one test port and its `root` by `root`. */
export function testServerConfig(variant: Variant, port: number, root: string): string {
  const source = readFileSync(join(repo, variants[variant].file), 'utf8');
  const listen = /^([ \t]*)listen\s[^;]*;[ \t]*\n/gm;
  const roots = /^([ \t]*)root\s[^;]*;/gm;
  const listens = source.match(listen) ?? [];
  const rootLines = source.match(roots) ?? [];
  if (listens.length === 0 || rootLines.length !== 1) {
    throw new Error(`${variants[variant].file}: the tests expect listen lines and exactly one root line (found ${listens.length} and ${rootLines.length})`);
  }
  let first = true;
  return source
    .replace(listen, (_, indent: string) => {
      const line = first ? `${indent}listen 127.0.0.1:${port};\n` : '';
      first = false;
      return line;
    })
    .replace(roots, (_, indent: string) => `${indent}root ${root};`);
}

/** Starts nginx serving `dist` with the given deploy variant. */
export async function startNginx(siteDir: string, variant: Variant = 'root'): Promise<Nginx> {
  const binary = findNginx();
  // nginx reads a relative root against its own prefix, not the working directory.
  const dist = resolve(siteDir);
  const work = mkdtempSync(join(tmpdir(), 'guide-nginx-'));
  const { base } = variants[variant];
  // For a sub-path the deploy file expects the site in a folder named like the sub-path.
  let root = dist;
  if (variant === 'subpath') {
    root = join(work, 'www');
    mkdirSync(root);
    symlinkSync(dist, join(root, base.replaceAll('/', '')));
  }

  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const config = testServerConfig(variant, port, root);
    writeFileSync(join(work, 'site.conf'), config);
    for (const temp of ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(work, temp), { recursive: true });
    writeFileSync(
      join(work, 'nginx.conf'),
      [
        'daemon off;',
        // One process of the current user: no workers to switch to another user.
        'master_process off;',
        `pid ${join(work, 'nginx.pid')};`,
        `error_log ${join(work, 'error.log')} warn;`,
        'events { worker_connections 256; }',
        'http {',
        `  include ${mimeTypesFile(binary)};`,
        '  default_type application/octet-stream;',
        '  sendfile on;',
        `  access_log ${join(work, 'access.log')};`,
        `  client_body_temp_path ${join(work, 'client_body')};`,
        `  proxy_temp_path ${join(work, 'proxy')};`,
        `  fastcgi_temp_path ${join(work, 'fastcgi')};`,
        `  uwsgi_temp_path ${join(work, 'uwsgi')};`,
        `  scgi_temp_path ${join(work, 'scgi')};`,
        `  include ${join(work, 'site.conf')};`,
        '}',
        '',
      ].join('\n'),
    );

    const child: ChildProcess = spawn(binary, ['-p', work, '-e', join(work, 'error.log'), '-c', join(work, 'nginx.conf')], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    const origin = `http://127.0.0.1:${port}`;
    const ready = await waitUntilServing(origin, exited);
    if (!ready) {
      const log = existsSync(join(work, 'error.log')) ? readFileSync(join(work, 'error.log'), 'utf8') : '';
      const message = `${stderr}\n${log}`.trim();
      if (attempt < 3 && message.includes('Address already in use')) continue;
      child.kill('SIGKILL');
      rmSync(work, { recursive: true, force: true });
      throw new Error(`nginx did not start with ${variants[variant].file}:\n${message}`);
    }
    return {
      url: `${origin}${base}`,
      origin,
      base,
      config,
      stop: async () => {
        if (child.exitCode === null) {
          child.kill('SIGQUIT');
          const timeout = setTimeout(() => child.kill('SIGKILL'), 5000);
          await exited;
          clearTimeout(timeout);
        }
        rmSync(work, { recursive: true, force: true });
      },
    };
  }
}

/** Polls until nginx answers, or returns false when it exits first or takes over 10 s. */
async function waitUntilServing(origin: string, exited: Promise<number | null>): Promise<boolean> {
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + 10_000;
  while (!gone && Date.now() < deadline) {
    try {
      await fetch(origin, { signal: AbortSignal.timeout(1000) });
      return true;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return false;
}
