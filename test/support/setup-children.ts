import { afterAll, afterEach } from 'vitest'
import { killChildren } from './children.js'

// In every test file: no process a test spawned outlives it, whether the test passed or not.
afterEach(killChildren)
afterAll(killChildren)
