import { describe } from 'vitest'
import { httpDriver } from '../support/drivers.js'
import { runContract } from './contract/run.js'

describe('contract, over HTTP against the standalone server', () => {
  runContract(httpDriver)
})
