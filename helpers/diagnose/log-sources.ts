// Streaming readers for provisioning-log files: Graph JSON pages, the portal's JSON download and its CSV download (Microsoft's 'How to analyze the provisioning logs').
// Each hands over one entry at a time, so memory stays flat whatever the file size.
import { createReadStream } from 'node:fs'
import { open, stat } from 'node:fs/promises'
import { parse as parseCsv } from 'csv-parse'
import { parse as parseCsvSync } from 'csv-parse/sync'
import { DiagnoseInputError } from './errors.ts'
import { JsonItemSplitter } from './json-items.ts'
import { looksLikeSummary } from './log-event.ts'

export type LogFormat =
  'graph-json' | 'portal-json' | 'portal-csv' | 'portal-csv-steps' | 'portal-csv-modified-properties'

export interface SourceInfo {
  path: string
  format: LogFormat
  /** Entries read from this file (rows, for the CSV side files). */
  entries: number
  /** The Graph page's @odata.nextLink: more pages exist that were not given. */
  nextLink?: string
}

type Obj = Record<string, unknown>

const SNIFF_BYTES = 64 * 1024

export interface Sniffed {
  kind: 'json' | 'csv'
  /** Normalised CSV header names (lower case, letters and digits only). */
  header?: string[]
}

/** Lower case, letters and digits only: "Source Identity Display Name" and "sourceIdentity.displayName" meet. */
export const normaliseHeader = (h: string): string => h.toLowerCase().replace(/[^a-z0-9]/g, '')

/** Looks at the start of a file to tell JSON from CSV; throws DiagnoseInputError for missing, empty or binary files. */
export async function sniff(path: string): Promise<Sniffed> {
  let size: number
  try {
    const s = await stat(path)
    if (s.isDirectory()) throw new DiagnoseInputError(path, 'is a directory, not a log file')
    size = s.size
  } catch (e) {
    if (e instanceof DiagnoseInputError) throw e
    throw new DiagnoseInputError(path, `cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`)
  }
  if (size === 0) throw new DiagnoseInputError(path, 'is empty: expected provisioning logs as JSON or CSV')
  const handle = await open(path, 'r')
  let head: Buffer
  try {
    const buf = Buffer.alloc(Math.min(size, SNIFF_BYTES))
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0)
    head = buf.subarray(0, bytesRead)
  } finally {
    await handle.close()
  }
  if (head[0] === 0xff && head[1] === 0xfe) {
    throw new DiagnoseInputError(path, 'is UTF-16 encoded; save it as UTF-8 and try again')
  }
  if (head.includes(0)) throw new DiagnoseInputError(path, 'is a binary file, not provisioning logs as JSON or CSV')
  const text = head
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart()
  if (text === '')
    throw new DiagnoseInputError(path, 'is empty (only whitespace): expected provisioning logs as JSON or CSV')
  if (text.startsWith('{') || text.startsWith('[')) return { kind: 'json' }
  const firstLine = text.split(/\r?\n/, 1)[0] ?? ''
  let header: string[]
  try {
    header = (parseCsvSync(firstLine, { to_line: 1, relax_quotes: true }) as string[][])[0] ?? []
  } catch {
    header = []
  }
  if (header.length < 2) {
    throw new DiagnoseInputError(path, 'is neither JSON nor a CSV with a header row: not a provisioning-log download')
  }
  return { kind: 'csv', header: header.map(normaliseHeader) }
}

const one = (e: unknown): string =>
  String(e instanceof Error ? e.message : e)
    .replace(/\s+/g, ' ')
    .trim()

/**
 * Calls onEntry with each provisioningObjectSummary of one JSON file: a Graph page (`{"value":[…], "@odata.nextLink":…}`)
 * or the portal's download (a top-level array). Only one entry is held in memory at a time.
 */
export async function readJsonSummaries(
  path: string,
  info: SourceInfo,
  onEntry: (summary: Obj) => void,
): Promise<void> {
  const splitter = new JsonItemSplitter((text, index) => {
    let entry: unknown
    try {
      entry = JSON.parse(text)
    } catch (e) {
      throw new DiagnoseInputError(path, `malformed JSON in entry ${index} (${one(e)})`)
    }
    if (!looksLikeSummary(entry)) {
      throw new DiagnoseInputError(
        path,
        `entry ${index} is not a provisioningObjectSummary (no provisioningStatusInfo, provisioningAction or provisioningSteps)`,
      )
    }
    info.entries++
    onEntry(entry as Obj)
  })
  let end: ReturnType<JsonItemSplitter['end']>
  try {
    for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
      splitter.write(chunk as string)
    }
    end = splitter.end()
  } catch (e) {
    if (e instanceof DiagnoseInputError) throw e
    throw new DiagnoseInputError(path, `malformed JSON (${one(e)})`)
  }
  info.format = end.root === 'array' ? 'portal-json' : 'graph-json'
  const outer = end.outer
  if (outer === undefined) return
  if (!Array.isArray(outer.value)) {
    throw new DiagnoseInputError(
      path,
      'error' in outer
        ? 'is a Graph error response, not provisioning logs'
        : 'JSON object has no "value" array: expected a Graph page {"value":[…]} or the portal’s JSON download […]',
    )
  }
  if (typeof outer['@odata.nextLink'] === 'string') info.nextLink = outer['@odata.nextLink']
}

// Header aliases, normalised. The portal's CSV column names are not documented (Microsoft's guide only names the three files), so
// Graph property paths, plain portal-style labels and the Azure Monitor AADProvisioningLogs columns are all accepted.
const COLUMNS = {
  id: ['id', 'activityid'],
  changeId: ['changeid'],
  activityDateTime: ['activitydatetime', 'date', 'dateutc', 'datetime', 'timegenerated'],
  action: ['provisioningaction', 'action'],
  status: ['provisioningstatusinfostatus', 'status', 'provisioningstatus', 'resulttype', 'result'],
  errorCode: [
    'errorcode',
    'provisioningstatusinfoerrorinformationerrorcode',
    'errorinformationerrorcode',
    'resultsignature',
  ],
  reason: [
    'reason',
    'errorreason',
    'statusreason',
    'failurereason',
    'errordescription',
    'resultdescription',
    'provisioningstatusinfoerrorinformationreason',
    'errorinformationreason',
  ],
  additionalDetails: [
    'additionaldetails',
    'errordetails',
    'provisioningstatusinfoerrorinformationadditionaldetails',
    'errorinformationadditionaldetails',
  ],
  sourceName: [
    'sourceidentitydisplayname',
    'sourceidentityname',
    'sourcedisplayname',
    'identitydisplayname',
    'displayname',
    'identity',
  ],
  sourceId: ['sourceidentityid', 'sourceid', 'sourceobjectid'],
  targetName: ['targetidentitydisplayname', 'targetidentityname', 'targetdisplayname'],
  targetId: ['targetidentityid', 'targetid', 'targetobjectid'],
  identityType: ['sourceidentityidentitytype', 'sourceidentitytype', 'identitytype', 'objecttype'],
  // Azure Monitor exports carry these as JSON text in one cell.
  statusInfoJson: ['provisioningstatusinfo'],
  sourceJson: ['sourceidentity'],
  targetJson: ['targetidentity'],
  stepsJson: ['provisioningsteps'],
  propertiesJson: ['modifiedproperties'],
  // Side files.
  stepType: ['provisioningsteptype', 'steptype'],
  stepStatus: ['stepstatus', 'status'],
  propertyName: ['propertyname', 'attributename', 'displayname', 'name', 'property', 'attribute'],
  newValue: ['newvalue'],
  oldValue: ['oldvalue'],
} as const

type Column = keyof typeof COLUMNS
type Picked = Partial<Record<Column, string>>

function columnIndex(header: string[]): Partial<Record<Column, string>> {
  const out: Partial<Record<Column, string>> = {}
  for (const [col, names] of Object.entries(COLUMNS) as [Column, readonly string[]][]) {
    const found = names.find((n) => header.includes(n))
    if (found) out[col] = found
  }
  return out
}

/** Which CSV file of the portal's download this is, from its header; throws when none fits. */
export function csvFormat(path: string, header: string[]): LogFormat {
  const cols = columnIndex(header)
  const has = (c: Column): boolean => cols[c] !== undefined
  if (has('changeId') && (has('newValue') || has('oldValue')) && !has('errorCode'))
    return 'portal-csv-modified-properties'
  if (has('changeId') && has('stepType') && !has('errorCode')) return 'portal-csv-steps'
  if (has('status') && (has('action') || has('errorCode'))) return 'portal-csv'
  throw new DiagnoseInputError(
    path,
    'CSV header has no provisioning-log columns (expected e.g. Status, Provisioning Action, Error Code, or provisioningStatusInfo.status)',
  )
}

/** Streams the rows of a CSV file as objects keyed by normalised header; quoted fields may hold commas and newlines. */
export async function* readCsvRows(path: string): AsyncGenerator<Record<string, string>> {
  const src = createReadStream(path)
  const rows = parseCsv({
    bom: true,
    columns: (h: string[]) => h.map(normaliseHeader),
    relax_column_count: true,
    skip_empty_lines: true,
  })
  src.on('error', (e) => rows.destroy(e))
  src.pipe(rows)
  try {
    for await (const row of rows as AsyncIterable<Record<string, string>>) yield row
  } catch (e) {
    throw new DiagnoseInputError(path, `malformed CSV (${one(e)})`)
  } finally {
    src.destroy()
  }
}

function jsonCell(v: string | undefined): unknown {
  if (!v) return undefined
  const t = v.trim()
  if (!t.startsWith('{') && !t.startsWith('[')) return undefined
  try {
    return JSON.parse(t)
  } catch {
    return undefined
  }
}

/** Picks the known columns of a row. */
export function pickColumns(header: string[], row: Record<string, string>): Picked {
  const cols = columnIndex(header)
  const out: Picked = {}
  for (const [col, name] of Object.entries(cols) as [Column, string][]) {
    const v = row[name]
    if (v !== undefined && v !== '') out[col] = v
  }
  return out
}

/** Rebuilds a main-file CSV row into the provisioningObjectSummary shape, so one reducer serves JSON and CSV. */
export function csvRowToSummary(p: Picked): Obj {
  const statusJson = jsonCell(p.statusInfoJson) as Obj | undefined
  const errorInformation = {
    errorCode: p.errorCode,
    reason: p.reason,
    additionalDetails: p.additionalDetails,
    ...((statusJson?.errorInformation as Obj | undefined) ?? {}),
  }
  return {
    id: p.id,
    changeId: p.changeId,
    activityDateTime: p.activityDateTime,
    provisioningAction: p.action,
    provisioningStatusInfo: { status: p.status, ...(statusJson ?? {}), errorInformation },
    sourceIdentity: (jsonCell(p.sourceJson) as Obj | undefined) ?? {
      id: p.sourceId,
      displayName: p.sourceName,
      identityType: p.identityType,
    },
    targetIdentity: (jsonCell(p.targetJson) as Obj | undefined) ?? { id: p.targetId, displayName: p.targetName },
    provisioningSteps: jsonCell(p.stepsJson),
    modifiedProperties: jsonCell(p.propertiesJson),
  }
}
