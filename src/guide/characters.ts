/**
 * Characters a reader cannot see but that change what text means or where a link leads:
 * bidirectional controls (which can make "moc.lave" read as "evil.com") and zero-width
 * characters (which make an alt text of "nothing" look filled in). No guide text needs them.
 */
const INVISIBLE = /[\u00ad\u034f\u061c\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb\u{e0000}-\u{e007f}]/u;

/** The first invisible or bidirectional-control character in `text`: its index and a readable name. */
export function invisibleCharacter(text: string): { index: number; name: string } | undefined {
  const match = INVISIBLE.exec(text);
  if (!match) return undefined;
  const code = match[0].codePointAt(0)!;
  return { index: match.index, name: `U+${code.toString(16).toUpperCase().padStart(4, '0')} (${characterName(code)})` };
}

function characterName(code: number): string {
  if (code === 0xad) return 'soft hyphen';
  if (code === 0x200b) return 'zero-width space';
  if (code === 0x200c || code === 0x200d) return 'zero-width joiner';
  if (code === 0xfeff) return 'zero-width no-break space';
  if (code === 0x2060) return 'word joiner';
  if ((code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069) || code === 0x200e || code === 0x200f || code === 0x061c) {
    return 'bidirectional control';
  }
  return 'invisible character';
}

/** C0 controls and DEL: never part of text an editor means to write (tab and newline aside). */
export const CONTROL_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** What remains of `text` once invisible characters and whitespace are taken away: empty means nothing to read. */
export const visibleText = (text: string) => text.replace(new RegExp(INVISIBLE.source, 'gu'), '').trim();

/**
 * Where an invisible character of `value` stands in the source text, from the offset the
 * value's node starts at (a value may differ from its source: entities, escapes, quotes),
 * and what to tell the editor; undefined when there is none.
 */
export function invisibleInSource(value: string, source: string, start: number, what: string): { offset: number; message: string } | undefined {
  const found = invisibleCharacter(value);
  if (!found) return undefined;
  const at = source.indexOf(value.slice(found.index, found.index + 1), start);
  return {
    offset: at === -1 ? start : at,
    message: `${what} holds an invisible ${found.name}: delete it (retype the words around it if you cannot see where it is)`,
  };
}
