/**
 * A page made by `npm run new` for a login method is shaped like the real method pages and
 * passes the same checks: in a copy of the project, the scaffold's three files produce no
 * error, and no warning the real method pages do not also produce, while they are drafts.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Heading } from 'mdast';
import type { MdxJsxAttribute, MdxJsxAttributeValueExpression, MdxJsxFlowElement } from 'mdast-util-mdx-jsx';
import { toString } from 'mdast-util-to-string';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { locales } from '../../src/i18n/locales.ts';
import { runSourceChecks, type Problem } from '../../src/lib/checks/index.ts';
import type { GuideFile, Project } from '../../src/lib/checks/project.ts';
import { scaffoldPlaceholders } from '../../src/lib/scaffold.ts';
import { copyProject } from '../support/built-site.ts';
import { today } from './helpers.ts';

const SLUG = 'buypass-ny';
let root: string;
let project: Project;
let problems: Problem[];
let output: string;

beforeAll(async () => {
  root = copyProject({});
  // A new Buypass ID method, added to src/content/methods.yaml by the command itself.
  const args = [SLUG, '--title', 'Buypass ID ny', '--method', SLUG, '--choice', 'buypass', '--label', 'Buypass ID', '--root', root];
  const run = spawnSync(process.execPath, [join(import.meta.dirname, '../../scripts/new.ts'), ...args], { encoding: 'utf8' });
  output = `${run.stdout}${run.stderr}`;
  expect(run.status, output).toBe(0);
  ({ project, problems } = await runSourceChecks(root, { translations: false, now: today }));
});

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

const scaffolded = (locale: string) => project.guides.find((g) => g.locale === locale && g.slug === SLUG)!;
/** The real login-method pages of a language (every page with a method, but the new one). */
const methodPages = (locale: string) => project.guides.filter((g) => g.locale === locale && g.slug !== SLUG && typeof g.data.method === 'string');

const jsx = (node: unknown, name: string): node is MdxJsxFlowElement =>
  (node as MdxJsxFlowElement).type === 'mdxJsxFlowElement' && (node as MdxJsxFlowElement).name === name;
const attribute = (element: MdxJsxFlowElement, name: string) =>
  (element.attributes.find((a): a is MdxJsxAttribute => a.type === 'mdxJsxAttribute' && a.name === name)?.value ?? undefined) as
    | string
    | MdxJsxAttributeValueExpression
    | undefined;
const source = (guide: GuideFile, node: { position?: { start: { offset?: number }; end: { offset?: number } } }) =>
  guide.text.slice(node.position!.start.offset, node.position!.end.offset);

/** What a reader sees of a page's layout: its headings, the steps' heading level, each step's id. */
function shape(guide: GuideFile) {
  const tree = guide.tree!;
  const steps = tree.children.find((n) => jsx(n, 'Steps')) as MdxJsxFlowElement;
  const level = attribute(steps, 'level');
  const stepElements = steps.children.filter((n): n is MdxJsxFlowElement => jsx(n, 'Step'));
  return {
    headings: tree.children.filter((n): n is Heading => n.type === 'heading').map((h) => `${'#'.repeat(h.depth)} ${toString(h)}`),
    stepsLevel: typeof level === 'object' ? level?.value : level,
    stepIds: stepElements.map((s) => attribute(s, 'id')),
    steps: stepElements.map((s) => source(guide, s)),
    /** From the last heading to the end: the help every method page closes with. */
    closing: guide.text.slice(tree.children.filter((n) => n.type === 'heading').at(-1)!.position!.start.offset).trim(),
    access: tree.children.filter((n) => n.type === 'paragraph' && source(guide, n).includes('portalAccessName')).map((n) => source(guide, n)),
  };
}

/** `rule` of each problem of a severity in the given files. */
const rules = (found: readonly Problem[], files: readonly string[], severity: Problem['severity']) =>
  [...new Set(found.filter((p) => p.severity === severity && files.includes(p.file)).map((p) => p.rule))].sort();

describe('npm run new for a login method', () => {
  test('adds the new method to src/content/methods.yaml and says so', () => {
    expect(output).toContain(`✔ added the login method ${SLUG} to src/content/methods.yaml (choice buypass, label "Buypass ID")`);
    expect(readFileSync(join(root, 'src/content/methods.yaml'), 'utf8')).toMatch(new RegExp(`\\n- id: ${SLUG}\\n  choice: buypass\\n  label: Buypass ID\\n$`));
    expect(problems.filter((p) => p.file === 'src/content/methods.yaml')).toEqual([]);
  });

  test('writes a draft in every language that the checks find no error in', () => {
    for (const locale of locales) expect(scaffolded(locale).draft, locale).toBe(true);
    const files = locales.map((l) => scaffolded(l).file);
    expect(problems.filter((p) => p.severity === 'error' && files.includes(p.file))).toEqual([]);
  });

  test('gets no warning, rule by rule, that the real method pages do not get too', () => {
    const files = locales.map((l) => scaffolded(l).file);
    const real = locales.flatMap((l) => methodPages(l).map((g) => g.file));
    expect(real.length).toBeGreaterThanOrEqual(locales.length * 6);
    const own = rules(problems, files, 'warning');
    expect(own.filter((rule) => !rules(problems, real, 'warning').includes(rule))).toEqual([]);
  });

  test.each(locales)('is laid out like the real method pages in %s: headings, <Steps level={3}>, an id on every step, the same first step', (locale) => {
    const page = shape(scaffolded(locale));
    const real = methodPages(locale).map(shape);
    expect(real.length).toBeGreaterThan(0);
    for (const other of real) {
      expect(page.headings).toEqual(other.headings);
      expect(page.stepsLevel).toBe(other.stepsLevel);
      expect(page.stepIds[0]).toBe(other.stepIds[0]);
      // The first step, how the login starts, is the same text on every method page.
      expect(page.steps[0]).toBe(other.steps[0]);
      expect(page.closing).toBe(other.closing);
      expect(page.access).toEqual(other.access);
    }
    expect(page.stepsLevel).toBe('3');
    expect(page.stepIds.every((id) => typeof id === 'string' && /^[a-z0-9-]+$/.test(id))).toBe(true);
    expect(page.stepIds.length).toBe(3);
  });

  test.each(locales)('chooses the method on "Velg elektronisk ID" as the real Buypass pages do in %s', (locale) => {
    const page = shape(scaffolded(locale));
    const real = shape(methodPages(locale).find((g) => g.slug === 'buypass-app')!);
    expect(page.stepIds[1]).toBe('velg-buypass');
    expect(page.steps[1]).toBe(real.steps[real.stepIds.indexOf('velg-buypass')]);
  });

  test.each(locales)('holds every placeholder of %s, and no real page holds any of them', (locale) => {
    const text = readFileSync(join(root, scaffolded(locale).file), 'utf8');
    for (const placeholder of scaffoldPlaceholders(locale)) expect(text).toContain(placeholder);
    for (const page of project.guides.filter((g) => g.slug !== SLUG)) {
      for (const placeholder of locales.flatMap(scaffoldPlaceholders)) expect(page.text, page.file).not.toContain(placeholder);
    }
  });
});
