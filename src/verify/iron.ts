/**
 * The expiry (epoch milliseconds) that an Auth0 mfa_token carries in plain sight: today's tokens
 * are Iron seals, `Fe26.2*SERVER_<epoch>*<salt>*<iv>*<data>*<expiry ms>*<salt>*<hmac>`.
 */
export function sealedExpiry(token: string): number | undefined {
  const parts = token.split('*')
  if (parts.length !== 8 || parts[0] !== 'Fe26.2') return undefined
  const expiry = parts[5] ?? ''
  return /^\d{13}$/.test(expiry) ? Number(expiry) : undefined
}
