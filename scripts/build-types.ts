/**
 * Emits a package's type declarations with `tsc` (one `.d.ts` per source file, under
 * `dist/types`), then rewrites their relative `.ts` import specifiers to `.js`, which is what the
 * built files are called. Declarations are not bundled: a bundler of `.d.ts` files drops schema
 * values that share their name with a type inside `export * as` namespaces
 * (`People.Organisation`), and `tsc`'s own output has no such loss.
 *
 *   node ../../scripts/build-types.ts          (from a package folder)
 */
import { execFileSync } from "node:child_process"
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs"
import { join } from "node:path"

const pkg = process.cwd()
const out = join(pkg, "dist", "types")
rmSync(out, { recursive: true, force: true })
execFileSync(process.execPath, [join(import.meta.dirname, "..", "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.build.json"], {
  cwd: pkg,
  stdio: "inherit"
})

const walk = (dir: string): Array<string> =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? walk(path) : path.endsWith(".d.ts") ? [path] : []
  })

const relative = /((?:from|import)\s*\(?\s*["'])(\.{1,2}\/[^"']+?)\.ts(["'])/g
let files = 0
for (const file of walk(out)) {
  const text = readFileSync(file, "utf8")
  const fixed = text.replace(relative, "$1$2.js$3")
  if (fixed !== text) writeFileSync(file, fixed)
  files++
}
console.log(`types: ${files} declaration files in ${out}`)
