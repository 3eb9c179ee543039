// A login page's own password and recovery-code calls, with no SDK: the password grant answers
// 403 mfa_required with an mfa_token, which the recovery-code grant redeems for tokens and the
// user's next recovery code. Point it at the emulator with ?emulator=URL (default below).
const emulator = new URLSearchParams(location.search).get('emulator') ?? 'https://127.0.0.1:4000'
const clientId = 'spa-client'
const status = document.querySelector('#status')
const passwordForm = document.querySelector('#password')
const recoveryForm = document.querySelector('#recovery')
let mfaToken = ''

async function token(params) {
  const res = await fetch(`${emulator}/oauth/token`, {
    method: 'POST',
    body: new URLSearchParams({ client_id: clientId, ...params }),
  })
  return { status: res.status, body: await res.json() }
}

function show(text) {
  status.textContent = text
}

passwordForm.addEventListener('submit', async (event) => {
  event.preventDefault()
  const form = new FormData(passwordForm)
  try {
    const answer = await token({
      grant_type: 'password',
      username: String(form.get('username')),
      password: String(form.get('password')),
      scope: 'openid profile email',
    })
    if (answer.body.error === 'mfa_required') {
      mfaToken = answer.body.mfa_token
      passwordForm.hidden = true
      recoveryForm.hidden = false
      show('mfa_required')
    } else {
      show(answer.body.error_description ?? 'signed in without MFA')
    }
  } catch (err) {
    // An untrusted certificate or a refused origin: the browser says only "Failed to fetch".
    show(`cannot reach ${emulator}: ${err.message}`)
  }
})

recoveryForm.addEventListener('submit', async (event) => {
  event.preventDefault()
  const form = new FormData(recoveryForm)
  const answer = await token({
    grant_type: 'http://auth0.com/oauth/grant-type/mfa-recovery-code',
    mfa_token: mfaToken,
    recovery_code: String(form.get('recovery_code')).trim(),
  })
  show(
    answer.status === 200
      ? `signed in; your new recovery code is ${answer.body.recovery_code}`
      : `${answer.body.error}: ${answer.body.error_description}`,
  )
})
