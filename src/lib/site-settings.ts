/**
 * The site settings (src/site.config.ts) read again while `npm run dev` runs. The MDX
 * compile's rules (linkHosts) read the settings in Astro's own process, where Node keeps a
 * module until the process ends (the checks run in a new worker each time, which reads the
 * file as it is); the pages read them through Vite,
 * which loads the file again by itself. Here a fresh copy of the file is loaded and its
 * values written into the `site` object every reader in this process holds.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { settingNames, site, type SiteSettings } from '../site.config.ts';

export const SITE_SETTINGS_FILE = 'src/site.config.ts';

/** What a reload of the settings did. */
export interface SettingsReload {
  /** The settings whose value changed, e.g. ['linkHosts']. */
  changed: (keyof SiteSettings)[];
  /**
   * What the file changed that only a new start of `npm run dev` takes in: the names
   * <Setting name="…"> accepts (settingNames), which the compile's schema holds.
   */
  needsRestart: string[];
}

/** Loads src/site.config.ts again and puts its values in place; rejects (the old values kept) when the file does not load. */
export function reloadSiteSettings(root: string): Promise<SettingsReload> {
  return (async (): Promise<SettingsReload> => {
    // A new address is a new module for Node: the file as it is now, not the copy it keeps.
    const url = `${pathToFileURL(join(root, SITE_SETTINGS_FILE)).href}?reload=${Date.now()}`;
    const fresh = (await import(url)) as { site: SiteSettings; settingNames: readonly string[] };
    const changed = (Object.keys(fresh.site) as (keyof SiteSettings)[]).filter((key) => JSON.stringify(fresh.site[key]) !== JSON.stringify(site[key]));
    Object.assign(site, fresh.site);
    const needsRestart = JSON.stringify(fresh.settingNames) === JSON.stringify(settingNames) ? [] : ['settingNames'];
    return { changed, needsRestart };
  })();
}
