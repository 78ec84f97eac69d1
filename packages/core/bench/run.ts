/**
 * Runs every benchmark of the core (`bench/*.bench.ts`), each in a Node process of its own so that
 * one's memory does not weigh on the next. Benchmarks print their own report: throughput, scaling
 * between sizes, peak memory where it matters.
 *
 *   pnpm bench                 # all
 *   pnpm bench retention       # those whose file name contains "retention"
 */
import { spawnSync } from "node:child_process"
import { readdirSync } from "node:fs"
import { join } from "node:path"

const dir = import.meta.dirname
const filter = process.argv[2]
const files = readdirSync(dir).filter((f) => f.endsWith(".bench.ts") && (filter === undefined || f.includes(filter))).sort()
let failed = 0
for (const f of files) {
  console.log(`\n═══ ${f}`)
  const r = spawnSync(process.execPath, ["--conditions=@houqin/source", "--expose-gc", join(dir, f)], { stdio: "inherit" })
  if (r.status !== 0) failed++
}
if (files.length === 0) console.log("no benchmarks matched")
process.exit(failed === 0 ? 0 : 1)
