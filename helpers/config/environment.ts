// The environment a command reads: the process's variables over those of `.env` in the working folder.
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import dotenv from 'dotenv'
import type { Env } from './parse.ts'

/** Environment with `.env` (from cwd) underneath the real environment. */
export function loadEnvironment(env: NodeJS.ProcessEnv, cwd: string): Env {
  const file = resolve(cwd, '.env')
  const fromFile = existsSync(file) ? dotenv.parse(readFileSync(file)) : {}
  return { ...fromFile, ...env }
}
