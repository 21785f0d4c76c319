import { describe, expect, test } from 'vitest';
import { apps, isAppId, shortUrl } from '../../src/lib/apps.ts';

describe('shortUrl: store links a reader can type from paper', () => {
  test('an App Store link loses its scheme and query', () => {
    expect(shortUrl('https://apps.apple.com/no/app/buypass-id-og-betaling/id382614067?l=nb')).toBe(
      'apps.apple.com/no/app/buypass-id-og-betaling/id382614067',
    );
  });

  test('a Google Play link keeps the app id, which is what identifies the app', () => {
    expect(shortUrl('https://play.google.com/store/apps/details?id=no.buypass.mobile.android.mid2&hl=nb')).toBe(
      'play.google.com/store/apps/details?id=no.buypass.mobile.android.mid2',
    );
  });

  test('a trailing slash is dropped', () => {
    expect(shortUrl('https://example.org/app/')).toBe('example.org/app');
  });
});

describe('the app registry', () => {
  test('every app has an https link to both stores', () => {
    for (const [id, app] of Object.entries(apps)) {
      expect(new URL(app.appStore).protocol, id).toBe('https:');
      expect(new URL(app.googlePlay).protocol, id).toBe('https:');
    }
  });

  test('only registered apps are known', () => {
    expect(isAppId('buypass-id')).toBe(true);
    expect(isAppId('bankid-app')).toBe(false);
    expect(isAppId('toString')).toBe(false);
  });
});
