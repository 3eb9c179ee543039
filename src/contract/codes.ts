/** Characters Auth0 uses in recovery codes: digits and capitals without `0`, `O` and `I`. */
export const RECOVERY_CODE_ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZ'

/** Length of an Auth0 recovery code. */
export const RECOVERY_CODE_LENGTH = 24

/** Characters of the random part of authenticator ids (`totp|dev_<16 of these>`). */
export const AUTHENTICATOR_ID_ALPHABET =
  '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
