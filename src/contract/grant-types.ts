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

/** The `client_assertion_type` for private_key_jwt client authentication. */
export const JWT_BEARER_ASSERTION = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'
