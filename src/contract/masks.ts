/**
 * An email as Auth0 shows it on reads (the MFA API's `name` and the Management API's `email`
 * alike): the local part's first `length - 4` characters kept and four `*` after them, the
 * domain's first four characters kept and the rest starred. This one rule gives every recorded
 * example: `user@example.com` and `foo@example.com` → `****@exam*******`,
 * `chuck334@example.com` → `chuc****@exam*******`.
 */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@')
  const local = at < 0 ? email : email.slice(0, at)
  const domain = at < 0 ? '' : email.slice(at + 1)
  const kept = local.slice(0, Math.max(0, local.length - 4))
  return `${kept}****@${domain.slice(0, 4)}${'*'.repeat(Math.max(0, domain.length - 4))}`
}

/**
 * A phone number as Auth0 shows it on reads (both APIs): every character but the last four
 * digits an `X` (`+919876549167` → `XXXXXXXXX9167`).
 */
export function maskPhone(phone: string): string {
  return `${'X'.repeat(Math.max(0, phone.length - 4))}${phone.slice(-4)}`
}
