/**
 * Every export of the packages' sources carries a JSDoc comment with `@since` and exactly one
 * `@category`, never `utils` or `misc` (STYLE.md). Re-exports, generated files and tests are
 * exempt. Prints each offending declaration and fails when there is one.
 */
import { readdirSync, readFileSync, statSync } from "node:fs"
import { join, relative } from "node:path"
import ts from "typescript"

const root = join(import.meta.dirname, "..")
const banned = new Set(["utils", "misc", "helpers"])

const walk = (dir: string): Array<string> =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return name === "node_modules" || name === "dist" ? [] : walk(path)
    return path.endsWith(".ts") && !path.endsWith(".test.ts") && !path.endsWith(".generated.ts") && !path.endsWith(".d.ts") ? [path] : []
  })

const files = readdirSync(join(root, "packages"))
  .map((p) => join(root, "packages", p, "src"))
  .filter((p) => {
    try {
      return statSync(p).isDirectory()
    } catch {
      return false
    }
  })
  .flatMap(walk)

const problems: Array<string> = []
for (const file of files) {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true)
  for (const statement of source.statements) {
    const exported = ts.canHaveModifiers(statement) &&
      (ts.getModifiers(statement) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword)
    if (!exported || ts.isExportDeclaration(statement)) continue
    const name = ts.isVariableStatement(statement)
      ? statement.declarationList.declarations.map((d) => d.name.getText(source)).join(", ")
      : (statement as ts.DeclarationStatement).name?.getText(source) ?? "(anonymous)"
    const tags = ts.getJSDocTags(ts.isVariableStatement(statement) ? statement.declarationList.declarations[0]! : statement)
    const since = tags.filter((t) => t.tagName.text === "since")
    const categories = tags.filter((t) => t.tagName.text === "category").map((t) => String(t.comment ?? "").trim())
    const where = `${relative(root, file)}:${source.getLineAndCharacterOfPosition(statement.getStart(source)).line + 1} ${name}`
    if (since.length !== 1) problems.push(`${where}: needs one @since`)
    if (categories.length !== 1) problems.push(`${where}: needs exactly one @category (has ${categories.length})`)
    else if (banned.has(categories[0]!)) problems.push(`${where}: @category ${categories[0]} is not allowed`)
  }
}
if (problems.length > 0) {
  console.error(`${problems.length} export(s) without proper docs:\n  ${problems.join("\n  ")}`)
  process.exit(1)
}
console.log(`docs: ${files.length} files, every export has @since and one @category`)
