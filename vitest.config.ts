import { defineConfig } from "vitest/config"

export default defineConfig({
  test: {
    projects: ["packages/*/vitest.config.ts", "packages/adapter-indexeddb/vitest.browser.config.ts", "examples/vitest.config.ts"]
  }
})
