import type { EmulatorControls } from '../../domain/admin-operations.js'
import type { TenantContext } from '../../domain/tenant.js'
import { asObject, readJson } from '../../http/params.js'
import { admin, type Fallback, type Route, route } from '../../http/pipeline.js'
import { json } from '../../http/respond.js'
import { pathSegment } from '../../http/routes.js'
import {
  isScenarioName,
  SCENARIO_NAMES,
  SCENARIOS,
  type ScenarioName,
  unknownScenarioMessage,
} from '../../scenarios/names.js'
import { invalidRequest as invalid, notFound } from '../../support/emulator-error.js'
import { INSPECTOR_HEADERS, INSPECTOR_HTML } from './inspector-page.js'

async function readBody(tenant: TenantContext, request: Request): Promise<Record<string, unknown>> {
  return asObject((await readJson(request, tenant.maxBodyBytes, invalid)) ?? {}, invalid)
}

function optionalString(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name]
  if (value === undefined) return undefined
  if (typeof value !== 'string') throw invalid(`${name} must be a string`)
  return value
}

const control = { dialect: 'control', caller: admin } as const

/** A `GET /__emulator/…` route answering `view()` as JSON. */
const view = (path: string, answer: () => unknown): Route =>
  route({ ...control, method: 'GET', path, handle: () => json(answer()) })

/** A `/__emulator/users/{user_id}…` route answering `show(userId)`, or 404 for an unknown user. */
const userView = (path: string, show: (userId: string) => unknown): Route =>
  route({
    ...control,
    method: 'GET',
    path,
    pattern: true,
    handle({ request }) {
      const userId = pathSegment(request, 3) ?? ''
      const body = show(userId)
      if (!body) throw notFound(`No user '${userId}' in the fixture`)
      return json(body)
    },
  })

const inspector = (path: string): Route =>
  route({
    ...control,
    method: 'GET',
    path,
    handle: () => new Response(INSPECTOR_HTML, { headers: INSPECTOR_HEADERS }),
  })

/** The control API under `/__emulator`, the same in tests and standalone. */
export function controlRoutes(tenant: TenantContext, controls: EmulatorControls): Route[] {
  const scenariosView = () => ({
    enabled: tenant.scenarios.list(),
    available: SCENARIO_NAMES,
    descriptions: SCENARIOS,
  })
  return [
    view('/__emulator/health', () => ({ status: 'ok' })),
    view('/__emulator/scenarios', scenariosView),
    route({
      ...control,
      method: 'PUT',
      path: '/__emulator/scenarios',
      changesState: true,
      async handle({ request }) {
        const enabled = (await readBody(tenant, request)).enabled
        if (!Array.isArray(enabled) || !enabled.every((n) => typeof n === 'string')) {
          throw invalid('Body must be {"enabled":["scenario-name", ...]}')
        }
        const unknown = enabled.find((name) => !isScenarioName(name))
        if (unknown !== undefined) throw invalid(unknownScenarioMessage(unknown))
        controls.setScenarios(enabled as ScenarioName[])
        return json(scenariosView())
      },
    }),
    route({
      ...control,
      method: 'POST',
      path: '/__emulator/reset',
      changesState: true,
      handle() {
        controls.reset()
        return json({ status: 'reset' })
      },
    }),
    route({
      ...control,
      method: 'POST',
      path: '/__emulator/mfa-tokens',
      async handle({ request }) {
        const body = await readBody(tenant, request)
        const userId = optionalString(body, 'user_id')
        const clientId = optionalString(body, 'client_id')
        if (!userId || !clientId) throw invalid('Body must include user_id and client_id')
        const scope = optionalString(body, 'scope')
        const audience = optionalString(body, 'audience')
        const mfaToken = await controls.issueMfaToken({
          userId,
          clientId,
          ...(scope === undefined ? {} : { scope }),
          ...(audience === undefined ? {} : { audience }),
        })
        return json({ mfa_token: mfaToken }, 201)
      },
    }),
    userView('/__emulator/users/[^/]+', controls.user),
    userView('/__emulator/users/[^/]+/messages', controls.messages),
    view('/__emulator/pushes', () => controls.push.pending()),
    route({
      ...control,
      method: 'POST',
      path: '/__emulator/pushes/[^/]+/(?:approve|reject)',
      pattern: true,
      changesState: true,
      handle({ request }) {
        const id = pathSegment(request, 3) ?? ''
        const answer = pathSegment(request, 4) === 'approve' ? 'approved' : 'rejected'
        const push = controls.push.answer(id, answer)
        if (!push) throw notFound(`No pending push '${id}'; GET /__emulator/pushes lists them`)
        return json({ ...push, status: answer })
      },
    }),
    view('/__emulator/clock', controls.clock),
    view('/__emulator/tenant', controls.tenant),
    view('/__emulator/users', () => controls.users()),
    view('/__emulator/mfa-tokens', controls.mfaTokens),
    view('/__emulator/requests', () => tenant.journal.list()),
    inspector('/__emulator/'),
    inspector('/__emulator'),
    route({
      ...control,
      method: 'POST',
      path: '/__emulator/clock',
      async handle({ request }) {
        const body = await readBody(tenant, request)
        if (body.advance_ms !== undefined) {
          if (typeof body.advance_ms !== 'number')
            throw invalid('advance_ms must be a number of milliseconds')
          controls.advanceClock(body.advance_ms, `advance_ms ${body.advance_ms}`)
        } else if (body.set !== undefined) {
          const at =
            typeof body.set === 'string'
              ? Date.parse(body.set)
              : typeof body.set === 'number'
                ? body.set
                : Number.NaN
          if (!Number.isFinite(at)) throw invalid('set must be an ISO date or epoch milliseconds')
          controls.setClock(at, `set ${JSON.stringify(body.set)}`)
        } else {
          throw invalid('Body must be {"advance_ms":60000} or {"set":"2030-01-01T00:00:00Z"}')
        }
        return json(controls.clock())
      },
    }),
  ]
}

/** Any other path under `/__emulator`. */
export const CONTROL_FALLBACK: Fallback = {
  path: '/__emulator/.*',
  pattern: true,
  dialect: 'control',
  refuse: (method, path) =>
    notFound(`No control route ${method} ${path}; see docs/http-api.md for the control API`),
}
