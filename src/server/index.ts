export { loadFixtureFile } from '../fixtures/load.js'
export { type AppOptions, createApp } from './app.js'
export { LOG_FORMATS, type LogFormat } from './request-log.js'
export { ListenError, type RunningServer, type StartServerOptions, startServer } from './start.js'
