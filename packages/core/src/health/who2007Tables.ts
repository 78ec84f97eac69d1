/**
 * The WHO Growth Reference 2007 (5–19 years): the three LMS tables of WHO's `anthroplus`.
 *
 * @since 0.1.0
 */
import { table as hfawho2007 } from "../data/who-hfawho2007.generated.ts"
import { table as bfawho2007 } from "../data/who-bfawho2007.generated.ts"
import { table as wfawho2007 } from "../data/who-wfawho2007.generated.ts"
import { lazy } from "./reference.ts"

/**
 * The tables by name (the WHO file stems), each a `Reference` built on first use.
 *
 * @since 0.1.0
 * @category references
 */
export const who2007Tables = {
  hfawho2007: /* @__PURE__ */ lazy(hfawho2007),
  bfawho2007: /* @__PURE__ */ lazy(bfawho2007),
  wfawho2007: /* @__PURE__ */ lazy(wfawho2007)
} as const
