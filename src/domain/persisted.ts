import { z } from 'zod'
import { SCENARIO_NAMES } from '../scenarios/names.js'

const authenticator = z.strictObject({
  id: z.string().min(1),
  kind: z.enum(['totp', 'sms', 'voice', 'email', 'push']),
  active: z.boolean(),
  secret: z.string().optional(),
  phone_number: z.string().optional(),
  email: z.string().optional(),
  createdAt: z.number().optional(),
})

/** What a tenant keeps across restarts: rotated codes, enrolments and the active scenarios. */
export const tenantStateSchema = z.strictObject({
  scenarios: z.array(z.enum(SCENARIO_NAMES)),
  users: z.record(
    z.string(),
    z.strictObject({
      recovery_code: z.string().nullable(),
      recovery_code_id: z.string().min(1),
      recovery_code_created_at: z.number().optional(),
      authenticators: z.array(authenticator),
    }),
  ),
})

/** A tenant's persisted state. */
export type TenantState = z.infer<typeof tenantStateSchema>

/** The state file: every tenant's state by name. */
export const stateFileSchema = z.strictObject({
  version: z.literal(1),
  tenants: z.record(z.string(), tenantStateSchema),
})

/** The state file's content. */
export type StateFile = z.infer<typeof stateFileSchema>
