import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { runSourceChecks } from '../../src/lib/checks/index.ts';
import { guideFrontmatter } from '../../src/lib/schemas.ts';
import { copyProject } from '../support/built-site.ts';

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function scaffold(...args: string[]) {
  const root = copyProject({});
  made.push(root);
  const run = spawnSync(process.execPath, [join(import.meta.dirname, '../../scripts/new.ts'), ...args, '--root', root], { encoding: 'utf8' });
  return { root, status: run.status, output: run.stdout + run.stderr };
}

describe('npm run new', () => {
  test('creates the page in every language with valid frontmatter, as a draft, and the checks find nothing wrong', async () => {
    const { root, status, output } = scaffold('buypass-test', '--title', 'Buypass test', '--method', 'bankid');
    expect(status, output).toBe(0);
    for (const locale of ['nb', 'nn', 'en']) {
      const text = readFileSync(join(root, `src/content/guides/${locale}/buypass-test.mdx`), 'utf8');
      const data = parse(/^---\n([\s\S]*?)\n---/.exec(text)![1]!);
      const parsed = guideFrontmatter.safeParse({ ...data, lastReviewed: new Date(data.lastReviewed) });
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
      expect(parsed.data).toMatchObject({ method: 'bankid', draft: true, review: 'awaiting-owner-review' });
    }
    const { problems } = await runSourceChecks(root, { translations: false });
    expect(problems.filter((p) => p.severity === 'error' && p.file.includes('buypass-test'))).toEqual([]);
  });

  test('refuses a page name that is taken, and says which file has it', () => {
    const { status, output } = scaffold('bankid', '--title', 'BankID igjen');
    expect(status).toBe(1);
    expect(output).toContain('src/content/guides/nb/bankid.mdx already exists: choose another name, or edit that file');
  });

  test('refuses a login method that is not in the list, and says where the list is', () => {
    const { status, output } = scaffold('ny-metode', '--title', 'Ny', '--method', 'mitid');
    expect(status).toBe(1);
    expect(output).toContain('method "mitid" is not one of');
    expect(output).toContain('src/lib/methods.ts');
  });
});
