/**
 * An email as the Management API shows it on reads: the local part hidden, the domain's first
 * four characters kept (`****@exam*******` for `test@example.com`).
 */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@')
  const local = at < 0 ? email : email.slice(0, at)
  const domain = at < 0 ? '' : email.slice(at + 1)
  return `${'*'.repeat(local.length)}@${domain.slice(0, 4)}${'*'.repeat(Math.max(0, domain.length - 4))}`
}

/** A phone number as the Management API shows it on reads: all but the last four digits `X`. */
export function maskPhone(phone: string): string {
  return `${'X'.repeat(Math.max(0, phone.length - 4))}${phone.slice(-4)}`
}
