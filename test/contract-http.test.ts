import { describe } from 'vitest'
import { runContract } from './contract/run.js'
import { httpDriver } from './support/drivers.js'

describe('contract, over HTTP against the standalone server', () => {
  runContract(httpDriver)
})
