import { accessSync, constants, lstatSync, realpathSync, statSync } from 'node:fs'
import { dirname } from 'node:path'
import { StateFileError } from './state-file.js'

/**
 * Where writes go: the target of a symlink (so the link stays a link), after checking at start
 * that its directory exists and is writable and that an existing file is not read-only.
 */
export function writablePath(path: string): string {
  let target = path
  try {
    if (lstatSync(path).isSymbolicLink()) target = realpathSync(path)
  } catch {
    // No file yet: it is created in its directory.
  }
  const dir = dirname(target)
  // The mode bits too: running as root, access() allows what the owner meant to forbid.
  const writable = (p: string) => {
    accessSync(p, constants.W_OK)
    if ((statSync(p).mode & 0o222) === 0) throw Object.assign(new Error(), { code: 'EACCES' })
  }
  try {
    if (!statSync(dir).isDirectory()) throw new Error()
    writable(dir)
  } catch {
    throw new StateFileError(
      `state file ${path}: its directory ${dir} does not exist or is not writable; create it or choose another --state-file`,
    )
  }
  try {
    writable(target)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new StateFileError(
        `state file ${path} is read-only; make it writable or choose another --state-file`,
      )
    }
  }
  return target
}
