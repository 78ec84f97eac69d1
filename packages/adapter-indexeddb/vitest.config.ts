import { defineProject } from "vitest/config"
import { sourceConditions } from "../../vitest.shared.ts"

// the Node project: the conformance suite and the adapter's own tests on fake-indexeddb (the same
// files run on Chromium's IndexedDB in vitest.browser.config.ts)
export default defineProject({
  resolve: { conditions: sourceConditions },
  ssr: { resolve: { conditions: sourceConditions } },
  test: {
    name: "adapter-indexeddb",
    include: ["test/**/*.test.ts"],
    environment: "node"
  }
})
