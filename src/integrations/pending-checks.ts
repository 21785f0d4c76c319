/**
 * The content checks of the build in progress, shared between the checks integration and
 * scripts/build.ts. They load as separate module instances (Astro loads the config with
 * Vite), so the promise is kept on globalThis. No imports: build.ts loads this at start.
 */
const PENDING = Symbol.for('guide:content-checks');
type Holder = { [PENDING]?: Promise<unknown> };

export function setPendingChecks(settled: Promise<unknown>): void {
  (globalThis as Holder)[PENDING] = settled;
}

/**
 * Waits for the content checks of the build in progress, if any. When Astro's build fails
 * on an editor's mistake, the checks' report (file, line, fix) is then the one shown:
 * they stop the process themselves when they find an error.
 */
export async function contentChecksSettled(): Promise<void> {
  await (globalThis as Holder)[PENDING]?.catch(() => undefined);
}
