// Check selection by id glob: `*` matches within a path segment, `**` across; a glob without `/` names flows
// (`create-user`, `update-group-*` mean every check of those flows).

export function globToRegExp(glob: string): RegExp {
  const pattern = glob.includes('/') ? glob : `${glob}/**`
  const re = pattern
    .split('**')
    .map((part) =>
      part
        .split('*')
        .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('[^/]*'),
    )
    .join('.*')
  return new RegExp(`^${re}$`)
}

export function matchesAny(id: string, globs: readonly string[]): boolean {
  return globs.some((g) => globToRegExp(g).test(id))
}
