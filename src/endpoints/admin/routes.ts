import { HttpResponse, http } from 'msw'
import type { EmulatorControls } from '../../domain/admin-operations.js'
import { clockTimeProblem } from '../../domain/clock.js'
import type { TenantContext } from '../../domain/tenant.js'
import { commitBeforeAnswer, markRequest } from '../../http/commit.js'
import { parseJsonObject } from '../../http/params.js'
import { readBody } from '../../http/read-body.js'
import { errorResponse, JSON_UTF8_HEADERS, json } from '../../http/respond.js'
import { pathSegment, type Routes } from '../../http/routes.js'
import {
  isScenarioName,
  SCENARIO_NAMES,
  SCENARIOS,
  type ScenarioName,
  unknownScenarioMessage,
} from '../../scenarios/names.js'
import { invalidRequest, notFound } from '../../support/emulator-error.js'
import { INSPECTOR_HEADERS, INSPECTOR_HTML } from './inspector-page.js'

const invalid = invalidRequest

async function readJsonObject(
  request: Request,
  maxBytes: number,
): Promise<Record<string, unknown>> {
  const text = await readBody(request, maxBytes)
  return text.trim() ? parseJsonObject(text, invalid) : {}
}

function optionalString(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name]
  if (value === undefined) return undefined
  if (typeof value !== 'string') throw invalid(`${name} must be a string`)
  return value
}

function clockView(tenant: TenantContext) {
  const now = tenant.clock.now()
  return { now: new Date(now).toISOString(), now_ms: now, frozen: tenant.clock.frozen }
}

/**
 * A control route whose errors go through the one renderer: caller mistakes are thrown as
 * `EmulatorError`s (400/404), and anything else is a bug, answered `500 server_error`. What it
 * changes is written to the state file (when there is one) before it answers.
 */
function guarded(
  tenant: TenantContext,
  handle: (request: Request, params: Record<string, unknown>) => Promise<Response> | Response,
) {
  return async ({ request, params }: { request: Request; params: Record<string, unknown> }) => {
    const mark = markRequest(tenant)
    let response: Response
    try {
      response = await handle(request, params)
    } catch (err) {
      response = errorResponse(tenant.errors, err)
    }
    return commitBeforeAnswer(tenant, mark, response, JSON_UTF8_HEADERS)
  }
}

/** A `/__emulator/users/{user_id}…` route answering `view(userId)`, or 404 for an unknown user. */
function userRoute(tenant: TenantContext, view: (userId: string) => unknown) {
  return guarded(tenant, (request) => {
    const userId = pathSegment(request, 3) ?? ''
    const body = view(userId)
    if (!body) throw notFound(`No user '${userId}' in the fixture`)
    return json(body)
  })
}

/** The control API under `/__emulator`, the same in tests and standalone. */
export function controlHandlers(tenant: TenantContext, controls: EmulatorControls, route: Routes) {
  const scenariosView = () => ({
    enabled: tenant.scenarios.list(),
    available: SCENARIO_NAMES,
    descriptions: SCENARIOS,
  })
  return [
    http.get(route.path('/__emulator/health'), () => json({ status: 'ok' })),
    http.get(route.path('/__emulator/scenarios'), () => json(scenariosView())),
    http.put(
      route.path('/__emulator/scenarios'),
      guarded(tenant, async (request) => {
        const body = await readJsonObject(request, tenant.maxBodyBytes)
        const enabled = body.enabled
        if (!Array.isArray(enabled) || !enabled.every((n) => typeof n === 'string')) {
          throw invalid('Body must be {"enabled":["scenario-name", ...]}')
        }
        const unknown = enabled.find((name) => !isScenarioName(name))
        if (unknown !== undefined) throw invalid(unknownScenarioMessage(unknown))
        tenant.scenarios.set(enabled as ScenarioName[])
        return json(scenariosView())
      }),
    ),
    http.post(
      route.path('/__emulator/reset'),
      guarded(tenant, () => {
        controls.reset()
        return json({ status: 'reset' })
      }),
    ),
    http.post(
      route.path('/__emulator/mfa-tokens'),
      guarded(tenant, async (request) => {
        const body = await readJsonObject(request, tenant.maxBodyBytes)
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
      }),
    ),
    http.get(route.pattern('/__emulator/users/[^/]+'), userRoute(tenant, controls.user)),
    http.get(
      route.pattern('/__emulator/users/[^/]+/messages'),
      userRoute(tenant, controls.messages),
    ),
    http.get(route.path('/__emulator/pushes'), () => json(controls.push.pending())),
    http.post(
      route.pattern('/__emulator/pushes/[^/]+/(?:approve|reject)'),
      guarded(tenant, (request) => {
        const id = pathSegment(request, 3) ?? ''
        const answer = pathSegment(request, 4) === 'approve' ? 'approved' : 'rejected'
        const push = controls.push.answer(id, answer)
        if (!push) throw notFound(`No pending push '${id}'; GET /__emulator/pushes lists them`)
        return json({ ...push, status: answer })
      }),
    ),
    http.get(route.path('/__emulator/clock'), () => json(clockView(tenant))),
    http.get(route.path('/__emulator/tenant'), () => json(controls.tenant())),
    http.get(route.path('/__emulator/users'), () => json(controls.users())),
    http.get(route.path('/__emulator/mfa-tokens'), () => json(controls.mfaTokens())),
    http.get(route.path('/__emulator/requests'), () => json(tenant.journal.list())),
    http.get(
      route.path('/__emulator/'),
      () => new HttpResponse(INSPECTOR_HTML, { headers: INSPECTOR_HEADERS }),
    ),
    http.get(
      route.path('/__emulator'),
      () => new HttpResponse(INSPECTOR_HTML, { headers: INSPECTOR_HEADERS }),
    ),
    http.post(
      route.path('/__emulator/clock'),
      guarded(tenant, async (request) => {
        const body = await readJsonObject(request, tenant.maxBodyBytes)
        if (body.advance_ms !== undefined) {
          if (typeof body.advance_ms !== 'number')
            throw invalid('advance_ms must be a number of milliseconds')
          const target = tenant.clock.now() + body.advance_ms
          const problem = clockTimeProblem(target, Date.now(), `advance_ms ${body.advance_ms}`)
          if (problem) throw invalid(problem)
          tenant.clock.advance(body.advance_ms)
        } else if (body.set !== undefined) {
          const at =
            typeof body.set === 'string'
              ? Date.parse(body.set)
              : typeof body.set === 'number'
                ? body.set
                : Number.NaN
          if (!Number.isFinite(at)) throw invalid('set must be an ISO date or epoch milliseconds')
          const problem = clockTimeProblem(at, Date.now(), `set ${JSON.stringify(body.set)}`)
          if (problem) throw invalid(problem)
          tenant.clock.set(at)
        } else {
          throw invalid('Body must be {"advance_ms":60000} or {"set":"2030-01-01T00:00:00Z"}')
        }
        return json(clockView(tenant))
      }),
    ),
    http.all(route.pattern('/__emulator/.*'), ({ request }) =>
      errorResponse(
        tenant.errors,
        notFound(
          `No control route ${request.method} ${new URL(request.url).pathname}; see docs/http-api.md for the control API`,
        ),
      ),
    ),
  ]
}
