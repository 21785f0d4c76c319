import { describe, expect, test } from 'vitest';
import Step from '../../src/components/Step.astro';
import Steps from '../../src/components/Steps.astro';
import { pageContext, render, renderToString } from '../support/render.ts';
import StepList from './fixtures/StepList.astro';

const titles = ['Sett inn smartkortet', 'Tast inn PIN-koden', 'Trykk Fortsett'];

describe('<Steps> and <Step>: a numbered procedure', () => {
  test('the steps are a real ordered list with one item per step', async () => {
    const html = await render(StepList, { props: { titles }, page: pageContext() });
    const lists = html.querySelectorAll('ol');
    expect(lists).toHaveLength(1);
    expect(lists[0]!.children.map((child) => child.tagName)).toEqual(['LI', 'LI', 'LI']);
  });

  test('each step has a heading with its title', async () => {
    const html = await render(StepList, { props: { titles }, page: pageContext() });
    expect(html.querySelectorAll('ol > li > h2 .step-text').map((h) => h.text)).toEqual(titles);
  });

  test('on a Norwegian page a screen reader hears "Steg 1:", "Steg 2:" … before each title', async () => {
    const html = await render(StepList, { props: { titles }, page: pageContext({ locale: 'nn' }) });
    const numbers = html.querySelectorAll('ol > li > h2 .step-number');
    expect(numbers.map((n) => n.text)).toEqual(['Steg 1:', 'Steg 2:', 'Steg 3:']);
    expect(numbers[0]!.querySelectorAll('.visually-hidden').map((n) => n.text)).toEqual(['Steg ', ':']);
  });

  test('on an English page the hidden word is "Step"', async () => {
    const html = await render(StepList, { props: { titles }, page: pageContext({ locale: 'en' }) });
    expect(html.querySelectorAll('h2 .step-number').map((n) => n.text)).toEqual(['Step 1:', 'Step 2:', 'Step 3:']);
  });

  test('an English page showing Norwegian content says "Steg", the language of the text around it', async () => {
    const html = await render(StepList, { props: { titles }, page: pageContext({ locale: 'en', contentLocale: 'nb' }) });
    expect(html.querySelector('h2 .step-number')?.text).toBe('Steg 1:');
  });

  test('level={3} makes every step heading an <h3>, for steps under a ## heading', async () => {
    const html = await render(StepList, { props: { titles, level: 3 }, page: pageContext() });
    expect(html.querySelectorAll('ol > li > h3').map((h) => h.querySelector('.step-text')?.text)).toEqual(titles);
    expect(html.querySelectorAll('h2')).toHaveLength(0);
  });

  test("a step's heading can be linked to by an id made from its title", async () => {
    const html = await render(StepList, { props: { titles: ['Åpne appen på mobilen'] }, page: pageContext() });
    expect(html.querySelector('h2')?.getAttribute('id')).toBe('apne-appen-pa-mobilen');
  });

  test('a step keeps the id its editor gave it, so links to it survive a new title', async () => {
    const html = await render(Step, { props: { title: 'Tast inn PIN-koden', id: 'pin' }, page: pageContext() });
    expect(html.querySelector('h2')?.getAttribute('id')).toBe('pin');
  });
});

describe('<Steps> and <Step>: mistakes an editor can make', () => {
  const page = pageContext({ sourceFile: 'src/content/guides/nn/buypass-app.mdx', path: '/nn/buypass-app/', locale: 'nn' });

  test('<Steps> with no <Step> inside is an error naming the MDX file', async () => {
    await expect(renderToString(Steps, { page })).rejects.toThrowErrorMatchingInlineSnapshot(`[GuideComponentError: <Steps> in src/content/guides/nn/buypass-app.mdx (/nn/buypass-app/): it holds no <Step>: write each step as <Step title="…">…</Step> inside <Steps>]`);
  });

  test('text between two steps is an error quoting the text', async () => {
    await expect(renderToString(StepList, { props: { titles: titles.slice(0, 2), between: 'Vent litt.' }, page })).rejects.toThrow(
      '<Steps> in src/content/guides/nn/buypass-app.mdx (/nn/buypass-app/): "Vent litt." is outside a <Step>',
    );
  });

  test('a <Step> without a title is an error naming the MDX file', async () => {
    await expect(renderToString(Step, { page })).rejects.toThrowErrorMatchingInlineSnapshot(`[GuideComponentError: <Step> in src/content/guides/nn/buypass-app.mdx (/nn/buypass-app/): the prop title is missing: write <Step title="What the reader does">]`);
  });

  test('a <Step> id with capitals or spaces is an error naming the id', async () => {
    await expect(renderToString(Step, { props: { title: 'Tast PIN', id: 'Tast PIN' }, page })).rejects.toThrow(
      'id "Tast PIN" may only hold a-z, 0-9 and -',
    );
  });
});
