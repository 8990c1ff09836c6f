// `.env` in the working folder: read under the process's own variables (which win), see command.ts.
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import dotenv from 'dotenv'
import type { Env } from './parse.ts'

/** The variables of `.env` in `cwd` (none when there is no such file). */
export function readDotEnv(cwd: string): Env {
  const file = resolve(cwd, '.env')
  return existsSync(file) ? dotenv.parse(readFileSync(file)) : {}
}
