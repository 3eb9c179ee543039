/** The `verify --help` text. */
export const VERIFY_USAGE = `Usage: auth0-mfa-emulator verify [options]

Runs the recovery-code contract cases against your Auth0 tenant and against the emulator, and
shows what differs. The run redeems the user's recovery code and prints the new one at the end.

Credentials (environment variable in brackets; prefer the variables for secrets):
      --domain HOST          the tenant, e.g. dev-abc123.us.auth0.com [AUTH0_VERIFY_DOMAIN]
      --client-id ID         an application with the Password and MFA grants [AUTH0_VERIFY_CLIENT_ID]
      --client-secret S      its secret; leave out for a public application [AUTH0_VERIFY_CLIENT_SECRET]
      --username NAME        a database user enrolled in MFA with a recovery code [AUTH0_VERIFY_USERNAME]
      --password P           [AUTH0_VERIFY_PASSWORD]
      --recovery-code CODE   the user's current recovery code (used up by the run) [AUTH0_VERIFY_RECOVERY_CODE]
      --realm NAME           log in with password-realm on this connection [AUTH0_VERIFY_REALM]
      --scope S              the login's scope (default "openid profile") [AUTH0_VERIFY_SCOPE]
      --audience A           the login's audience [AUTH0_VERIFY_AUDIENCE]

What to compare with:
      --fixtures FILE        your fixture (default: one built from the credentials) [AUTH0_VERIFY_FIXTURES]
      --overlay FILE         tenant settings over the fixture, as --record writes them [AUTH0_VERIFY_OVERLAY]
      --record FILE          write the overlay that makes the emulator answer like the tenant [AUTH0_VERIFY_RECORD]

Running:
      --json                 print one JSON document instead of lines
      --attempt-limit        also submit wrong codes until the attempt limit answers
                             (locks the user's recovery codes until the limit refills) [AUTH0_VERIFY_ATTEMPT_LIMIT]
      --timeout MS           how long to wait for each tenant answer (default 10000) [AUTH0_VERIFY_TIMEOUT]
      --expiry-wait S        how long to wait for an mfa_token to expire (default 30) [AUTH0_VERIFY_EXPIRY_WAIT]
      --base-url URL         send the tenant's requests here instead of https://{domain} [AUTH0_VERIFY_BASE_URL]
  -h, --help                 show this help

Exit codes: 0 everything matches, 1 differences found, 2 could not run (the line says why).
`
