/**
 * Student health (`@houqin/core/health`): WHO z-scores reproducing WHO's R packages `anthro`
 * (0–5 years) and `anthroplus` (5–19 years), single-child and batch over columns; Chinese school
 * screening (WS/T 586-2018 overweight and obesity, WS/T 456-2014 stunting and wasting) and WHO
 * classification; vision (5-point, decimal, logMAR; reduced-vision grades, screening myopia);
 * morning and noon checks; medication logs; outbreak detection; prevalence with Wilson and
 * cluster-robust intervals and small-cell suppression; growth trajectories.
 *
 * The entry point has the shape of every module's:
 *
 * - the records (schemas and types) and the errors, flat: `Health.Measurement`, `Health.SessionClosedError`;
 * - `Health.Commands`: the effects that write (`Health.Commands.recordChecks(input)`);
 * - `Health.Queries`: the effects that only read (`Health.Queries.sessionSummary(schoolId, sessionId)`);
 * - `Health.Rules`: the rule-pack section (`section`, the `cn` and `who` defaults with their
 *   sources, the `HealthRules` schema and its parts);
 * - `Health.Storage`: the storage declaration adapters implement (aggregate specs, repository
 *   services, the `repositories` layer);
 * - the calculations, namespaces named after their files: plain functions returning effect's
 *   `Result` — no Effect runtime needed:
 *
 * ```ts
 * import { Anthro } from "@houqin/core/health"
 * Anthro.zScores({ sex: "M", ageDays: 1001, weightKg: 18, lengthHeightCm: 120 })
 * ```
 *
 * @since 0.1.0
 */
export * from "./model.ts"
export * from "./errors.ts"
export * as Commands from "./commands.ts"
export * as Queries from "./queries.ts"
export * as Rules from "./rules.ts"
export * as Storage from "../ports/health.ts"
export * as Age from "./age.ts"
export * as Anthro from "./anthro.ts"
export * as AnthroPlus from "./anthroplus.ts"
export * as DailyChecks from "./dailyCheck.ts"
export * as Lms from "./lms.ts"
export * as Medication from "./medication.ts"
export * as Outbreak from "./outbreak.ts"
export * as Plausibility from "./plausibility.ts"
export * as Prevalence from "./prevalence.ts"
export * as Reference from "./reference.ts"
export * as Screening from "./screening.ts"
export * as Sex from "./sex.ts"
export * as Summary from "./summary.ts"
export * as Trajectory from "./trajectory.ts"
export * as Vision from "./vision.ts"
export * as Vocabulary from "./vocabulary.ts"
export { who2006Tables } from "./who2006Tables.ts"
export { who2007Tables } from "./who2007Tables.ts"
export * as WhoClassification from "./whoClassification.ts"
export * as Wst456 from "./wst456.ts"
export * as Wst586 from "./wst586.ts"
export * as ZScore from "./zscore.ts"
export { Status } from "./zscore.ts"
export type { Column, Indicator, NotScored, ZScore as Score } from "./zscore.ts"
