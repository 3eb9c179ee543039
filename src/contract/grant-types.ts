/** The `grant_type` strings Auth0 accepts at `/oauth/token`, as clients send them. */
export const GrantType = {
  recoveryCode: 'http://auth0.com/oauth/grant-type/mfa-recovery-code',
  password: 'password',
  passwordRealm: 'http://auth0.com/oauth/grant-type/password-realm',
  mfaOtp: 'http://auth0.com/oauth/grant-type/mfa-otp',
  mfaOob: 'http://auth0.com/oauth/grant-type/mfa-oob',
  refreshToken: 'refresh_token',
  clientCredentials: 'client_credentials',
} as const

/** Grant types Auth0 serves that the emulator does not emulate: they answer `501 not_emulated`. */
export const NOT_EMULATED_GRANTS: ReadonlySet<string> = new Set([
  'authorization_code',
  'urn:ietf:params:oauth:grant-type:token-exchange',
  'urn:ietf:params:oauth:grant-type:device_code',
  'urn:openid:params:grant-type:ciba',
  'http://auth0.com/oauth/grant-type/passwordless/otp',
])

/** The `client_assertion_type` for private_key_jwt client authentication. */
export const JWT_BEARER_ASSERTION = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'
