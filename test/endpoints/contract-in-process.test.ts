import { describe } from 'vitest'
import { inProcessDriver } from '../support/drivers.js'
import { runContract } from './contract/run.js'

describe('contract, in-process through setupServer', () => {
  runContract(inProcessDriver)
})
