/**
 * Screenshot references: every <Screenshot> names a PNG that exists, with alt text and
 * marked regions that are regions of that image; every region fits inside the PNG's true
 * size; every PNG is shown by some page and every description has its PNG.
 */
import { visibleText } from '../../guide/characters.ts';
import { localeNames, locales, type Locale } from '../../i18n/locales.ts';
import { outOfBounds, type Box } from '../../guide/regions.ts';
import type { RecordedComponent } from '../../guide/remark-guide.ts';
import { SCREENSHOT_DIR, screenshotCandidates } from '../images.ts';
import { screenshotFields } from '../schemas.ts';
import { didYouMean, writtenKey } from '../suggest.ts';
import { problem, type Problem } from './problems.ts';
import { isReadable, SCREENSHOT_DATA_DIR, yamlPosition, type GuideFile, type Project, type ScreenshotDataFile, type ScreenshotImage } from './project.ts';

/** The PNG a page in `locale` shows for `name`: the locale's override, else the shared file (screenshotCandidates). */
export function resolveImage(project: Project, name: string, locale: Locale): ScreenshotImage | undefined {
  for (const candidate of screenshotCandidates(name, locale)) {
    const image = project.images.find((i) => i.file === `${SCREENSHOT_DIR}/${candidate}`);
    if (image) return image;
  }
  return undefined;
}

/**
 * A field as written: under its name, or under the key that misspells it (`lable` for
 * `label`), which screenshot/field names once; its value is checked here as the field's.
 */
function field(value: unknown, name: string, known: readonly string[]): { key: string; value: unknown } {
  const fields = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const key = writtenKey(Object.keys(fields), name, known);
  return key === undefined ? { key: name, value: undefined } : { key, value: fields[key] };
}

/** The regions of a screenshot file, and the key they are written under. */
function regionsOf(data: ScreenshotDataFile | undefined): { key: string; regions: Record<string, unknown> } {
  const { key, value } = field(data?.data, 'regions', screenshotFields.file);
  return { key, regions: value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {} };
}

/** A <Screenshot> as the compile recorded it: its file, its description and the regions it marks. (Its props' types are the schema's to check.) */
function checkUsage(project: Project, guide: GuideFile, used: RecordedComponent, seen: Set<string>): Problem[] {
  const problems: Problem[] = [];
  const at = (offset: number) => guide.lines.at(offset);
  const src = used.props.src;
  if (!src || typeof src.value !== 'string') return problems;
  const name = src.value.replace(/\.png$/, '');
  const image = resolveImage(project, name, guide.locale);
  if (!image) {
    const names = [...new Set(project.images.map((i) => i.name))];
    problems.push(problem(at(src.valueOffset), 'screenshot/missing', `"${src.value}" is not in ${SCREENSHOT_DIR}${didYouMean(name, names)}`));
    return problems;
  }
  seen.add(image.file);

  const data = project.screenshotData.get(name);
  if (!data) {
    problems.push(
      problem(
        at(src.valueOffset),
        'screenshot/missing-data',
        `"${name}" has no description: add ${SCREENSHOT_DATA_DIR}/${name}.yaml with its alt text and regions`,
      ),
    );
    return problems;
  }
  const marked = used.props.regions;
  if (!marked || !Array.isArray(marked.value) || !isReadable(data.yaml)) return problems;
  const known = Object.keys(regionsOf(data).regions);
  marked.value.forEach((region, index) => {
    if (typeof region !== 'string' || known.includes(region)) return;
    problems.push(
      problem(
        at(marked.items?.[index] ?? marked.valueOffset),
        'screenshot/region',
        `"${region}" is not a region of "${name}"${didYouMean(region, known)}; its regions are: ${known.join(', ') || 'none'} (${data.file})`,
      ),
    );
  });
  return problems;
}

const isBox = (value: unknown): value is Box =>
  Array.isArray(value) &&
  value.length === 4 &&
  value.every((n) => typeof n === 'number' && Number.isFinite(n) && n >= 0) &&
  (value[2] as number) > 0 &&
  (value[3] as number) > 0;

function checkData(project: Project, data: ScreenshotDataFile): Problem[] {
  const problems: Problem[] = [];
  const images = project.images.filter((i) => i.name === data.name);
  if (images.length === 0) {
    const names = [...new Set(project.images.map((i) => i.name))];
    problems.push(
      problem(
        data.yaml.lines.start(),
        'screenshot/orphan-data',
        `describes "${data.name}.png", which is not in ${SCREENSHOT_DIR}${didYouMean(data.name, names)}: add the image, or delete this file`,
      ),
    );
  }

  const written = field(data.data, 'alt', screenshotFields.file);
  const alt = written.value && typeof written.value === 'object' ? (written.value as Record<string, unknown>) : undefined;
  const missing: Locale[] = [];
  for (const locale of locales) {
    const { key, value: text } = field(alt, locale, locales);
    if (typeof text === 'string' && visibleText(text) !== '') continue;
    if (text === undefined || text === null) missing.push(locale);
    else {
      problems.push(
        problem(
          yamlPosition(data.yaml, [written.key, key]),
          'screenshot/alt',
          `alt ${locale} is empty: write what the screenshot is for in ${localeNames[locale]}; screen readers read it aloud`,
        ),
      );
    }
  }
  if (missing.length > 0) {
    const which = missing.join(', ');
    problems.push(
      problem(
        yamlPosition(data.yaml, [written.key]),
        'screenshot/alt',
        alt
          ? `alt ${which} ${missing.length === 1 ? 'is' : 'are'} missing: write what the screenshot is for in each language; screen readers read it aloud`
          : `alt is missing: write alt: with ${locales.join(', ')} under it, saying what the screenshot is for; screen readers read it aloud`,
      ),
    );
  }

  const { key: regionsKey, regions } = regionsOf(data);
  for (const [region, value] of Object.entries(regions)) {
    const { key: boxKey, value: box } = field(value, 'box', screenshotFields.region);
    const position = yamlPosition(data.yaml, [regionsKey, region, boxKey]);
    if (!isBox(box)) {
      problems.push(
        problem(position, 'screenshot/invalid-data', `region "${region}": box must be [left, top, width, height] in the PNG's pixels, e.g. [120, 340, 400, 64]`),
      );
      continue;
    }
    for (const image of images) {
      const outside = outOfBounds(box, image);
      if (outside) {
        const which = image.locale ? ` of ${image.file}` : '';
        problems.push(problem(position, 'screenshot/region-bounds', `region "${region}": ${outside}${which}; measure it again in the PNG's own pixels`));
      }
    }
  }
  return problems;
}

export function checkScreenshots(project: Project): Problem[] {
  const problems: Problem[] = [];
  const used = new Set<string>();
  for (const guide of project.guides) {
    for (const component of guide.record?.components ?? []) {
      if (component.name === 'Screenshot') problems.push(...checkUsage(project, guide, component, used));
    }
  }
  for (const data of project.screenshotData.values()) if (isReadable(data.yaml)) problems.push(...checkData(project, data));
  for (const image of project.images) {
    if (used.has(image.file)) continue;
    const subject = image.locale ? `"${image.name}" (the ${image.locale} version) is shown by no ${image.locale} page` : `"${image.name}" is shown by no page`;
    const data = project.screenshotData.has(image.name) && !project.images.some((i) => i !== image && i.name === image.name);
    problems.push(
      problem(
        { file: image.file, line: 1, column: 1 },
        'screenshot/unused',
        `${subject}: an unused image goes stale; show it with <Screenshot src="${image.name}" /> or delete it${data ? ` and ${SCREENSHOT_DATA_DIR}/${image.name}.yaml` : ''}`,
      ),
    );
  }
  return problems;
}
