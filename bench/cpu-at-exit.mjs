// Preloaded into a benched child: writes its CPU time (all threads) at exit, which stays meaningful on a busy machine.
import { writeFileSync } from 'node:fs'

process.on('exit', () => {
  const r = process.resourceUsage()
  if (process.env.BENCH_CPU_FILE)
    writeFileSync(process.env.BENCH_CPU_FILE, JSON.stringify({ cpuSeconds: (r.userCPUTime + r.systemCPUTime) / 1e6 }))
})
