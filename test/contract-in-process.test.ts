import { describe } from 'vitest'
import { runContract } from './contract/run.js'
import { inProcessDriver } from './support/drivers.js'

describe('contract, in-process through setupServer', () => {
  runContract(inProcessDriver)
})
