import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { runSourceChecks } from '../../src/lib/checks/index.ts';
import { guideFrontmatter } from '../../src/lib/schemas.ts';
import { projectRoot } from '../support/astro-process.ts';
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

  test('refuses a login method that is not in the list, and says how to add it to src/content/methods.yaml', () => {
    const { root, status, output } = scaffold('ny-metode', '--title', 'Ny', '--method', 'mitid');
    expect(status).toBe(1);
    expect(output).toContain('"mitid" is not a login method in src/content/methods.yaml; the methods are: buypass-smartkort, buypass-app,');
    expect(output).toContain('Write its entry at the end of src/content/methods.yaml:\n    - id: mitid\n      choice: <the choice on "Velg elektronisk ID" that leads to it: bankid, buypass, commfides>');
    expect(output).toContain('--method mitid --choice <bankid | buypass | commfides> --label "<the words on that choice>"');
    // The message says all there is to do: no usage after it, as CONTRIBUTING shows it.
    expect(output).not.toContain('Usage:');
    expect(output).not.toContain('.ts');
    expect(existsSync(join(root, 'src/content/guides/nb/ny-metode.mdx'))).toBe(false);
  });

  test('adds a new method with --choice and --label only when its entry is right, and leaves the list as it was otherwise', () => {
    const list = readFileSync(join(projectRoot, 'src/content/methods.yaml'), 'utf8');
    const wrong = scaffold('mitid', '--title', 'MinID', '--method', 'mitid', '--choice', 'minid', '--label', 'MinID');
    expect(wrong.status).toBe(1);
    expect(wrong.output).toContain('"mitid" was not added to src/content/methods.yaml:\n  "minid" is not a choice on the "Velg elektronisk ID" screen; the choices are the regions of src/content/screenshots/velg-elektronisk-id.yaml: bankid, buypass, commfides');
    expect(readFileSync(join(wrong.root, 'src/content/methods.yaml'), 'utf8')).toBe(list);

    const added = scaffold('mitid', '--title', 'MinID', '--method', 'mitid', '--choice', 'bankid', '--label', 'BankID');
    expect(added.status, added.output).toBe(0);
    expect(added.output).toContain('✔ added the login method mitid to src/content/methods.yaml (choice bankid, label "BankID")');
    // The trust the preview shows offers the six methods it lists, not the new one: the command says what to do.
    expect(added.output).toContain('add mitid to methods: in src/trusts/xxhf.yaml');
    expect(readFileSync(join(added.root, 'src/content/methods.yaml'), 'utf8')).toBe(`${list}- id: mitid\n  choice: bankid\n  label: BankID\n`);
    expect(readFileSync(join(added.root, 'src/content/guides/nb/mitid.mdx'), 'utf8')).toContain('<Step title="Velg BankID" id="velg-bankid">');
  });

  test('does not change a method that is in the list already', () => {
    const { status, output } = scaffold('bankid-2', '--title', 'BankID 2', '--method', 'bankid', '--choice', 'bankid', '--label', 'Bank ID');
    expect(status).toBe(1);
    expect(output).toContain('"bankid" is in src/content/methods.yaml already (choice bankid, label "BankID"): leave out --choice and --label, or change them in that file');
  });
});
