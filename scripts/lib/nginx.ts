/**
 * Serves a built site through a real nginx with the deploy configuration from deploy/
 * (for the quality tests and the Lighthouse run), so what is checked is the config an
 * intranet admin installs, not a stand-in: HTTPS with HTTP/2, and plain HTTP redirecting
 * to it. Only the deploy file's `listen`, `server_name`, `root` and `ssl_certificate*` lines are changed:
 * the certificate is one this module makes with openssl, for 127.0.0.1. nginx runs in the
 * foreground as one process of the current user, on free ports, with all its files in a
 * temp folder.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(fileURLToPath(import.meta.url), '../../..');

export type Variant = 'root' | 'subpath';

export interface Nginx {
  /** e.g. https://127.0.0.1:41234/ or https://127.0.0.1:41234/veiledning/ */
  url: string;
  /** https://127.0.0.1:41234 */
  origin: string;
  /** The plain-HTTP server of the same config, e.g. http://127.0.0.1:41235 (it only redirects). */
  httpOrigin: string;
  /** The site's base path: `/` or `/veiledning/`. */
  base: string;
  /** The folder nginx's `root` names: the site itself, or (sub-path) the folder that holds it. */
  documentRoot: string;
  /** The certificate the HTTPS server presents (PEM): trust it to verify the connection. */
  ca: string;
  /** The exact server config nginx runs (the deploy file with listen, server_name, root and certificate changed). */
  config: string;
  stop(): Promise<void>;
}

export interface NginxOptions {
  /** Changes the server config before nginx starts (a test's planted fault). */
  edit?: (config: string) => string;
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

/** A key and self-signed certificate for 127.0.0.1 and localhost, made once per process. */
let certificate: { dir: string; cert: string; key: string; pem: string } | undefined;
export function testCertificate(): { cert: string; key: string; pem: string } {
  if (certificate && existsSync(certificate.cert)) return certificate;
  const dir = mkdtempSync(join(tmpdir(), 'guide-tls-'));
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2',
    '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
    '-keyout', key, '-out', cert,
  ], { stdio: 'pipe' });
  certificate = { dir, cert, key, pem: readFileSync(cert, 'utf8') };
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  return certificate;
}

/**
 * The deploy file with its `listen` lines on the test ports (port 80's on `http`, 443's on
 * `https`, IPv6 ones dropped), its `server_name` on 127.0.0.1, its `root` on `root` and its
 * certificate on the test one.
 */
export function testServerConfig(variant: Variant, ports: { http: number; https: number }, root: string, tls: { cert: string; key: string }): string {
  const source = readFileSync(join(repo, variants[variant].file), 'utf8');
  const listen = /^([ \t]*)listen\s+(\[::\]:)?(\d+)([^;]*);[ \t]*\n/gm;
  const roots = /^([ \t]*)root\s[^;]*;/gm;
  const count = (re: RegExp) => source.match(re)?.length ?? 0;
  const found = { listen: count(listen), root: count(roots), cert: count(/^[ \t]*ssl_certificate\s/gm), key: count(/^[ \t]*ssl_certificate_key\s/gm) };
  if (found.listen === 0 || found.root !== 1 || found.cert !== 1 || found.key !== 1) {
    throw new Error(`${variants[variant].file}: the tests expect listen lines and exactly one root, ssl_certificate and ssl_certificate_key line (found ${JSON.stringify(found)})`);
  }
  return source
    .replace(listen, (_, indent: string, ipv6: string | undefined, port: string, rest: string) => {
      if (ipv6) return '';
      const test = port === '80' ? ports.http : port === '443' ? ports.https : undefined;
      if (test === undefined) throw new Error(`${variants[variant].file}: a listen line on port ${port}; the tests know 80 and 443`);
      return `${indent}listen 127.0.0.1:${test}${rest};\n`;
    })
    .replace(roots, (_, indent: string) => `${indent}root ${root};`)
    // The test server's name is its address: redirects to https:// name it.
    .replace(/^([ \t]*)server_name\s[^;]*;/gm, (_, indent: string) => `${indent}server_name 127.0.0.1;`)
    .replace(/^([ \t]*)ssl_certificate\s[^;]*;/m, (_, indent: string) => `${indent}ssl_certificate ${tls.cert};`)
    .replace(/^([ \t]*)ssl_certificate_key\s[^;]*;/m, (_, indent: string) => `${indent}ssl_certificate_key ${tls.key};`);
}

/** Starts nginx serving `dist` with the given deploy variant. */
export async function startNginx(siteDir: string, variant: Variant = 'root', options: NginxOptions = {}): Promise<Nginx> {
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

  const tls = testCertificate();
  for (let attempt = 1; ; attempt++) {
    const ports = { http: await freePort(), https: await freePort() };
    const served = testServerConfig(variant, ports, root, tls);
    const config = options.edit ? options.edit(served) : served;
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
    const origin = `https://127.0.0.1:${ports.https}`;
    const ready = await waitUntilServing(`http://127.0.0.1:${ports.http}`, exited);
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
      httpOrigin: `http://127.0.0.1:${ports.http}`,
      base,
      documentRoot: root,
      ca: tls.pem,
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
      await fetch(origin, { redirect: 'manual', signal: AbortSignal.timeout(1000) });
      return true;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return false;
}
