/**
 * npm run new -- <page-name> --title "Tittel på bokmål" [--method bankid]
 *
 * Creates src/content/guides/{nb,nn,en}/<page-name>.mdx with valid frontmatter and
 * the components in place, as a draft. The page appears in the menu (in `npm run dev`)
 * at once; remove `draft: true` to publish it.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { locales } from '../src/i18n/locales.ts';
import { methodProblem, scaffoldPage, slugProblem } from '../src/lib/scaffold.ts';
import type { LoginMethod } from '../src/lib/methods.ts';

const usage = 'Usage: npm run new -- <page-name> --title "Tittel på bokmål" [--method <login method>]';

function stop(message: string): never {
  console.error(`✖ ${message}\n${usage}`);
  process.exit(1);
}

const { values, positionals } = parseArgs({
  args: process.argv.slice(2),
  options: { title: { type: 'string' }, method: { type: 'string' }, root: { type: 'string' } },
  allowPositionals: true,
});
const root = resolve(values.root ?? join(import.meta.dirname, '..'));
const guides = join(root, 'src/content/guides');
const slug = positionals[0];
if (!slug) stop('give the new page a name, e.g. buypass-nokkel');
if (!values.title?.trim()) stop('give the page a title with --title "…"');

const existing = readdirSync(join(guides, 'nb')).filter((f) => f.endsWith('.mdx')).map((f) => f.slice(0, -4));
const problem = slugProblem(slug, existing);
if (problem) stop(problem);
for (const locale of locales) {
  if (existsSync(join(guides, locale, `${slug}.mdx`))) stop(`src/content/guides/${locale}/${slug}.mdx already exists: choose another name, or edit that file`);
}
if (values.method) {
  const wrong = methodProblem(values.method);
  if (wrong) stop(wrong);
}

// After the last page of the same kind (method pages before help pages).
const orders = existing.map((name) => {
  const text = readFileSync(join(guides, 'nb', `${name}.mdx`), 'utf8');
  const order = Number(/^order:\s*(-?\d+)/m.exec(text)?.[1] ?? 0);
  const isMethod = /^method:/m.test(text);
  return { order, isMethod };
});
const sameKind = orders.filter((o) => o.isMethod === Boolean(values.method)).map((o) => o.order);
const order = Math.max(0, ...sameKind) + 1;

const files = scaffoldPage({
  slug,
  title: values.title!.trim(),
  ...(values.method ? { method: values.method as LoginMethod } : {}),
  order,
  today: new Date().toISOString().slice(0, 10),
});
for (const locale of locales) {
  mkdirSync(join(guides, locale), { recursive: true });
  const file = join(guides, locale, `${slug}.mdx`);
  writeFileSync(file, files[locale]);
  console.log(`✔ created src/content/guides/${locale}/${slug}.mdx`);
}
console.log(`\nThe page is a draft: it shows in \`npm run dev\` at /${slug}/, not in the published site.`);
console.log('Write the steps in all three files, then remove `draft: true` from each.');
