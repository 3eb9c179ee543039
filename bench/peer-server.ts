// The reference peer: oauth2-mock-server's token endpoint, one RS256 JWT per request.
import { OAuth2Server } from 'oauth2-mock-server'

const server = new OAuth2Server()
await server.issuer.keys.generate('RS256')
await server.start(0, '127.0.0.1')
console.log(`listening on ${server.issuer.url}`)
process.on('SIGTERM', () => {
  server.stop().then(() => process.exit(0))
})
