/**
 * npm run new -- <page-name> --title "Tittel på bokmål" [--method <id>]
 * npm run new -- <page-name> --title "…" --method <new id> --choice <choice> --label "<words on it>"
 *
 * Creates src/content/guides/{nb,nn,en}/<page-name>.mdx with valid frontmatter and the
 * components in place, as a draft (src/lib/scaffold.ts). The method is one of
 * src/content/methods.yaml; with --choice and --label, a method not there yet is added to it
 * first. The page appears in the menu (in `npm run dev`) at once; remove `draft: true` to
 * publish it.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { locales } from '../src/i18n/locales.ts';
import { DRAFT_PREVIEW_PREFIX, draftPreviewPath } from '../src/guide/routing.ts';
import { formatProblem } from '../src/lib/checks/problems.ts';
import { choiceRegions, METHODS_FILE, parseLoginMethods, readLoginMethods, type LoginMethodEntry } from '../src/lib/methods.ts';
import { methodProblem, scaffoldPage, slugProblem } from '../src/lib/scaffold.ts';
import { loadTrusts, selectedTrustIds, trustIds, TRUSTS_DIR } from '../src/guide/trusts.ts';

const usage = [
  'Usage: npm run new -- <page-name> --title "Tittel på bokmål" [--method <login method>]',
  '       a login method not in src/content/methods.yaml yet: add --choice <choice on "Velg elektronisk ID"> --label "<the words on that choice>"',
].join('\n');

/** Stops with the message; with the usage too when the command itself is written wrong. */
function stop(message: string, withUsage = false): never {
  console.error(`✖ ${message}${withUsage ? `\n${usage}` : ''}`);
  process.exit(1);
}

const { values, positionals } = parseArgs({
  args: process.argv.slice(2),
  options: {
    title: { type: 'string' },
    method: { type: 'string' },
    choice: { type: 'string' },
    label: { type: 'string' },
    root: { type: 'string' },
  },
  allowPositionals: true,
});
const root = resolve(values.root ?? join(import.meta.dirname, '..'));
const guides = join(root, 'src/content/guides');
const slug = positionals[0];
if (!slug) stop('give the new page a name, e.g. buypass-nokkel', true);
if (!values.title?.trim()) stop('give the page a title with --title "…"', true);

const existing = readdirSync(join(guides, 'nb')).filter((f) => f.endsWith('.mdx')).map((f) => f.slice(0, -4));
const problem = slugProblem(slug, existing);
if (problem) stop(problem);
for (const locale of locales) {
  if (existsSync(join(guides, locale, `${slug}.mdx`))) stop(`src/content/guides/${locale}/${slug}.mdx already exists: choose another name, or edit that file`);
}
if ((values.choice !== undefined || values.label !== undefined) && values.method === undefined) {
  stop('--choice and --label describe a new login method: give its id with --method too', true);
}

/** The method's entry: from the list, or added to it now with --choice and --label. */
function methodEntry(id: string): LoginMethodEntry {
  const list = readLoginMethods(root);
  if (list.problems.some((p) => p.severity === 'error')) {
    stop(`${METHODS_FILE} has mistakes; correct them first (npm run check lists them too):\n${list.problems.map(formatProblem).join('\n')}`);
  }
  const listed = list.methods.find((m) => m.id === id);
  if (listed) {
    if (values.choice !== undefined || values.label !== undefined) {
      stop(`"${id}" is in ${METHODS_FILE} already (choice ${listed.choice}, label "${listed.label}"): leave out --choice and --label, or change them in that file`);
    }
    return listed;
  }
  const choices = choiceRegions(root) ?? [];
  if (values.choice === undefined || values.label === undefined) stop(methodProblem(id, list.methods, choices)!);
  return addMethod(id, values.choice, values.label);
}

/** Adds an entry at the end of src/content/methods.yaml, once the list with it passes its checks. */
function addMethod(id: string, choice: string, label: string): LoginMethodEntry {
  const path = join(root, METHODS_FILE);
  const before = readFileSync(path, 'utf8');
  const entry = `- id: ${stringify(id).trimEnd()}\n  choice: ${stringify(choice).trimEnd()}\n  label: ${stringify(label.trim()).trimEnd()}\n`;
  const text = `${before}${before.endsWith('\n') || before === '' ? '' : '\n'}${entry}`;
  const checked = parseLoginMethods(root, text);
  const added = checked.methods.find((m) => m.id === id);
  if (!added || checked.problems.some((p) => p.severity === 'error')) {
    stop(`"${id}" was not added to ${METHODS_FILE}:\n${checked.problems.map((p) => `  ${p.message}`).join('\n')}`);
  }
  writeFileSync(path, text);
  console.log(`✔ added the login method ${id} to ${METHODS_FILE} (choice ${added.choice}, label "${added.label}")`);
  return added;
}

const method = values.method === undefined ? undefined : methodEntry(values.method);

// After the last page of the same kind (method pages before help pages).
const orders = existing.map((name) => {
  const text = readFileSync(join(guides, 'nb', `${name}.mdx`), 'utf8');
  const order = Number(/^order:\s*(-?\d+)/m.exec(text)?.[1] ?? 0);
  const isMethod = /^method:/m.test(text);
  return { order, isMethod };
});
const sameKind = orders.filter((o) => o.isMethod === Boolean(method)).map((o) => o.order);
const order = Math.max(0, ...sameKind) + 1;

const files = scaffoldPage({
  slug,
  title: values.title!.trim(),
  ...(method ? { method } : {}),
  order,
  today: new Date().toISOString().slice(0, 10),
});
for (const locale of locales) {
  mkdirSync(join(guides, locale), { recursive: true });
  const file = join(guides, locale, `${slug}.mdx`);
  writeFileSync(file, files[locale]);
  console.log(`✔ created src/content/guides/${locale}/${slug}.mdx`);
}

// A trust shows a method page only when it offers the method (methods: in its file).
const preview = selectedTrustIds()[0]!;
const { trusts } = loadTrusts(root, trustIds(root));
const offers = (id: string) => trusts.some((t) => t.id === id && (t.values.methods.value === null || t.values.methods.value.includes(method!.id)));
const previews = locales.map((l) => draftPreviewPath(l, slug)).join(', ');
console.log(`\nThe page is a draft: \`npm run dev\` shows it at ${previews}, marked as a draft, and lists it at ${DRAFT_PREVIEW_PREFIX}/; it is not published.`);
if (method && !offers(preview)) {
  console.log(`The trust the preview shows does not offer ${method.id} yet, and the preview says so on the page. A trust publishes the page only`);
  console.log(`once its file lists the method: add ${method.id} to methods: in ${TRUSTS_DIR}/${preview}.yaml, and in the file of every trust that offers it.`);
}
console.log('Replace every "SKRIV HER" / "WRITE HERE" text in the three files and translate the titles, then remove `draft: true` from each');
console.log(`and record the translations: npm run translated -- nn/${slug} en/${slug}`);
