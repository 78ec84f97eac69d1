/**
 * What every module reads first about a school, the same way: its organisation (when one is
 * recorded), its rule pack, and its time zone — the organisation's `school.zone`, else the pack's
 * `general.defaultZone`, else Asia/Shanghai. "Today", "the same day" and every time printed in an
 * explanation are in that zone, in every module.
 *
 * It also checks the people a command names against the organisation: once an organisation is
 * saved, an unknown staff member, department, class or diner group is refused with a
 * `NotFoundError` naming the field's path (`kernel.staff`, `kernel.department`, …). A school that
 * has recorded no organisation yet is not checked.
 *
 * @since 0.1.0
 */
import { Effect, Option } from "effect"
import type { Messages, RulePackError, StorageError } from "../kernel/Errors.ts"
import { NotFoundError } from "../kernel/Errors.ts"
import type { Path } from "../kernel/Errors.ts"
import type { Organisation } from "../kernel/People.ts"
import type { LocalDate } from "../kernel/LocalDate.ts"
import type { Zone } from "../kernel/Time.ts"
import { defaultZone } from "../kernel/Time.ts"
import type { RulePack } from "../packs/RulePack.ts"
import { Rules } from "../packs/RulePack.ts"
import { OrganisationRepository } from "./people.ts"

/**
 * A school as the modules see it: its organisation (none until one is saved), its rule pack and
 * its zone.
 *
 * @since 0.1.0
 * @category models
 */
export interface School {
  readonly schoolId: string
  readonly organisation: Option.Option<Organisation>
  readonly pack: RulePack
  readonly zone: Zone
}

/**
 * The zone of a school: its organisation's, else the pack's default, else Asia/Shanghai.
 *
 * @since 0.1.0
 * @category getters
 */
export const zoneFrom = (organisation: Option.Option<Organisation> | Organisation | undefined, pack: RulePack | undefined): Zone => {
  const org = Option.isOption(organisation) ? Option.getOrUndefined(organisation) : organisation
  return org?.school.zone ?? pack?.general?.defaultZone ?? defaultZone
}

/**
 * The organisation of a school, if one is recorded.
 *
 * @since 0.1.0
 * @category queries
 */
export const organisationOf = (schoolId: string): Effect.Effect<Option.Option<Organisation>, StorageError, OrganisationRepository> =>
  OrganisationRepository.use((r) => r.find(schoolId, schoolId))

/**
 * A school's organisation, rule pack and zone: the pack in force on `on` (a school's packs may
 * change over time, see `Packs.PackHistory`), without it today's.
 *
 * @since 0.1.0
 * @category queries
 */
export const schoolOf = (schoolId: string, on?: LocalDate): Effect.Effect<School, RulePackError | StorageError, Rules | OrganisationRepository> =>
  Effect.gen(function*() {
    const organisation = yield* organisationOf(schoolId)
    const pack = yield* Rules.use((r) => r.forSchool(schoolId, on))
    return { schoolId, organisation, pack, zone: zoneFrom(organisation, pack) }
  })

/**
 * The zone of a school (see {@link zoneFrom}).
 *
 * @since 0.1.0
 * @category queries
 */
export const zoneOf = (schoolId: string): Effect.Effect<Zone, RulePackError | StorageError, Rules | OrganisationRepository> =>
  Effect.map(schoolOf(schoolId), (s) => s.zone)

const known = (
  organisation: Option.Option<Organisation>,
  aggregate: string,
  list: (org: Organisation) => ReadonlyArray<{ readonly id: string }>,
  schoolId: string
) =>
(id: string | undefined, path: Path): Effect.Effect<void, NotFoundError> => {
  if (id === undefined || Option.isNone(organisation)) return Effect.void
  return list(organisation.value).some((x) => x.id === id) ? Effect.void : Effect.fail(NotFoundError.create(aggregate, schoolId, id, path))
}

/**
 * Checks of the people and units a command names, against the school's organisation. Each takes
 * an id (or `undefined`: nothing to check) and the path of its field, and fails with a
 * `NotFoundError` (`kernel.staff`, `kernel.department`, `kernel.class`, `kernel.dinerGroup`) when
 * the organisation is recorded and lacks it.
 *
 * @since 0.1.0
 * @category constructors
 */
export const referenceChecks = (school: Pick<School, "schoolId" | "organisation">) => ({
  staff: known(school.organisation, "kernel.staff", (o) => o.staff, school.schoolId),
  department: known(school.organisation, "kernel.department", (o) => o.departments, school.schoolId),
  class: known(school.organisation, "kernel.class", (o) => o.classes, school.schoolId),
  dinerGroup: known(school.organisation, "kernel.dinerGroup", (o) => o.dinerGroups, school.schoolId)
})

/**
 * Names from the organisation, for explanations: a staff member's, a department's or a class's
 * name by id, a role's in both languages, or the id itself when the organisation lacks it (or none
 * is recorded).
 *
 * @since 0.1.0
 * @category constructors
 */
export const namesFrom = (organisation: Option.Option<Organisation> | Organisation | undefined) => {
  const org = Option.isOption(organisation) ? Option.getOrUndefined(organisation) : organisation
  const index = <A extends { readonly id: string }, N>(items: ReadonlyArray<A> | undefined, name: (a: A) => N, fallback: (id: string) => N) => {
    const map = new Map<string, N>((items ?? []).map((x) => [x.id, name(x)]))
    return (id: string): N => map.get(id) ?? fallback(id)
  }
  const id = (x: string) => x
  return {
    staff: index(org?.staff, (s) => s.name, id),
    department: index(org?.departments, (d) => d.name, id),
    class: index(org?.classes, (c) => c.name, id),
    role: index<{ readonly id: string; readonly name: Messages }, Messages>(org?.roles, (r) => r.name, (x) => ({ zh: x, en: x }))
  }
}
