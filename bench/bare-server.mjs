// The floor for cold start: express 5 + @mswjs/http-middleware + one msw handler, nothing else.
import { createMiddleware } from '@mswjs/http-middleware'
import express from 'express'
import { HttpResponse, http } from 'msw'

const app = express()
app.use(
  createMiddleware(http.get('*/__emulator/health', () => HttpResponse.json({ status: 'ok' }))),
)
const server = app.listen(0, '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${server.address().port}`)
})
process.on('SIGTERM', () => server.close(() => process.exit(0)))
