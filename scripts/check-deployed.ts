/**
 * npm run check:deployed -- <url>: checks the guide as it is published, over HTTP(S), the
 * way readers get it.
 *
 *   npm run check:deployed -- https://veiledning.intranett.example/
 *   npm run check:deployed -- https://intranett.example/veiledning/ --external
 *
 * - Links: linkinator crawls every page and file under the address (its origin and path: a
 *   guide at https://host/veiledning/ is crawled there, not the rest of the host), CSS
 *   url()s included, and reports each broken link with the page it is on. Links to the rest
 *   of the host are checked but not followed (a guide built for the wrong base path links
 *   there); links to other sites are checked only with --external.
 * - Headers: a sample of responses (the start page, one page per language folder, the
 *   search page, a page that does not exist, and a CSS, JavaScript, image and PDF file the
 *   crawl found, Pagefind's pagefind.js, pagefind-entry.json and an index file) must carry
 *   every security header and the Cache-Control of src/lib/headers.ts, exactly.
 * - HTTPS: the https:// address must answer itself, not with a redirect, and plain http://
 *   must redirect to https://. A guide served only over http:// is a warning.
 *
 * Exit 0 when nothing is wrong (warnings allowed), 1 on a broken link or a missing or wrong
 * header, 2 on wrong usage. Intranet certificate authorities: see `--help` (Node's
 * NODE_EXTRA_CA_CERTS and --use-system-ca apply to linkinator's requests and to this
 * script's own; both were tried against a server with a self-signed certificate).
 */
import { parseArgs } from 'node:util';
import { LinkChecker, LinkState } from 'linkinator';
import { defaultLocale, locales } from '../src/i18n/locales.ts';
import { SEARCH_ENTRY_PATH, searchPath } from '../src/guide/routing.ts';
import { cacheControlFor, isContentHashed, securityHeaders } from '../src/lib/headers.ts';

const usage = `Usage: npm run check:deployed -- <url> [--external] [--http URL] [--timeout MS] [--retries N] [--concurrency N]

Checks the guide published at <url>, the address of its start page (e.g.
https://veiledning.intranett.example/ or https://intranett.example/veiledning/): broken links
on every page, the security and cache headers on a sample of pages and files, and HTTPS.

  --external        also check links to other sites (by default only links within this host)
  --http URL        the plain-HTTP address that must redirect to https (default: <url> with
                    http://, when the site is on the standard port)
  --timeout MS      per request (default 10000)
  --retries N       further attempts after no answer or a 5xx (default 2)
  --concurrency N   requests at once (default 8)

HTTPS with an intranet certificate authority (CA): Node trusts the public CAs only. Give it
yours as a PEM file (it honours NODE_EXTRA_CA_CERTS for every request this check makes):
  NODE_EXTRA_CA_CERTS=/path/to/intranet-ca.pem npm run check:deployed -- https://…
or, when the CA is installed in the operating system's certificate store:
  NODE_OPTIONS=--use-system-ca npm run check:deployed -- https://…

Exit 0: no problems (warnings allowed). 1: a broken link, or a missing or wrong header or
redirect. 2: wrong usage.`;

function fail(message: string): never {
  console.error(`${message}\n\n${usage}`);
  process.exit(2);
}

function parseOptions() {
  try {
    return parseArgs({
      args: process.argv.slice(2),
      allowPositionals: true,
      options: {
        external: { type: 'boolean', default: false },
        http: { type: 'string' },
        timeout: { type: 'string', default: '10000' },
        retries: { type: 'string', default: '2' },
        concurrency: { type: 'string', default: '8' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    fail((error as Error).message);
  }
}
const { values, positionals } = parseOptions();
if (values.help) {
  console.log(usage);
  process.exit(0);
}

const number = (name: string, value: string, min: number) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) fail(`--${name} takes a whole number of at least ${min}, not "${value}"`);
  return n;
};
const timeoutMs = number('timeout', values.timeout, 1);
const retries = number('retries', values.retries, 0);
const concurrency = number('concurrency', values.concurrency, 1);

/** An http(s) address given on the command line, as the folder the site lives in. */
function siteAddress(text: string | undefined, what: string): URL {
  if (!text) fail(`Give the ${what}, e.g. npm run check:deployed -- https://veiledning.intranett.example/`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    fail(`"${text}" is not a web address: give the ${what} with https:// in front`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') fail(`"${text}" is not an http:// or https:// address: give the ${what}`);
  url.hash = '';
  url.search = '';
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}
if (positionals.length > 1) fail(`Give one address, not ${positionals.length}`);
const given = siteAddress(positionals[0], "address of the guide's start page");
/** The deploy file whose lines the advice names: the guide at a host's root, or under a sub-path. */
const deployFile = given.pathname === '/' ? 'deploy/nginx.conf' : 'deploy/nginx-subpath.conf';
const httpGiven = values.http === undefined ? undefined : siteAddress(values.http, 'plain-HTTP address');
if (httpGiven && (given.protocol !== 'https:' || httpGiven.protocol !== 'http:')) {
  fail('--http names the http:// address of a site checked at its https:// address');
}

interface Finding {
  severity: 'error' | 'warning';
  kind: 'answer' | 'link' | 'https' | 'header';
  /** The page or file the problem is on. */
  url: string;
  /** What is wrong, and what to do. */
  message: string;
}
const findings: Finding[] = [];
const report = (severity: Finding['severity'], kind: Finding['kind'], url: string, message: string) => findings.push({ severity, kind, url, message });

/** Certificate errors that mean "signed by a CA Node does not know". */
const UNKNOWN_CA = new Set(['SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE']);

/** Why a request failed: a timeout, or the error code (ECONNREFUSED, ENOTFOUND, a certificate error). */
function describeError(error: unknown): string {
  const name = (error as { name?: string }).name;
  if (name === 'TimeoutError' || name === 'AbortError') return `no answer within ${timeoutMs / 1000} s`;
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message ?? String(error);
}

/** What to do about a certificate the check does not accept, by Node's error code. */
function certificateAdvice(code: string): string | undefined {
  if (UNKNOWN_CA.has(code)) return "the server's certificate is signed by a CA Node does not trust; if it is your intranet's, give that CA with NODE_EXTRA_CA_CERTS=/path/to/ca.pem (see --help)";
  if (code === 'CERT_HAS_EXPIRED') return "the server's certificate has expired: renew it, and point ssl_certificate at the new one";
  if (code === 'CERT_NOT_YET_VALID') return "the server's certificate is not valid yet: check the server's clock, or the certificate's start date";
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return "the server's certificate is for another host name: use a certificate that names this host (subjectAltName), or the address it names";
  return undefined;
}

/** "does not answer (why): what to do", where a certificate the check does not accept has its own advice. */
const noAnswer = (detail: string, advice: string) => `does not answer (${detail}): ${certificateAdvice(detail) ?? advice}`;
const CHECK_SERVER = 'check the address, and that the server is running';
const PUBLISH = 'check the address, and publish the whole built site (dist/) there';

const USER_AGENT = 'logg-inn-hjemmefra deploy check (+https://github.com/helse-sor-ost/logg-inn-hjemmefra)';

type Answer = { status: number; headers: Headers } | { error: string };

/** One GET without following redirects: the status and headers the server sends for this address. */
async function ask(url: string): Promise<Answer> {
  try {
    const response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(timeoutMs), headers: { 'user-agent': USER_AGENT } });
    await response.body?.cancel().catch(() => undefined);
    return { status: response.status, headers: response.headers };
  } catch (error) {
    return { error: describeError(error) };
  }
}

const isRedirect = (status: number) => status >= 300 && status < 400;
const withProtocol = (url: URL, protocol: 'http:' | 'https:') => {
  const copy = new URL(url);
  copy.protocol = protocol;
  return copy;
};
/** Whether a redirect leads to the same address over https: host, path and query (a port may differ behind a proxy). */
const isHttpsOf = (location: string, site: URL, asked: URL) => {
  if (!URL.canParse(location)) return false;
  const to = new URL(location);
  return to.protocol === 'https:' && to.hostname === site.hostname && to.pathname === asked.pathname && to.search === asked.search;
};
const locationOf = (answer: { headers: Headers }, from: string) => {
  const location = answer.headers.get('location');
  if (!location) return '(no Location header)';
  return URL.canParse(location, from) ? new URL(location, from).href : location;
};

/**
 * HTTPS: an https:// start page answers itself, and http:// redirects there. Returns the
 * address to crawl: the https:// one where the site has it.
 */
async function checkTransport(): Promise<URL | undefined> {
  const standardPort = given.port === '';
  let site = given;
  if (given.protocol === 'http:') {
    const https = withProtocol(given, 'https:');
    const secure = standardPort ? await ask(https.href) : undefined;
    if (!secure || 'error' in secure || secure.status >= 300) {
      const why = standardPort ? 'nothing answers at its https:// address' : 'give its https:// address to check that';
      report('warning', 'https', given.href, `the guide is served over plain HTTP (${why}): publish it over HTTPS (${deployFile}); Strict-Transport-Security is checked over HTTPS only`);
      const start = await ask(given.href);
      if ('error' in start) {
        report('error', 'answer', given.href, `the start page ${noAnswer(start.error, CHECK_SERVER)}`);
        return undefined;
      }
      return given;
    }
    site = https;
    console.log(`  The guide answers at ${site.href}: checking it there`);
  }

  const start = await ask(site.href);
  if ('error' in start) {
    report('error', 'answer', site.href, `the start page ${noAnswer(start.error, CHECK_SERVER)}`);
    return undefined;
  }
  if (isRedirect(start.status)) {
    report('error', 'https', site.href, `answers ${start.status}, a redirect to ${locationOf(start, site.href)}: an https:// address must serve the page itself; check the address, and the server's redirects`);
  }

  // The plain-HTTP address readers may type: the one given, or the site's on port 80.
  const plain = httpGiven ?? (given.protocol === 'http:' ? given : standardPort ? withProtocol(site, 'http:') : undefined);
  if (!plain) {
    console.log(`  (http:// to https:// not checked: the site is on port ${site.port}; give its plain-HTTP address with --http)`);
    return site;
  }
  const answer = await ask(plain.href);
  if ('error' in answer) {
    report('warning', 'https', plain.href, noAnswer(answer.error, `readers who type the address without https:// get an error; redirect http:// to https:// (${deployFile} does)`));
  } else if (!isRedirect(answer.status) || !isHttpsOf(locationOf(answer, plain.href), site, plain)) {
    const what = isRedirect(answer.status) ? `redirects to ${locationOf(answer, plain.href)}` : `answers ${answer.status}`;
    report('error', 'https', plain.href, `${what} over plain HTTP: redirect every http:// address to the same https:// address (${deployFile} does)`);
  }
  return site;
}

/**
 * Every broken link, with the page it is on. Linkinator crawls from the start page; the
 * search pages, which only the search pages link to, are checked in a second run from
 * there. Returns what the two found working, and what broken.
 */
async function checkLinks(site: URL): Promise<{ found: string[]; broken: Set<string> }> {
  const inSite = (href: string) => href.startsWith(site.href);
  const run = async (path: string | string[], recurse: boolean) => {
    const checker = new LinkChecker();
    checker.on('retry', ({ url, status, secondsUntilRetry }) =>
      console.log(`  ${status === 0 ? 'no answer' : status} from ${url}: asking again in ${secondsUntilRetry} s`),
    );
    const { links } = await checker.check({
      path,
      // Linkinator follows links that start with the address it was given, on the same host.
      recurse,
      checkCss: true,
      timeout: timeoutMs,
      concurrency,
      retry: true,
      retryErrors: retries > 0,
      retryErrorsCount: retries,
      userAgent: USER_AGENT,
      // Other sites only with --external; the rest of this host is checked, never crawled.
      linksToSkip: async (href) => !values.external && new URL(href).origin !== site.origin,
    });
    return links;
  };
  const crawled = await run(site.href, true);
  const seen = new Set(crawled.map((l) => l.url));
  const searchPages = locales.map((locale) => new URL(searchPath(locale).slice(1), site).href).filter((url) => !seen.has(url));
  const links = [...crawled, ...(searchPages.length > 0 ? await run(searchPages, false) : [])];

  const reported = new Set<string>();
  for (const link of links.filter((l) => l.state === LinkState.BROKEN)) {
    const key = `${link.url} ${link.parent}`;
    // A 404 page's own "skip to content" link leads back to the missing address: said once.
    if (reported.has(key) || link.parent === link.url) continue;
    reported.add(key);
    const what = link.parent ? `broken link to ${link.url}, which` : link.url === site.href ? 'the start page' : 'the search page';
    const advice = link.parent ? 'fix the link, or publish what it points to' : PUBLISH;
    if (link.status) {
      report('error', 'link', link.parent ?? link.url, `${what} answers ${link.status}: ${advice}`);
    } else {
      const error = link.failureDetails?.findLast((d): d is Error => d instanceof Error);
      report('error', link.parent ? 'link' : 'answer', link.parent ?? link.url, `${what} ${noAnswer(error ? describeError(error) : 'no answer', link.parent ? 'check it in a browser, then fix or remove the link' : CHECK_SERVER)}`);
    }
  }
  const checked = new Set(links.filter((l) => l.state !== LinkState.SKIPPED).map((l) => l.url));
  const skipped = new Set(links.filter((l) => l.state === LinkState.SKIPPED).map((l) => l.url));
  const outside = values.external ? '' : `; ${skipped.size} on other sites not checked (--external checks them)`;
  console.log(`  Links: ${checked.size} addresses checked${outside}`);
  return {
    found: [...new Set(links.filter((l) => l.state === LinkState.OK && inSite(l.url)).map((l) => l.url))].sort(),
    broken: new Set(links.filter((l) => l.state === LinkState.BROKEN).map((l) => l.url)),
  };
}

interface Sample {
  url: string;
  what: string;
  /** 404 for the page that does not exist; 200 for everything else. */
  status: 200 | 404;
}

/** A file's path within the guide, from its base: https://host/veiledning/_astro/x.css → /_astro/x.css. */
const pathWithin = (site: URL, url: string) => `/${new URL(url).pathname.slice(site.pathname.length)}`;

/** The responses whose headers are checked: fixed pages, and files of each kind the crawl found. */
async function samples(site: URL, found: readonly string[]): Promise<Sample[]> {
  const at = (path: string) => new URL(path.slice(1), site).href;
  const paths = found.map((url) => ({ url, path: pathWithin(site, url) }));
  const first = (what: string, ...tests: ((path: string) => boolean)[]): Sample[] => {
    for (const test of tests) {
      const file = paths.find((p) => test(p.path));
      if (file) return [{ url: file.url, what, status: 200 }];
    }
    return [];
  };
  const list: Sample[] = [{ url: site.href, what: 'the start page', status: 200 }];
  for (const locale of locales.filter((l) => l !== defaultLocale)) {
    const folder = `/${locale}/`;
    const page = first(`a page in ${folder}`, (p) => p === folder, (p) => p.startsWith(folder) && p.endsWith('/'));
    if (page.length === 0) report('warning', 'link', at(folder), `the crawl found no page under ${folder}: is that language missing from the published site?`);
    list.push(...page);
  }
  const image = (p: string) => /\.(avif|webp|png|jpe?g|gif|svg)$/.test(p);
  list.push(
    { url: at(searchPath(defaultLocale)), what: 'the search page', status: 200 },
    { url: at('/check-deployed-no-such-page/'), what: 'a page that does not exist', status: 404 },
    ...first('a CSS file', (p) => p.endsWith('.css')),
    ...first('a JavaScript file', (p) => p.endsWith('.js') && p !== SEARCH_ENTRY_PATH),
    // A screenshot named by its content (cached for a year) where there is one.
    ...first('an image', (p) => image(p) && isContentHashed(p), image),
    ...first('a PDF', (p) => p.endsWith('.pdf')),
    { url: at(SEARCH_ENTRY_PATH), what: "Pagefind's script", status: 200 },
  );
  // Pagefind's index files are named in pagefind-entry.json, not linked from a page.
  const entryJson = at('/pagefind/pagefind-entry.json');
  list.push({ url: entryJson, what: "Pagefind's entry file", status: 200 });
  try {
    const response = await fetch(entryJson, { signal: AbortSignal.timeout(timeoutMs), headers: { 'user-agent': USER_AGENT } });
    const entry = (await response.json()) as { languages?: Record<string, { hash?: string }> };
    const hash = entry.languages?.[defaultLocale]?.hash ?? Object.values(entry.languages ?? {})[0]?.hash;
    if (hash) list.push({ url: at(`/pagefind/pagefind.${hash}.pf_meta`), what: 'a Pagefind index file', status: 200 });
  } catch {
    // The entry file's own answer is reported with the samples.
  }
  return list;
}

const displayName = (name: string) => name.replace(/(^|-)([a-z])/g, (_, dash: string, letter: string) => `${dash}${letter.toUpperCase()}`);

/** The security headers on every sample, and the Cache-Control on those that answer 200. */
async function checkHeaders(site: URL, list: readonly Sample[], brokenUrls: ReadonlySet<string>): Promise<void> {
  const answers = await Promise.all(list.map(async (sample) => ({ sample, answer: await ask(sample.url) })));
  for (const { sample, answer } of answers) {
    const { url } = sample;
    if ('error' in answer) {
      report('error', 'answer', url, `${sample.what} ${noAnswer(answer.error, CHECK_SERVER)}`);
      continue;
    }
    console.log(`  ${String(answer.status).padEnd(4)} ${sample.what}: ${url}`);
    if (sample.status === 404 && answer.status !== 404) {
      report('error', 'header', url, `${sample.what} answers ${answer.status}, not 404: send the not-found page with status 404 (error_page 404 in ${deployFile})`);
    } else if (sample.status === 200 && answer.status !== 200 && !brokenUrls.has(url)) {
      const redirect = isRedirect(answer.status) ? `, a redirect to ${locationOf(answer, url)}` : '';
      report('error', 'link', url, `${sample.what} answers ${answer.status}${redirect}, not 200: ${PUBLISH}`);
    }
    for (const [name, value] of Object.entries(securityHeaders)) {
      // Sent over HTTPS only: browsers ignore it over plain HTTP.
      if (name === 'strict-transport-security' && site.protocol !== 'https:') continue;
      const sent = answer.headers.get(name);
      if (sent === null) report('error', 'header', url, `no ${displayName(name)} header: send "${displayName(name)}: ${value}" with every response, error pages included (${deployFile})`);
      else if (sent !== value) report('error', 'header', url, `${displayName(name)} is "${sent}", not "${value}" (${deployFile})`);
    }
    if (sample.status !== 200 || answer.status !== 200) continue;
    const path = pathWithin(site, url);
    const expected = cacheControlFor(path);
    const sent = answer.headers.get('cache-control');
    if (sent !== expected) {
      const why = isContentHashed(path) ? 'its name holds a hash of its content, so it may be kept for a year' : 'it keeps its name when it changes, so browsers must ask again on every use';
      report('error', 'header', url, `Cache-Control is ${sent === null ? 'missing' : `"${sent}"`}, not "${expected}": ${why} (${deployFile})`);
    }
  }
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Per kind, in the order the report lists them, with the words its summary counts them in. */
const KINDS: Record<Finding['kind'], [one: string, many: string]> = {
  answer: ['address that does not answer', 'addresses that do not answer'],
  link: ['broken link', 'broken links'],
  https: ['HTTPS problem', 'HTTPS problems'],
  header: ['header problem', 'header problems'],
};
const kindOrder = Object.keys(KINDS) as Finding['kind'][];

/** One line per problem (the page or file, then what is wrong and what to do), warnings apart, and a summary. */
function printReport(): void {
  const sorted = [...findings].sort(
    (a, b) => kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind) || a.url.localeCompare(b.url) || a.message.localeCompare(b.message),
  );
  const errors = sorted.filter((f) => f.severity === 'error');
  const warnings = sorted.filter((f) => f.severity === 'warning');
  const line = (f: Finding) => `${f.url}  ${f.message}`;
  const out: string[] = [''];
  out.push(...errors.map(line));
  if (warnings.length > 0) {
    if (errors.length > 0) out.push('');
    out.push('Warnings:', ...warnings.map(line));
  }
  if (out.length > 1) out.push('');
  const counts = kindOrder.flatMap((kind) => {
    const n = errors.filter((f) => f.kind === kind).length;
    return n > 0 ? [plural(n, ...KINDS[kind])] : [];
  });
  const warningNote = warnings.length > 0 ? ` (${plural(warnings.length, 'warning', 'warnings')})` : '';
  out.push(errors.length > 0 ? `✖ ${counts.join(', ')}${warningNote}` : `✔ No problems${warningNote}`);
  console.log(out.join('\n'));
}

console.log(`Checking ${given.href}${values.external ? ', links to other sites included' : ''} …`);
const site = await checkTransport();
if (site) {
  const { found, broken } = await checkLinks(site);
  await checkHeaders(site, await samples(site, found), broken);
}
printReport();
process.exit(findings.some((f) => f.severity === 'error') ? 1 : 0);
