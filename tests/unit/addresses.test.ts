import { describe, expect, it } from 'vitest';
import { judgeAddress, type JudgeOptions } from '../../src/guide/addresses.ts';

const hosts = ['www.bankid.no', 'apps.apple.com'];
/** What a page's address is, or the rule that refuses it. */
const verdict = (url: string, options: JudgeOptions = { hosts }) => {
  const judged = judgeAddress(url, options);
  return judged.ok ? judged.address.kind : judged.problem.rule;
};

describe('addresses in pages: site paths, fragments, and https on a listed host', () => {
  it.each([
    ['/bankid/', 'internal'],
    ['/en/bankid/#steg-2', 'internal'],
    ['#steg-2', 'fragment'],
    ['https://www.bankid.no/', 'external'],
    ['HTTPS://WWW.BANKID.NO/hjelp', 'external'],
    ['  /bankid/  ', 'internal'],
  ])('%s is %s', (url, expected) => {
    expect(verdict(url)).toBe(expected);
  });

  it.each([
    ['javascript:alert(1)', 'html/javascript-url'],
    [' JaVaScRiPt:alert(1)', 'html/javascript-url'],
    ['%6Aavascript:alert(1)', 'html/javascript-url'],
    ['vbscript:x', 'html/javascript-url'],
    ['data:text/html,<b>x</b>', 'html/javascript-url'],
    ['java\tscript:alert(1)', 'link/malformed'],
    ['java\u0000script:alert(1)', 'link/malformed'],
    ['/\\evil.example/', 'link/malformed'],
    ['//evil.example/x', 'link/malformed'],
    ['/%2F%2Fevil.example/', 'link/malformed'],
    ['/bankid/%E0%A4%A', 'link/malformed'],
    ['/bankid/%', 'link/malformed'],
    ['https://evil.example/', 'link/host'],
    ['https://www.bankid.no@evil.example/', 'link/host'],
    ['https://www.bankid.no.evil.example/', 'link/host'],
    ['https://www.bank\u200bid.no/', 'text/invisible'],
    ['/bank\u202eid/', 'text/invisible'],
    ['mailto:it@example.no', 'link/contact'],
    ['http://www.bankid.no/', 'link/insecure'],
    ['htps://www.bankid.no/', 'link/malformed'],
    ['https:/www.bankid.no/', 'link/malformed'],
    ['www.bankid.no', 'link/malformed'],
    ['bankid/', 'link/malformed'],
    ['', 'link/malformed'],
  ])('%j is refused: %s', (url, rule) => {
    expect(verdict(url)).toBe(rule);
  });

  it('takes images only from the site itself', () => {
    expect(verdict('/screenshots/velg.png', { hosts, use: 'image' })).toBe('internal');
    expect(verdict('https://www.bankid.no/logo.png', { hosts, use: 'image' })).toBe('image/external');
  });

  it('decodes a site path before it is looked up', () => {
    expect(judgeAddress('/f%C3%B8dselsnummer/', { hosts })).toMatchObject({ ok: true, address: { path: '/fødselsnummer/' } });
  });

  it('says what to write', () => {
    expect(judgeAddress('https//www.bankid.no/', { hosts })).toMatchObject({ problem: { message: '"https//www.bankid.no/" is malformed: write "https://www.bankid.no/"' } });
    expect(judgeAddress('/bankid/%E0%A4%A', { hosts })).toMatchObject({ problem: { message: expect.stringContaining('"%E0%A4", a %-escape that does not decode') } });
    expect(judgeAddress('https://evil.example/', { hosts })).toMatchObject({ problem: { message: expect.stringContaining('linkHosts in src/site.config.ts') } });
  });

  it('lets the site settings, written by developers, use any https host and contacts', () => {
    expect(verdict('https://intranett.example.no/it', { contacts: true })).toBe('external');
    expect(verdict('mailto:it@example.no', { contacts: true })).toBe('contact');
    expect(verdict('tel:+4723000000', { contacts: true })).toBe('contact');
    expect(verdict('tel:ring oss', { contacts: true })).toBe('link/malformed');
  });
});
