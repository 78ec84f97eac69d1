import { defineProject } from "vitest/config"

// No source condition at run time: the examples and their tests import the built packages (dist), as a
// user's project does. Run `pnpm build` first (the test command does).
export default defineProject({
  test: {
    name: "examples",
    include: ["test/**/*.test.ts"],
    environment: "node"
  }
})
