/**
 * A UI string as HTML with values that are HTML already (a trust's value, marked while
 * unconfirmed): the string's own text is escaped, the values are put in as they are.
 *
 *   formatHtml('Ring {phone}', { phone: '<span class="unconfirmed">…</span>' })
 */
export function formatHtml(template: string, html: Record<string, string>): string {
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return template
    .split(/(\{\w+\})/)
    .map((part) => {
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      if (name === undefined) return escape(part);
      if (!(name in html)) throw new Error(`UI string "${template}" needs a value for {${name}}`);
      return html[name];
    })
    .join('');
}
