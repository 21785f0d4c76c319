import type { Locale } from '../i18n/locales.ts';
import type { ScreenshotData } from '../lib/schemas.ts';
import { didYouMean } from '../lib/suggest.ts';

export interface ImageSize {
  width: number;
  height: number;
}

/** A marker ready to draw over its region: its number, label and position in percent of the image. */
export interface PlacedMarker {
  number: number;
  region: string;
  label: string;
  left: number;
  top: number;
  width: number;
  height: number;
}

export type Box = readonly [left: number, top: number, width: number, height: number];

/** Why a box does not fit the image, or undefined when it does. */
export function outOfBounds(box: Box, size: ImageSize): string | undefined {
  const [left, top, width, height] = box;
  const right = left + width;
  const bottom = top + height;
  if (right > size.width || bottom > size.height) {
    return `box [${box.join(', ')}] reaches ${right}×${bottom} px, outside the image (${size.width}×${size.height} px)`;
  }
  return undefined;
}

const percent = (value: number, whole: number) => Math.round((value / whole) * 10000) / 100;

/**
 * Places the named regions of a screenshot, numbered in the order given.
 * Throws an error naming the unknown region or the region outside the image.
 */
export function placeMarkers(
  screenshot: string,
  data: ScreenshotData,
  names: readonly string[],
  size: ImageSize,
  locale: Locale,
): PlacedMarker[] {
  return names.map((region, index) => {
    const found = data.regions[region];
    if (!found) {
      const known = Object.keys(data.regions);
      throw new Error(
        `"${region}" is not a region of "${screenshot}"${didYouMean(region, known)}; its regions are: ${known.join(', ') || 'none'} (src/content/screenshots/${screenshot}.yaml)`,
      );
    }
    const problem = outOfBounds(found.box, size);
    if (problem) {
      throw new Error(`region "${region}" of "${screenshot}": ${problem} (src/content/screenshots/${screenshot}.yaml)`);
    }
    const [left, top, width, height] = found.box;
    return {
      number: index + 1,
      region,
      label: found.label[locale],
      left: percent(left, size.width),
      top: percent(top, size.height),
      width: percent(width, size.width),
      height: percent(height, size.height),
    };
  });
}
