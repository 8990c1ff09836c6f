// Console lines wrapped to the terminal's width. Colour codes take no columns, and a colour open at a break is closed
// at the end of the line and opened again on the next, so each line of a CI log reads on its own.

/** The width the console report wraps to when there is no terminal (a CI log, a pipe). */
export const DEFAULT_WIDTH = 100
/** Below this a terminal is too narrow to wrap into; the report uses this many columns instead. */
const MIN_WIDTH = 40

// eslint-disable-next-line no-control-regex -- the escape character of ANSI colour codes is what it finds
const SGR = /\u001b\[[0-9;]*m/g
const RESET = '\u001b[0m'

/** Columns a string takes: its characters, colour codes left out. */
export const visibleLength = (s: string): number => [...s.replace(SGR, '')].length

/** The width to wrap to when rendering: the one given, else 100 columns. */
export function consoleWidth(columns: number | undefined): number {
  return columns && columns > 0 ? Math.max(MIN_WIDTH, columns) : DEFAULT_WIDTH
}

/** The console's width: COLUMNS when set (the usual override, e.g. for a log viewer wider than 100), else the
 * terminal's, else undefined (100 columns). */
export function terminalWidth(stdoutColumns: number | undefined, columnsVar: string | undefined): number | undefined {
  const fromVar = columnsVar && /^\d+$/.test(columnsVar.trim()) ? Number(columnsVar) : undefined
  return fromVar || stdoutColumns || undefined
}

// Where a wrapped line's continuation starts: under the text after a list mark ("1. ", "✘ ") or a label ("Fix: ").
const HANG = /^(\d+\. |[✔✘⚠○⊘≈•?·-] |[A-Z][A-Za-z ]{0,24}: )/

/** The colour still open at the end of `s` (the last code after the last reset), or ''. */
function openColour(s: string, open: string): string {
  for (const m of s.matchAll(SGR)) open = m[0] === RESET ? '' : m[0]
  return open
}

/** Cuts a word into pieces of at most `n` columns, colour codes kept with the characters they precede. */
function cut(word: string, n: number): string[] {
  const pieces: string[] = []
  let cur = ''
  let cols = 0
  // eslint-disable-next-line no-control-regex -- colour codes are kept whole, never split
  for (const part of word.split(/(\u001b\[[0-9;]*m)/)) {
    // eslint-disable-next-line no-control-regex -- the same colour code
    if (/^\u001b\[[0-9;]*m$/.test(part)) {
      cur += part
      continue
    }
    for (const ch of part) {
      if (cols === n) {
        pieces.push(cur)
        cur = ''
        cols = 0
      }
      cur += ch
      cols++
    }
  }
  if (cur) pieces.push(cur)
  return pieces
}

/** One logical line as lines of at most `width` columns, broken at spaces (a word longer than a line is cut). */
export function wrapLine(line: string, width: number): string[] {
  if (visibleLength(line) <= width) return [line]
  const plain = line.replace(SGR, '')
  const indent = /^ */.exec(plain)![0].length
  const hang = Math.min(indent + (HANG.exec(plain.slice(indent))?.[0].length ?? 2), Math.floor(width / 2))
  const out: string[] = []
  // The leading indent stays as it is; the words after it are laid out.
  let cur = ' '.repeat(indent)
  let cols = indent
  let open = ''
  const flush = () => {
    const colour = openColour(cur, open)
    out.push(colour ? `${cur}${RESET}` : cur)
    open = colour
    cur = `${' '.repeat(hang)}${colour}`
    cols = hang
  }
  const words = line.replace(/^( *)/, '').split(' ')
  let first = true
  for (const word of words) {
    const w = visibleLength(word)
    const sep = first ? 0 : 1
    if (cols + sep + w <= width) {
      cur += `${first ? '' : ' '}${word}`
      cols += sep + w
      first = false
      continue
    }
    if (!first && cols > hang) flush()
    else if (!first) {
      cur += ' '
      cols += 1
    }
    let rest = word
    // A word wider than what is left of a line is cut; the pieces fill lines of their own.
    while (visibleLength(rest) > width - cols) {
      const room = width - cols
      if (room <= 0) {
        flush()
        continue
      }
      const [head, ...tail] = cut(rest, room)
      cur += head
      cols += visibleLength(head!)
      rest = tail.join('')
      flush()
    }
    cur += rest
    cols += visibleLength(rest)
    first = false
  }
  // A last line of nothing but its indent (the previous piece filled a line exactly) is left out.
  if (visibleLength(cur) > hang || out.length === 0) out.push(cur)
  return out
}

/** Every line of a text wrapped to `width`. */
export function wrapText(text: string, width: number): string {
  return text
    .split('\n')
    .flatMap((l) => wrapLine(l, width))
    .join('\n')
}
