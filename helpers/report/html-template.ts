// HTML built by a tagged template that escapes every interpolation unless it is already-safe HTML: a renderer cannot
// forget to escape what a server sent, because escaping is what happens when it does nothing.

/** HTML that is safe to put in a page as it is: built by `html` or wrapped with `trusted`. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value
  }
}

/** What a template may interpolate: text (escaped), safe HTML (kept), lists of either (joined), or nothing. */
export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[]

/** Escapes text for element content and quoted attributes alike. */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
// One pass, and none at all for text with nothing to escape (most of a report: ids, names, JSON without markup).
export const esc = (s: string): string => (/[&<>"']/.test(s) ? s.replace(/[&<>"']/g, (c) => ENTITIES[c]!) : s)

function render(v: HtmlValue): string {
  if (v instanceof SafeHtml) return v.value
  if (Array.isArray(v)) return v.map(render).join('')
  if (v === null || v === undefined || v === false || v === true) return ''
  return esc(String(v))
}

/** `html\`<p>${text}</p>\``: every interpolation escaped, except SafeHtml (and lists of it); false/null/undefined print nothing. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0]!
  values.forEach((v, i) => {
    out += render(v) + strings[i + 1]!
  })
  return new SafeHtml(out)
}

/** Marks a string the renderer wrote itself (the inline stylesheet, a hashed script) as safe HTML. Never server text. */
export const trusted = (s: string): SafeHtml => new SafeHtml(s)
