/**
 * The released migrations, in order (this list is rewritten by scripts/new-migration.ts; the
 * migrations themselves are never edited).
 *
 * @since 0.1.0
 */
import type { MigrationDefinition } from "../Tables.ts"
import { migration as m0001 } from "./0001_kernel_and_audit.ts"
import { migration as m0002 } from "./0002_audit_by_time.ts"
import { migration as m0003 } from "./0003_modules.ts"
import { migration as m0004 } from "./0004_bulk_rows.ts"
import { migration as m0005 } from "./0005_fields_indexes.ts"
import { migration as m0006 } from "./0006_canteen_hygiene.ts"
import { migration as m0007 } from "./0007_approvals_delegation.ts"

/**
 * @since 0.1.0
 * @category migrations
 */
export const migrations: ReadonlyArray<MigrationDefinition> = [m0001, m0002, m0003, m0004, m0005, m0006, m0007]
