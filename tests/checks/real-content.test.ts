import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBuiltChecks, runSourceChecks } from '../../src/lib/checks/index.ts';
import { build, copyProject, located, projectRoot, removeFixtures } from './helpers.ts';

afterAll(removeFixtures);

describe('the real content', () => {
  it('passes the content checks with no errors', async () => {
    const { problems } = await runSourceChecks(projectRoot, { translations: false });
    expect(located(problems)).toEqual([]);
  });

  it('builds, and its built site has no broken link or fragment', { timeout: 600_000 }, async () => {
    const root = copyProject('real');
    const result = build(root);
    expect(result.output).toContain('✔ Built dist/');
    expect(result.status).toBe(0);
    // The build ran these checks already; run them again to see the result, not only the exit code.
    const source = await runSourceChecks(root, { translations: false });
    const built = await runBuiltChecks(source.project, join(root, 'dist'), { base: '/' });
    expect(located(built)).toEqual([]);
  });
});
