import { describe, expect, test } from 'vitest';
import { outOfBounds, placeMarkers } from '../../src/guide/regions.ts';
import type { ScreenshotData } from '../../src/lib/schemas.ts';

const label = (nb: string, nn: string, en: string) => ({ nb, nn, en });
const screen: ScreenshotData = {
  alt: label('Velg Buypass ID', 'Vel Buypass ID', 'Choose Buypass ID'),
  regions: {
    smartkort: { box: [100, 200, 400, 100], label: label('Smartkort', 'Smartkort', 'Smart card') },
    fortsett: { box: [100, 900, 300, 80], label: label('Knappen Fortsett', 'Knappen Fortsett', 'The Fortsett button') },
    nederst: { box: [0, 1100, 1000, 200], label: label('Nederst', 'Nedst', 'Bottom') },
  },
};
const size = { width: 1000, height: 1300 };

describe('placeMarkers: numbered markers on a screenshot', () => {
  test('markers are numbered in the order the page lists them, not the order of the YAML file', () => {
    const placed = placeMarkers('velg-buypass-id', screen, ['fortsett', 'smartkort'], size, 'nb');
    expect(placed.map((c) => [c.number, c.region])).toEqual([
      [1, 'fortsett'],
      [2, 'smartkort'],
    ]);
  });

  test("each marker carries its region's label in the requested language", () => {
    const placed = placeMarkers('velg-buypass-id', screen, ['smartkort', 'fortsett'], size, 'en');
    expect(placed.map((c) => c.label)).toEqual(['Smart card', 'The Fortsett button']);
  });

  test('positions are percentages of the image, so the markers scale with it', () => {
    const [placed] = placeMarkers('velg-buypass-id', screen, ['smartkort'], size, 'nb');
    expect(placed).toMatchObject({ left: 10, width: 40, top: 15.38, height: 7.69 });
  });

  test('a box that ends exactly at the image edge fits', () => {
    expect(() => placeMarkers('velg-buypass-id', screen, ['nederst'], size, 'nb')).not.toThrow();
    expect(outOfBounds([0, 1100, 1000, 200], size)).toBeUndefined();
  });

  test('an unknown region is an error that suggests the nearest region and lists them all', () => {
    expect(() => placeMarkers('velg-buypass-id', screen, ['fortset'], size, 'nb')).toThrowErrorMatchingInlineSnapshot(`[Error: "fortset" is not a region of "velg-buypass-id" (did you mean "fortsett"?); its regions are: smartkort, fortsett, nederst (src/content/screenshots/velg-buypass-id.yaml)]`);
  });

  test('an unknown region with no near match lists the regions without guessing', () => {
    expect(() => placeMarkers('velg-buypass-id', screen, ['pinkode'], size, 'nb')).toThrow(
      /^"pinkode" is not a region of "velg-buypass-id"; its regions are: smartkort, fortsett, nederst/,
    );
  });

  test('a region outside the image is an error naming the box and the image size', () => {
    const smaller = { width: 1000, height: 900 };
    expect(() => placeMarkers('velg-buypass-id', screen, ['fortsett'], smaller, 'nb')).toThrowErrorMatchingInlineSnapshot(`[Error: region "fortsett" of "velg-buypass-id": box [100, 900, 300, 80] reaches 400×980 px, outside the image (1000×900 px) (src/content/screenshots/velg-buypass-id.yaml)]`);
  });
});
