/**
 * Checks what ships: for every publishable package, publint (package.json exports, files, types)
 * and are-the-types-wrong (types resolve for ESM consumers under node16 and bundler resolution)
 * against the built output. Run after `pnpm build`.
 */
import { execFileSync } from "node:child_process"
import { existsSync, readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"

const root = join(import.meta.dirname, "..")
const packages = readdirSync(join(root, "packages"))
  .map((name) => join(root, "packages", name))
  .filter((dir) => existsSync(join(dir, "package.json")))
  .filter((dir) => !(JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { private?: boolean }).private)

let failed = false
const run = (bin: string, args: ReadonlyArray<string>) => {
  try {
    const out = execFileSync(join(root, "node_modules", ".bin", bin), args, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] })
    process.stdout.write(out)
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string }
    process.stdout.write(err.stdout ?? "")
    process.stderr.write(err.stderr ?? "")
    failed = true
  }
}

for (const dir of packages) {
  const name = (JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name: string }).name
  if (!existsSync(join(dir, "dist"))) {
    console.error(`${name}: no dist/ — run \`pnpm build\` first`)
    failed = true
    continue
  }
  console.log(`\n── ${name}: publint`)
  run("publint", [dir, "--strict"])
  console.log(`── ${name}: are-the-types-wrong`)
  run("attw", ["--pack", dir, "--profile", "esm-only", "--format", "table-flipped"])
}
console.log("\n── a user's program against the built packages (scripts/consumer)")
run("tsc", ["-p", join(root, "scripts", "consumer", "tsconfig.json")])

if (failed) {
  console.error("\npackage checks failed")
  process.exit(1)
}
console.log("\npackage checks passed")
