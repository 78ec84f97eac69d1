/**
 * `who`: a partial pack that sets only the health section — WHO's z-score rules and WHO 2007
 * classification for screening (BMI-for-age for thinness, overweight and obesity, height-for-age
 * for stunting) — for schools and researchers who report by WHO's definitions. Merge it over
 * another pack, or use it alone for pure calculations.
 *
 * @since 0.1.0
 */
import { who as health } from "../health/rules.ts"
import type { LocalDate } from "../kernel/LocalDate.ts"
import type { RulePack } from "./RulePack.ts"

/**
 * The `who` pack.
 *
 * @since 0.1.0
 * @category packs
 */
export const who = {
  id: "who",
  version: "2026.11.0",
  // the WHO Growth Reference 2007 (de Onis et al., Bull World Health Organ 2007;85:660-7)
  effectiveFrom: "2007-09-01" as LocalDate,
  name: { zh: "世界卫生组织生长标准", en: "WHO growth standards and reference" },
  health
} as const satisfies RulePack
