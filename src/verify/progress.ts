import type { ProgressEvent } from './options.js'
import { caseLines, runningLine } from './report-text.js'

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏']
const CLEAR = '\r\x1b[2K'

/** Where progress goes: a stream that may be a terminal. */
export interface ProgressOutput {
  write(text: string): void
  isTTY: boolean
}

/**
 * Prints each finished case; on a terminal, a spinner line stands in for the running case
 * (plain lines otherwise, so logs stay clean).
 */
export function progressPrinter(out: ProgressOutput): {
  onProgress(event: ProgressEvent): void
  stop(): void
} {
  let timer: ReturnType<typeof setInterval> | undefined
  const stop = () => {
    if (timer === undefined) return
    clearInterval(timer)
    timer = undefined
    out.write(CLEAR)
  }
  return {
    onProgress(event) {
      if (!event.report) {
        if (!out.isTTY) return
        const line = runningLine(event.index, event.total, event.id, event.title)
        let frame = 0
        const draw = () => out.write(`${CLEAR}${FRAMES[frame++ % FRAMES.length]} ${line}`)
        draw()
        timer = setInterval(draw, 100)
        return
      }
      stop()
      out.write(`${caseLines(event.report, event.index, event.total).join('\n')}\n`)
    },
    stop,
  }
}
