/** Auth0's Iron-sealed token shape (contract §12), with the ciphertext length left open. */
export const IRON_SEAL =
  /^Fe26\.2\*SERVER_\d{10}\*[0-9a-f]{64}\*[A-Za-z0-9_-]{22}\*[A-Za-z0-9_-]+\*\d{13}\*[0-9a-f]{64}\*[A-Za-z0-9_-]{43}$/
