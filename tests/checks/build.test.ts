import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build, copyProject, removeFixtures } from './helpers.ts';

afterAll(removeFixtures);

/** Every file under dist/ with its size and modification time, to prove nothing changed. */
function snapshot(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .sort()
    .map((file) => {
      const stat = statSync(join(dir, file));
      return `${file} ${stat.isDirectory() ? 'dir' : `${stat.size} ${stat.mtimeMs}`}`;
    });
}

describe('npm run build with the checks', () => {
  it('publishes a clean site, and leaves dist/ as it was when a check fails', { timeout: 600_000 }, () => {
    const root = copyProject('fixture');
    const dist = join(root, 'dist');

    const clean = build(root);
    expect(clean.output).toContain('✔ Built dist/');
    expect(clean.status).toBe(0);
    expect(existsSync(join(dist, 'bankid/index.html'))).toBe(true);
    const before = snapshot(dist);

    // A fragment that is no id on its page: found only in the built site, after the whole build.
    const page = join(root, 'src/content/guides/nb/index.mdx');
    const original = readFileSync(page, 'utf8');
    writeFileSync(page, original.replace('/bankid/#tast-inn-koden', '/bankid/#tast-inn-kode'));
    const fragment = build(root);
    expect(fragment.status).not.toBe(0);
    expect(fragment.output).toContain('The built site did not pass its checks; dist/ was left as it was.');
    expect(fragment.output).toContain(
      'src/content/guides/nb/index.mdx:12:23  link/fragment  "#tast-inn-kode" is not a heading or step on /bankid/ (did you mean "#tast-inn-koden"?)',
    );
    expect(fragment.output).toContain('✖ 1 problem in 1 file');
    expect(snapshot(dist)).toEqual(before);

    // A screenshot that is not there: found before anything is built.
    writeFileSync(page, original);
    const bankid = join(root, 'src/content/guides/nb/bankid.mdx');
    writeFileSync(bankid, readFileSync(bankid, 'utf8').replace('src="velg"', 'src="vleg"'));
    const screenshot = build(root);
    expect(screenshot.status).not.toBe(0);
    expect(screenshot.output).toContain("The guide's content has mistakes; nothing was built and dist/ was left as it was.");
    expect(screenshot.output).toContain('src/content/guides/nb/bankid.mdx:16:22  screenshot/missing  "vleg" is not in public/screenshots (did you mean "velg"?)');
    expect(snapshot(dist)).toEqual(before);

    // A frontmatter value Astro's own schema rejects early in its build: the checks' report,
    // with the line and the fix, is still the one shown.
    writeFileSync(bankid, readFileSync(bankid, 'utf8').replace('src="vleg"', 'src="velg"').replace('order: 5', 'order: fem'));
    const order = build(root);
    expect(order.status).not.toBe(0);
    expect(order.output).toContain("The guide's content has mistakes; nothing was built and dist/ was left as it was.");
    expect(order.output).toMatch(/src\/content\/guides\/nb\/bankid\.mdx:5:8 {2}frontmatter\/field {2}order /);
    expect(snapshot(dist)).toEqual(before);
    // No half-built folder is left beside it.
    expect(readdirSync(root).filter((name) => name.includes('staging') || name.includes('previous'))).toEqual([]);
  });
});

describe('a page that tries to be a program', () => {
  it('stops npm run build, npm run check and a plain astro build at its lines, runs none of it and leaves dist/ as it was', { timeout: 600_000 }, () => {
    const root = copyProject('fixture');
    const dist = join(root, 'dist');
    expect(build(root).status).toBe(0);
    const before = snapshot(dist);

    // Would leave a file behind if any of it ran on the build machine.
    const marker = join(tmpdir(), `guide-ran-${process.pid}`);
    rmSync(marker, { force: true });
    const page = join(root, 'src/content/guides/nb/bankid.mdx');
    writeFileSync(
      page,
      `${readFileSync(page, 'utf8')}
import { writeFileSync } from 'node:fs'

{writeFileSync(${JSON.stringify(marker)}, 'ran')}

<Callout title={(() => { require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'ran'); return 'x'; })()}>x</Callout>

![Logo](https://evil.example/logo.png)
`,
    );
    const lines = [
      'src/content/guides/nb/bankid.mdx:23:1  mdx/esm',
      'src/content/guides/nb/bankid.mdx:25:1  mdx/expression',
      'src/content/guides/nb/bankid.mdx:27:10  mdx/expression',
      'src/content/guides/nb/bankid.mdx:29:9  image/external',
    ];

    const built = build(root);
    expect(built.status).not.toBe(0);
    for (const line of lines) expect(built.output).toContain(line);
    expect(built.output).toContain("The guide's content has mistakes; nothing was built and dist/ was left as it was.");

    const checked = spawnSync(process.execPath, ['scripts/check.ts', '--source-only'], { cwd: root, encoding: 'utf8', env: { ...process.env, GITHUB_ACTIONS: '' } });
    expect(checked.status).toBe(1);
    for (const line of lines) expect(checked.stdout).toContain(line);

    const astro = spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', PDF_EXPORT: 'off' },
    });
    expect(astro.status).not.toBe(0);
    expect(`${astro.stdout}${astro.stderr}`).toContain(lines[0]);

    expect(existsSync(marker)).toBe(false);
    expect(snapshot(dist)).toEqual(before);
  });
});
