/**
 * <Steps> and <Step> as the build renders them: the compile (src/guide/remark-guide.ts,
 * tested in tests/unit/guide-compile.test.ts) has numbered the steps and given them their
 * level and id; these tests pass the same props.
 */
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
    expect(lists[0]!.getAttribute('data-steps')).toBe('3');
    expect(lists[0]!.children.map((child) => child.tagName)).toEqual(['LI', 'LI', 'LI']);
  });

  test('each step has a heading with its title and its id', async () => {
    const html = await render(StepList, { props: { titles }, page: pageContext() });
    expect(html.querySelectorAll('ol > li > h2 .step-text').map((h) => h.text)).toEqual(titles);
    expect(html.querySelectorAll('ol > li > h2').map((h) => h.getAttribute('id'))).toEqual(['steg-1', 'steg-2', 'steg-3']);
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

  test('level 3 makes every step heading an <h3>, for steps under a ## heading', async () => {
    const html = await render(StepList, { props: { titles, level: 3 }, page: pageContext() });
    expect(html.querySelectorAll('ol > li > h3').map((h) => h.querySelector('.step-text')?.text)).toEqual(titles);
    expect(html.querySelectorAll('h2')).toHaveLength(0);
  });
});

describe('<Steps> and <Step> rendered without the compile: the guard names the page and the prop', () => {
  const page = pageContext({ sourceFile: 'src/content/guides/nn/buypass-app.mdx', path: '/nn/buypass-app/', locale: 'nn' });

  test('a <Step> without a title', async () => {
    await expect(renderToString(Step, { props: { id: 'a', number: 1, level: 2 }, page })).rejects.toThrowErrorMatchingInlineSnapshot(`[GuideComponentError: <Step> in src/content/guides/nn/buypass-app.mdx (/nn/buypass-app/): <Step> needs title="…"]`);
  });

  test('a <Step> id with capitals or spaces', async () => {
    await expect(renderToString(Step, { props: { title: 'Tast PIN', id: 'Tast PIN', number: 1, level: 2 }, page })).rejects.toThrow(
      'id may only hold a-z, 0-9 and -',
    );
  });

  test('a <Steps> level written as text', async () => {
    await expect(renderToString(Steps, { props: { level: '3', count: 1 }, page })).rejects.toThrow('level must be the number 2 or 3, written level={3}, not "3"');
  });
});
