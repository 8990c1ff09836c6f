// A command's life from start to exit, the same for run, load, diagnose, explain's re-run and the vitest entry: its run
// id and prefix, the stamp every report carries, Ctrl-C and SIGTERM (the first stops and cleans up, the second leaves at
// once), --max-time, a crash nothing caught, and the words and exit codes that say how it ended.
import { newRunId, runPrefix } from '../entra/run-prefix.ts'
import type { RunStamp } from '../model/result.ts'
import { runStamp } from '../model/run-stamp.ts'

export const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const
export type StopReason = keyof typeof SIGNAL_EXIT | 'max-time'

export interface LifecycleOptions {
  maxTimeMs: number
  /** Stops the work in flight (aborts requests, stops the load engine); called once, with the reason in words. */
  stop: (why: string) => void
  /** Also catch exceptions nothing else caught, so a bug stops the run and the cleanup still happens. */
  catchCrashes?: boolean
  /** Says what the run has created so far, so a second Ctrl-C can name the cleanup command (false: nothing yet). */
  created?: () => boolean
  /** The process belongs to a host (vitest): a signal stops the run without a word on stderr, and a second one does
   * not exit the process, which the host ends itself. */
  hosted?: boolean
}

export class Lifecycle {
  readonly runId = newRunId()
  readonly prefix = runPrefix(this.runId)
  startedAt = new Date()
  stoppedBy: StopReason | undefined
  crash: string | undefined
  private readonly handlers = { SIGINT: this.onSignal('SIGINT'), SIGTERM: this.onSignal('SIGTERM') }
  private readonly onCrash = (err: unknown): void => {
    this.crash ??= err instanceof Error ? `${err.name}: ${err.message}` : String(err)
    this.options.stop(`the run crashed (${this.crash})`)
  }
  private readonly timer: NodeJS.Timeout

  constructor(private readonly options: LifecycleOptions) {
    process.on('SIGINT', this.handlers.SIGINT)
    process.on('SIGTERM', this.handlers.SIGTERM)
    if (options.catchCrashes) {
      process.on('uncaughtException', this.onCrash)
      process.on('unhandledRejection', this.onCrash)
    }
    this.timer = setTimeout(() => {
      this.stoppedBy ??= 'max-time'
      options.stop(`the run hit --max-time (${options.maxTimeMs} ms)`)
    }, options.maxTimeMs)
  }

  /** The work proper starts now (after the preflight): the report's start time and duration count from here. */
  begin(): void {
    this.startedAt = new Date()
  }

  /** A signal stopped the run: its exit code (130, 143); undefined otherwise. */
  get signalExit(): number | undefined {
    return this.stoppedBy && this.stoppedBy !== 'max-time' ? SIGNAL_EXIT[this.stoppedBy] : undefined
  }

  /** How the run ended, when not on its own: the notices every report carries. */
  notices(): string[] {
    const out: string[] = []
    if (this.stoppedBy)
      out.push(
        this.stoppedBy === 'max-time'
          ? `The run hit --max-time (${this.options.maxTimeMs} ms) and was stopped.`
          : `The run was interrupted (${this.stoppedBy}).`,
      )
    if (this.crash)
      out.push(
        `The run crashed (a bug in scim-preflight; please report it): ${this.crash}. It stopped, and deleted what it had created before writing this report.`,
      )
    return out
  }

  /** Why the verdict cannot speak for the whole run, for the verdict's scope. */
  incompleteBecause(): string[] {
    const why: string[] = []
    if (this.stoppedBy)
      why.push(
        this.stoppedBy === 'max-time'
          ? `stopped by --max-time (${this.options.maxTimeMs} ms)`
          : `interrupted (${this.stoppedBy})`,
      )
    if (this.crash) why.push('the run crashed')
    return why
  }

  /** The identifying header every report of the run carries. */
  stamp(target: string, embedded: boolean, finishedAt = new Date()): RunStamp {
    return runStamp({
      runId: this.runId,
      runPrefix: this.prefix,
      target,
      embedded,
      startedAt: this.startedAt,
      finishedAt,
    })
  }

  /** The notice of resources the run could not delete, with the command that removes them later. */
  leftoversNotice(count: number): string[] {
    return leftoversNotice(count, this.prefix)
  }

  /** The work is over (cleanup may follow): --max-time no longer applies. */
  endMaxTime(): void {
    clearTimeout(this.timer)
  }

  dispose(): void {
    clearTimeout(this.timer)
    process.off('SIGINT', this.handlers.SIGINT)
    process.off('SIGTERM', this.handlers.SIGTERM)
    process.off('uncaughtException', this.onCrash)
    process.off('unhandledRejection', this.onCrash)
  }

  private onSignal(signal: keyof typeof SIGNAL_EXIT): () => void {
    return () => {
      if (this.options.hosted) {
        if (!this.stoppedBy || this.stoppedBy === 'max-time') this.stoppedBy = signal
        this.options.stop(`the run was interrupted (${signal})`)
        return
      }
      if (this.stoppedBy && this.stoppedBy !== 'max-time') {
        // A second Ctrl-C while cleaning up: leave now, and say how to finish the cleanup later.
        const cleanup =
          this.options.created?.() === false
            ? ''
            : ` Remove what is left with: scim-preflight cleanup --run ${this.prefix}`
        process.stderr.write(`\n${signal} again: exiting without finishing the cleanup.${cleanup}\n`)
        process.exit(SIGNAL_EXIT[signal])
      }
      this.stoppedBy = signal
      process.stderr.write(`\n${signal}: stopping; deleting what this run created (press again to exit at once)…\n`)
      this.options.stop(`the run was interrupted (${signal})`)
    }
  }
}

/** The notice of resources a run could not delete, with the command that removes them later. */
export function leftoversNotice(count: number, prefix: string): string[] {
  return count
    ? [
        `${count} resource(s) this run created could not be deleted: see leftovers (remove them later with: scim-preflight cleanup --run ${prefix}).`,
      ]
    : []
}
