// HTML built by a tagged template that escapes every interpolation unless it is already-safe HTML: a renderer cannot
// forget to escape what a server sent, because escaping is what happens when it does nothing.

/**
 * HTML that is safe to put in a page as it is: built by `html` or wrapped with `trusted`. A template keeps its pieces
 * and joins them once, when the outermost one is read: concatenating at every level copied a report of megabytes once
 * per level of nesting.
 */
export class SafeHtml {
  #text: string | undefined
  readonly #pieces: readonly (string | SafeHtml)[]

  constructor(text: string | readonly (string | SafeHtml)[]) {
    if (typeof text === 'string') {
      this.#text = text
      this.#pieces = []
    } else this.#pieces = text
  }

  get value(): string {
    if (this.#text === undefined) {
      const out: string[] = []
      this.#collect(out)
      this.#text = out.join('')
    }
    return this.#text
  }

  #collect(out: string[]): void {
    if (this.#text !== undefined) {
      out.push(this.#text)
      return
    }
    for (const piece of this.#pieces) {
      if (typeof piece === 'string') out.push(piece)
      else piece.#collect(out)
    }
  }

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
/** Escapes text between tags, where quotes are plain characters: the JSON bodies of a report are full of them. */
export const escText = (s: string): string => (/[&<>]/.test(s) ? s.replace(/[&<>]/g, (c) => ENTITIES[c]!) : s)

const insideTags = new WeakMap<TemplateStringsArray, boolean[]>()
/**
 * For each interpolation of a template, whether it stands inside a tag (an attribute value, quoted or not): read once
 * per template from its literal text, the only text that can open or close a tag or a quote.
 */
function insideTag(strings: TemplateStringsArray): boolean[] {
  let known = insideTags.get(strings)
  if (known) return known
  known = []
  let state: 'text' | 'tag' | '"' | "'" = 'text'
  for (let i = 0; i < strings.length - 1; i++) {
    for (const ch of strings[i]!) {
      if (state === 'text') {
        if (ch === '<') state = 'tag'
      } else if (state === 'tag') {
        if (ch === '>') state = 'text'
        else if (ch === '"' || ch === "'") state = ch
      } else if (ch === state) state = 'tag'
    }
    known.push(state !== 'text')
  }
  insideTags.set(strings, known)
  return known
}

/** Appends text to the last piece when that is text too: fewer, longer pieces to join. */
function addText(pieces: (string | SafeHtml)[], text: string): void {
  const last = pieces.length - 1
  if (typeof pieces[last] === 'string') pieces[last] += text
  else pieces.push(text)
}

function add(pieces: (string | SafeHtml)[], v: HtmlValue, inTag: boolean): void {
  if (v instanceof SafeHtml) pieces.push(v)
  else if (Array.isArray(v)) for (const item of v as readonly HtmlValue[]) add(pieces, item, inTag)
  else if (v !== null && v !== undefined && typeof v !== 'boolean')
    addText(pieces, inTag ? esc(String(v)) : escText(String(v)))
}

/** `html\`<p>${text}</p>\``: every interpolation escaped, except SafeHtml (and lists of it); false/null/undefined print nothing. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  const pieces: (string | SafeHtml)[] = [strings[0]!]
  const inTag = insideTag(strings)
  values.forEach((v, i) => {
    add(pieces, v, inTag[i]!)
    addText(pieces, strings[i + 1]!)
  })
  return new SafeHtml(pieces)
}

/** Marks a string the renderer wrote itself (the inline stylesheet, a hashed script) as safe HTML. Never server text. */
export const trusted = (s: string): SafeHtml => new SafeHtml(s)
