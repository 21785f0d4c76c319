import { describe, expect, test } from 'vitest';
import { numberSteps, slugify, STEP_NUMBER_MARKER, strayContent } from '../../src/lib/steps.ts';

const step = (title: string) => `<li class="step"><h2>${STEP_NUMBER_MARKER} ${title}</h2><div class="step-body"></div></li>`;

describe('numberSteps: the numbers in front of each step heading', () => {
  test('steps are numbered 1, 2, 3 in document order', () => {
    const { html, count } = numberSteps(step('Sett inn kortet') + step('Tast PIN') + step('Trykk Fortsett'), 'Steg');
    expect(count).toBe(3);
    expect([...html.matchAll(/<\/span>(\d+)<span/g)].map((m) => m[1])).toEqual(['1', '2', '3']);
  });

  test('a screen reader hears the word for "step" before each number', () => {
    const { html } = numberSteps(step('Open the app'), 'Step');
    expect(html).toContain('<span class="visually-hidden">Step </span>1<span class="visually-hidden">:</span>');
  });

  test('a list without step markers has no steps', () => {
    expect(numberSteps('<p>Bare tekst</p>', 'Steg').count).toBe(0);
  });
});

describe('strayContent: text put inside <Steps> but outside any <Step>', () => {
  test('a list of steps alone has nothing stray', () => {
    expect(strayContent(`\n${step('En')}\n${step('To')}\n`)).toBeUndefined();
  });

  test('text before the first step is reported', () => {
    expect(strayContent(`<p>Før du begynner</p>${step('En')}`)).toBe('Før du begynner');
  });

  test('text after the last step is reported', () => {
    expect(strayContent(`${step('En')}<p>Ferdig!</p>`)).toBe('Ferdig!');
  });

  test('text between two steps is reported', () => {
    expect(strayContent(`${step('En')}<p>Vent litt</p>${step('To')}`)).toBe('Vent litt');
  });

  test('steps that hold their own nested list have nothing stray', () => {
    const nested = `<li class="step"><h2>Velg</h2><div><ol><li>a</li><li>b</li></ol></div></li>`;
    expect(strayContent(nested + step('To'))).toBeUndefined();
  });
});

describe('slugify: link targets made from step titles', () => {
  test('Norwegian letters become ae, o and a', () => {
    expect(slugify('Åpne appen på mobilen')).toBe('apne-appen-pa-mobilen');
    expect(slugify('Skriv inn fødselsnummeret')).toBe('skriv-inn-fodselsnummeret');
    expect(slugify('Bærbar PC')).toBe('baerbar-pc');
    expect(slugify('ÆØÅ')).toBe('aeoa');
  });

  test('punctuation and spaces become single hyphens, never at the ends', () => {
    expect(slugify('  Trykk «Fortsett» – ferdig!  ')).toBe('trykk-fortsett-ferdig');
  });

  test('other accented letters lose their accent', () => {
    expect(slugify('Café på sykehuset')).toBe('cafe-pa-sykehuset');
  });
});

describe('strayContent: content without text', () => {
  test('a screenshot with no caption outside any step is reported by its tag', () => {
    expect(strayContent(`<figure class="screenshot"><img src="a.png" alt="A"></figure>${step('En')}`)).toBe('<figure>');
  });
});
