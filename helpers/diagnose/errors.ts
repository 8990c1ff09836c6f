// The one error diagnose throws for input it cannot read; the CLI prints its message and exits 2.

/** A file that is not a readable provisioning log or job status. The message is one line naming the file. */
export class DiagnoseInputError extends Error {
  readonly file: string

  constructor(file: string, problem: string) {
    super(`${file}: ${problem}`)
    this.name = 'DiagnoseInputError'
    this.file = file
  }
}
